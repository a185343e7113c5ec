import { SavedReconciliationPage } from "@/components/reconciliation/saved-reconciliation-detail";
import { RECONCILIATION_ID_RE } from "@/lib/shared/reconciliation/saved-schema";
import { pageMetadata, suspendedIdPage } from "../../page-parts";

export const metadata = pageMetadata("Saved reconciliation");

export default suspendedIdPage(SavedReconciliationPage, "p-4 print:p-0", RECONCILIATION_ID_RE);
