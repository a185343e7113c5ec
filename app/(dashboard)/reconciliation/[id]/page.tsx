import { SavedReconciliationPage } from "@/components/reconciliation/saved-reconciliation-detail";
import { pageMetadata, suspendedIdPage } from "../../page-parts";

export const metadata = pageMetadata("Saved reconciliation");

export default suspendedIdPage(SavedReconciliationPage, "p-4 print:p-0");
