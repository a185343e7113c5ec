import { UsersFirstScreenView } from "@/components/users/users-first-screen";
import { UsersTable } from "@/components/users/users-table";
import { organizationUsersFirstScreen } from "@/lib/server/first-screen/organization-users";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";
import { ClientPart, pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Users");

/** The users table; its first rows come with the HTML (lib/server/first-screen) when the newest sync has them. */
export default async function OrganizationUsersPage({ params, searchParams }: { params: Promise<{ orgUuid: string }>; searchParams: Promise<PageSearchParams> }) {
  const orgUuid = (await params).orgUuid.toLowerCase();
  const firstScreen = await organizationUsersFirstScreen(orgUuid, searchParamsOf(await searchParams));
  return (
    <ClientPart firstScreen={firstScreen ? <UsersFirstScreenView firstScreen={firstScreen} /> : undefined}>
      <UsersTable orgUuid={orgUuid} firstScreen={firstScreen} />
    </ClientPart>
  );
}
