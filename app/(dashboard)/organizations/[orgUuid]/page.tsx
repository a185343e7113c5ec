import { redirect } from "next/navigation";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";

/**
 * An organization's own address opens its users, the page its name links to everywhere (the layout
 * has checked the uuid). The query string goes along: `as_of` keeps the sync shown.
 */
export default async function Page({ params, searchParams }: { params: Promise<{ orgUuid: string }>; searchParams: Promise<PageSearchParams> }) {
  const { orgUuid } = await params;
  const query = searchParamsOf(await searchParams).toString();
  redirect(`/organizations/${encodeURIComponent(orgUuid)}/users${query ? `?${query}` : ""}`);
}
