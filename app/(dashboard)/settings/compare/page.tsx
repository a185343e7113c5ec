import { SettingsComparison } from "@/components/settings/settings-comparison";
import { ClientPart, PageHeading, pageMetadata } from "../../page-parts";

export const metadata = pageMetadata("Settings comparison");

export default function SettingsComparisonPage() {
  return (
    <div className="space-y-3 p-4">
      <PageHeading title="Settings across organizations" descriptionClassName="max-w-4xl text-sm text-slate-600">
        The effective settings of every organization the key reaches, one organization per row, compared with a baseline (the value most
        organizations hold, or one organization you choose), so drift (one organization without SSO enforced, a shorter retention, an extra
        invite domain) is visible at a glance.
      </PageHeading>
      <ClientPart>
        <SettingsComparison />
      </ClientPart>
    </div>
  );
}
