import { SeedListDetailPage } from "@/components/seed-lists/seed-list-detail";
import { pageMetadata, suspendedIdPage } from "../../page-parts";

export const metadata = pageMetadata("Seed list");

export default suspendedIdPage(SeedListDetailPage, "p-4");
