import { ExportsPage } from "@/components/exports/exports-page";
import { pageMetadata, suspendedPage } from "../page-parts";

export const metadata = pageMetadata("Exports");

export default suspendedPage(ExportsPage);
