import type { Metadata } from "next";
import { PrivilegedPage } from "@/components/privileged/privileged-page";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";
import { privilegedFirstScreen } from "@/lib/server/privileged/query";

export const metadata: Metadata = { title: "Privileged access · Compliance Directory" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  return <PrivilegedPage firstScreen={await privilegedFirstScreen(searchParamsOf(await searchParams))} />;
}
