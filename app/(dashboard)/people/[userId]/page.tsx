import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PersonDetailView } from "@/components/people/person-detail-view";
import { isUserId } from "@/lib/directory/entries";

export const metadata: Metadata = { title: "Person · Compliance Directory" };

export default async function Page({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const id = decodeURIComponent(userId);
  if (!isUserId(id)) notFound();
  return (
    <Suspense>
      <PersonDetailView userId={id} />
    </Suspense>
  );
}
