import { OrganizationTree } from "@/components/overview/organization-tree";
import { pageMetadata, suspendedPage } from "../page-parts";

export const metadata = pageMetadata("Organizations");

// The organization list is the tree itself: every row links to its Users, Roles and Settings.
export default suspendedPage(OrganizationTree);
