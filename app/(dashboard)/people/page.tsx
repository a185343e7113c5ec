import type { Metadata } from "next";
import { Suspense } from "react";
import { PeoplePage } from "@/components/people/people-page";

export const metadata: Metadata = { title: "People · Compliance Directory" };

export default function Page() {
  // The table reads its view from the query string; Suspense lets the page render before that is known.
  return (
    <Suspense>
      <PeoplePage />
    </Suspense>
  );
}
