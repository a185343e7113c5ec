import type { Metadata } from "next";
import { OrganizationSettings } from "@/components/settings/organization-settings";

export const metadata: Metadata = { title: "Settings · Compliance Directory" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <div className="p-4">
      <OrganizationSettings orgUuid={orgUuid.toLowerCase()} />
    </div>
  );
}
