import { ChangesPage } from "@/components/changes/changes-page";
import { changesFirstScreen } from "@/lib/server/changes/changes-read";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";
import { pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Changes");

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  return <ChangesPage firstScreen={await changesFirstScreen(searchParamsOf(await searchParams))} />;
}
