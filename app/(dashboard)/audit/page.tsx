import { AuditPage } from "@/components/audit/audit-page";
import { pageMetadata, suspendedPage } from "../page-parts";

export const metadata = pageMetadata("Audit log");

export default suspendedPage(AuditPage);
