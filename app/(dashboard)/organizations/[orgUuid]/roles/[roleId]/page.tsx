import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isRbacId } from "@/lib/compliance/ids";
import { RoleDetail } from "@/components/roles/role-detail";

export const metadata: Metadata = { title: "Role · Compliance Directory" };

export default async function RolePage({ params }: { params: Promise<{ orgUuid: string; roleId: string }> }) {
  const { orgUuid, roleId } = await params;
  const id = safeDecode(roleId);
  if (id === null || !isRbacId(id)) notFound();
  return <RoleDetail orgUuid={orgUuid.toLowerCase()} roleId={id} />;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
