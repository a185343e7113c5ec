import { OrganizationTree } from "@/components/overview/organization-tree";
import { pageMetadata, suspendedPage } from "./page-parts";

export const metadata = pageMetadata("Overview");

export default suspendedPage(OrganizationTree);
