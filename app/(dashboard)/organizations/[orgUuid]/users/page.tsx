import { UsersTable } from "@/components/users/users-table";
import { ClientPart, pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Users");

export default async function OrganizationUsersPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <ClientPart>
      <UsersTable orgUuid={orgUuid.toLowerCase()} />
    </ClientPart>
  );
}
