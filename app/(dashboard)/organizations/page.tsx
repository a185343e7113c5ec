import type { Metadata } from "next";
import { Suspense } from "react";
import { OrganizationTree } from "@/components/overview/organization-tree";

export const metadata: Metadata = { title: "Organizations · Compliance Directory" };

// The organization list is the tree itself: every row links to its Users, Roles and Settings.
export default function OrganizationsPage() {
  return (
    <Suspense>
      <OrganizationTree />
    </Suspense>
  );
}
