import { OrganizationRoles } from "@/components/roles/organization-roles";
import { ClientPart, pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Roles");

export default async function OrganizationRolesPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <ClientPart>
      <OrganizationRoles orgUuid={orgUuid.toLowerCase()} />
    </ClientPart>
  );
}
