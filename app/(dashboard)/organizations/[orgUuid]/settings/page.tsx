import { OrganizationSettings } from "@/components/settings/organization-settings";
import { pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Settings");

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <div className="p-4">
      <OrganizationSettings orgUuid={orgUuid.toLowerCase()} />
    </div>
  );
}
