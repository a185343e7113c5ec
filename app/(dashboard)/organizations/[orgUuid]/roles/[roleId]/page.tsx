import { notFound } from "next/navigation";
import { isRbacId } from "@/lib/shared/compliance/ids";
import { RoleDetail } from "@/components/roles/role-detail";
import { ClientPart, decodeSegment, pageMetadata } from "../../../../page-parts";

export const metadata = pageMetadata("Role");

export default async function RolePage({ params }: { params: Promise<{ orgUuid: string; roleId: string }> }) {
  const { orgUuid, roleId } = await params;
  const id = decodeSegment(roleId);
  if (id === null || !isRbacId(id)) notFound();
  return (
    <ClientPart>
      <RoleDetail orgUuid={orgUuid.toLowerCase()} roleId={id} />
    </ClientPart>
  );
}
