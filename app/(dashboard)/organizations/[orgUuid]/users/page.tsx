import type { Metadata } from "next";
import { Suspense } from "react";
import { UsersTable } from "@/components/users/users-table";

export const metadata: Metadata = { title: "Users · Compliance Directory" };

export default async function OrganizationUsersPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <Suspense>
      <UsersTable orgUuid={orgUuid.toLowerCase()} />
    </Suspense>
  );
}
