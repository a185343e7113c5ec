import type { Metadata } from "next";
import { Suspense } from "react";
import { OrganizationTree } from "@/components/overview/organization-tree";

export const metadata: Metadata = { title: "Overview · Compliance Directory" };

export default function OverviewPage() {
  return (
    <Suspense>
      <OrganizationTree />
    </Suspense>
  );
}
