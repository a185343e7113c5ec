import { CompareView } from "@/components/people/compare-view";
import { pageMetadata, suspendedPage } from "../../page-parts";

export const metadata = pageMetadata("Compare people");

export default suspendedPage(CompareView);
