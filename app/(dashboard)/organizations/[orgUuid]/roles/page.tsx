import type { Metadata } from "next";
import { OrganizationRoles } from "@/components/roles/organization-roles";

export const metadata: Metadata = { title: "Roles · Compliance Directory" };

export default async function OrganizationRolesPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return <OrganizationRoles orgUuid={orgUuid.toLowerCase()} />;
}
