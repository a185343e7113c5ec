import { OrganizationRoles } from "@/components/roles/organization-roles";
import { pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Roles");

export default async function OrganizationRolesPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return <OrganizationRoles orgUuid={orgUuid.toLowerCase()} />;
}
