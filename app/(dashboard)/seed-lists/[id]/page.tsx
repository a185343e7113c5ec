import { SeedListDetailPage } from "@/components/seed-lists/seed-list-detail";
import { SEED_LIST_ID_RE } from "@/lib/shared/seed-lists/schema";
import { pageMetadata, suspendedIdPage } from "../../page-parts";

export const metadata = pageMetadata("Seed list");

export default suspendedIdPage(SeedListDetailPage, "p-4", SEED_LIST_ID_RE);
