import type { Metadata } from "next";
import { Suspense } from "react";
import { CompareView } from "@/components/people/compare-view";

export const metadata: Metadata = { title: "Compare people · Compliance Directory" };

export default function Page() {
  return (
    <Suspense>
      <CompareView />
    </Suspense>
  );
}
