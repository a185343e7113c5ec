import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PersonDetailView } from "@/components/people/person-detail-view";
import { PersonByEmail } from "@/components/people/person-by-email";
import { classifyEntry, isUserId } from "@/lib/directory/entries";
import { SEARCH_MAX_LENGTH } from "@/lib/directory/search-wire";

export const metadata: Metadata = { title: "Person · Compliance Directory" };

export default async function Page({ params }: { params: Promise<{ userId: string }> }) {
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
      <Suspense>
        <PersonByEmail email={id.trim()} />
      </Suspense>
    );
  }
  if (!isUserId(id)) notFound();
  return (
    <Suspense>
      <PersonDetailView userId={id} />
    </Suspense>
  );
}
