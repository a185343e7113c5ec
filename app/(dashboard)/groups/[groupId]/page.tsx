import { notFound } from "next/navigation";
import { isRbacId } from "@/lib/shared/compliance/ids";
import { GroupDetail } from "@/components/groups/group-detail";
import { ClientPart, decodeSegment, pageMetadata } from "../../page-parts";

export const metadata = pageMetadata("Group");

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  const id = decodeSegment(groupId);
  if (id === null || !isRbacId(id)) notFound();
  return (
    <ClientPart>
      <GroupDetail groupId={id} />
    </ClientPart>
  );
}
