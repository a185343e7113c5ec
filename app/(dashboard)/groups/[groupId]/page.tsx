import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isRbacId } from "@/lib/compliance/ids";
import { GroupDetail } from "@/components/groups/group-detail";

export const metadata: Metadata = { title: "Group · Compliance Directory" };

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  const id = safeDecode(groupId);
  if (id === null || !isRbacId(id)) notFound();
  return <GroupDetail groupId={id} />;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
