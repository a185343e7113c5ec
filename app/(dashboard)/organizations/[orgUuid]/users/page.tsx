import { Suspense } from "react";
import { UsersTable } from "@/components/users/users-table";
import { pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Users");

export default async function OrganizationUsersPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <Suspense>
      <UsersTable orgUuid={orgUuid.toLowerCase()} />
    </Suspense>
  );
}
