import { notFound } from "next/navigation";
import { PersonDetailView } from "@/components/people/person-detail-view";
import { PersonByEmail } from "@/components/people/person-by-email";
import { classifyEntry, isUserId } from "@/lib/shared/directory/entries";
import { SEARCH_MAX_LENGTH } from "@/lib/shared/directory/search-wire";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";
import { personFirstScreen } from "@/lib/server/first-screen/person";
import { ClientPart, pageMetadata } from "../../page-parts";

export const metadata = pageMetadata("Person");

export default async function Page({ params, searchParams }: { params: Promise<{ userId: string }>; searchParams: Promise<PageSearchParams> }) {
  const { userId } = await params;
  let id: string;
  try {
    id = decodeURIComponent(userId);
  } catch {
    notFound();
  }
  // An email from HR works as well as an id: /people/jane@acme.com finds her (or offers a choice).
  if (classifyEntry(id).kind === "email" && id.length <= SEARCH_MAX_LENGTH) {
    return (
      <ClientPart>
        <PersonByEmail email={id.trim()} />
      </ClientPart>
    );
  }
  if (!isUserId(id)) notFound();
  return (
    <ClientPart>
      <PersonDetailView userId={id} firstScreen={await personFirstScreen(id, searchParamsOf(await searchParams))} />
    </ClientPart>
  );
}
