import type { Metadata } from "next";
import { Suspense } from "react";
import { ExportsPage } from "@/components/exports/exports-page";

export const metadata: Metadata = { title: "Exports · Compliance Directory" };

export default function Page() {
  return (
    <Suspense>
      <ExportsPage />
    </Suspense>
  );
}
