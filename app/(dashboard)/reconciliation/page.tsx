import { ReconciliationPage } from "@/components/reconciliation/reconciliation-page";
import { ClientPart, PageHeading, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Reconciliation");

export default function Page() {
  return (
    <div className="flex flex-col gap-3 p-4">
      <PageHeading title="Group reconciliation">
        A group&apos;s members against the list its system of record expects: who is in both, who has access without being expected, who is expected but missing.
      </PageHeading>
      <ClientPart>
        <ReconciliationPage />
      </ClientPart>
    </div>
  );
}
