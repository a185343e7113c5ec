import type { Metadata } from "next";
import { Suspense } from "react";
import { SavedReconciliationPage } from "@/components/reconciliation/saved-reconciliation-detail";

export const metadata: Metadata = { title: "Saved reconciliation · Compliance Directory" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="p-4 print:p-0">
      <Suspense>
        <SavedReconciliationPage id={id} />
      </Suspense>
    </div>
  );
}
