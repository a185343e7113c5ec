import { OrganizationTree } from "@/components/overview/organization-tree";
import { OverviewFirstScreenView } from "@/components/overview/overview-first-screen";
import { overviewFirstScreen } from "@/lib/server/first-screen/overview";
import { firstScreenPage, pageMetadata } from "./page-parts";

export const metadata = pageMetadata("Overview");

export default firstScreenPage(overviewFirstScreen, OverviewFirstScreenView, OrganizationTree);
