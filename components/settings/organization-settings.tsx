"use client";
import { HistorySection } from "@/components/changes/history-section";
import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { organizationSettingsQuery, toApiError } from "@/lib/browser/query";
import { groupSettings } from "@/lib/browser/settings/group-settings";
import { countOf } from "@/lib/browser/format/numbers";
import { ApiKeysTable } from "./api-keys-table";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { RawJsonDisclosure } from "./raw-json-disclosure";
import { SettingsSections } from "./settings-sections";

/** One organization's effective settings in plain words, its API keys, and the raw answer on request. */
export function OrganizationSettings({ orgUuid }: { orgUuid: string }) {
  const query = useQuery(organizationSettingsQuery(orgUuid));

  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading settings…
      </p>
    );
  }
  if (query.isError) return <ErrorNotice error={toApiError(query.error)} onRetry={() => void query.refetch()} />;

  const effective = query.data;
  const sections = groupSettings(effective);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="max-w-3xl text-sm text-slate-700">
          The settings in force for this organization ({countOf(effective.settings.length, "setting")}), after every policy is
          applied. Settings this organization&rsquo;s admins cannot change (controlled by Anthropic policy or not available to the
          organization) are <strong>omitted</strong> by the Compliance API, so they do not appear here.
        </p>
        <AppLink href="/settings/compare" className="text-sm text-brand-700 hover:underline">
          Compare with other organizations →
        </AppLink>
      </div>
      {sections.length === 0 ? (
        <p className="rounded border border-slate-200 p-4 text-sm text-slate-600">
          The Compliance API reports no settings for this organization: none can be changed by its admins.
        </p>
      ) : (
        <SettingsSections sections={sections} />
      )}
      <section aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading" className="mb-1.5 text-sm font-semibold text-slate-800">
          Compliance API keys {effective.api_keys ? <span className="font-normal text-slate-600">({effective.api_keys.length})</span> : null}
        </h2>
        <p className="mb-2 text-xs text-slate-600">Keys of the parent organization: each reads the whole tree within its scopes.</p>
        <ApiKeysTable keys={effective.api_keys} />
      </section>
      <HistorySection subject={{ kind: "settings", orgUuid }} title="Settings history" />
      <RawJsonDisclosure value={effective} label="Raw JSON (the Compliance API's answer)" />
    </div>
  );
}
