import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { OrganizationHeader } from "@/components/shell/organization-header";
import { isOrganizationUuid } from "@/lib/shared/compliance/ids";

/** One organization: its name and ids, and its sections (Users, Roles, Settings). */
export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  if (!isOrganizationUuid(orgUuid)) notFound();
  return (
    <>
      <OrganizationHeader orgUuid={orgUuid.toLowerCase()} />
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </>
  );
}
