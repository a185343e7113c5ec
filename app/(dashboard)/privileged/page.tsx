import { PrivilegedFirstScreenView } from "@/components/privileged/privileged-first-screen";
import { PrivilegedPage } from "@/components/privileged/privileged-page";
import { privilegedFirstScreen } from "@/lib/server/privileged/query";
import { firstScreenPage, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Privileged access");

export default firstScreenPage(privilegedFirstScreen, PrivilegedFirstScreenView, PrivilegedPage);
