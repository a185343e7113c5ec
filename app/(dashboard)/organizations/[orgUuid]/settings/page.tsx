import { OrganizationSettings } from "@/components/settings/organization-settings";
import { ClientPart, pageMetadata } from "../../../page-parts";

export const metadata = pageMetadata("Settings");

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ orgUuid: string }> }) {
  const { orgUuid } = await params;
  return (
    <div className="p-4">
      <ClientPart>
        <OrganizationSettings orgUuid={orgUuid.toLowerCase()} />
      </ClientPart>
    </div>
  );
}
