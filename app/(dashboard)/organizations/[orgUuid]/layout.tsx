import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ClientOnly } from "@/components/shell/client-only";
import { OrganizationHeader } from "@/components/shell/organization-header";
import { isOrganizationUuid } from "@/lib/shared/compliance/ids";

/** One organization: its name and ids, and its sections (Users, Roles, Settings). */
export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  if (!isOrganizationUuid(orgUuid)) notFound();
  return (
    <>
      {/* It reads the tab's query cache: browser only, as every page's interactive part (page-parts.tsx). */}
      <ClientOnly>
        <OrganizationHeader orgUuid={orgUuid.toLowerCase()} />
      </ClientOnly>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </>
  );
}
