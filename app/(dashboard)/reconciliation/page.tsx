import type { Metadata } from "next";
import { Suspense } from "react";
import { ReconciliationPage } from "@/components/reconciliation/reconciliation-page";

export const metadata: Metadata = { title: "Reconciliation · Compliance Directory" };

export default function Page() {
  return (
    <div className="flex flex-col gap-3 p-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Group reconciliation</h1>
        <p className="text-sm text-slate-600">
          A group&apos;s members against the list its system of record expects: who is in both, who has access without being expected, who is expected but missing.
        </p>
      </div>
      <Suspense>
        <ReconciliationPage />
      </Suspense>
    </div>
  );
}
