import { ChangesFirstScreenView } from "@/components/changes/changes-first-screen";
import { ChangesPage } from "@/components/changes/changes-page";
import { changesFirstScreen } from "@/lib/server/changes/changes-read";
import { firstScreenPage, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Changes");

export default firstScreenPage(changesFirstScreen, ChangesFirstScreenView, ChangesPage);
