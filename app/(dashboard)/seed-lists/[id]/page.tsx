import type { Metadata } from "next";
import { Suspense } from "react";
import { SeedListDetailPage } from "@/components/seed-lists/seed-list-detail";

export const metadata: Metadata = { title: "Seed list · Compliance Directory" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="p-4">
      <Suspense>
        <SeedListDetailPage id={id} />
      </Suspense>
    </div>
  );
}
