"use client";

import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { useMemo, useState } from "react";
import { directorySummaryQuery } from "@/components/people/directory-queries";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { ORGANIZATION_ROLES, type Group, type Organization } from "@/lib/shared/compliance/schemas";
import { GROUPS_COLUMNS, ROLES_COLUMNS, SETTINGS_COLUMNS, USERS_COLUMNS } from "@/lib/shared/export/columns";
import { directoryExportHref, parseDirectoryExportQuery, type DirectoryExportKind } from "@/lib/shared/export/export-query";
import { parseUsersExportQuery, usersExportHref } from "@/lib/shared/export/users-query";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { groupsQuery, organizationsQuery, useWalk, type Walk } from "@/lib/browser/query";
import { completeSyncs, syncsQuery } from "@/lib/browser/query/sync-queries";
import { ChoiceFilter, type Choice } from "./choice-filter";
import { ExportCard } from "./export-card";
import { useExportParams } from "./use-export-params";

/*
 * Every export the server makes, each saying what it holds before it is downloaded. The choices
 * are in the URL; the links are built with the same modules the server validates with, so what
 * the page offers always passes.
 */

function walkStatus<T>(walk: Walk<T>, noun: string): string | undefined {
  if (walk.status === "complete") return undefined;
  if (walk.status === "error") return `The ${noun} could not be loaded: ${walk.error?.message ?? "unknown error"}`;
  return `Loading ${noun}: ${formatCount(walk.loaded)} so far…`;
}

function useOrganizationChoices() {
  const walk = useWalk(organizationsQuery());
  const choices = useMemo<Choice[]>(() => walk.rows.map((o: Organization) => ({ value: o.uuid, label: o.name, hint: o.uuid.slice(0, 8) })), [walk.rows]);
  return { choices, status: walkStatus(walk, "organizations"), total: walk.status === "complete" ? walk.rows.length : null };
}

function useGroupChoices() {
  const walk = useWalk(groupsQuery());
  const choices = useMemo<Choice[]>(() => walk.rows.map((g: Group) => ({ value: g.id, label: g.name, hint: g.source_type })), [walk.rows]);
  return { choices, status: walkStatus(walk, "groups"), total: walk.status === "complete" ? walk.rows.length : null };
}

/**
 * The directory's counts: at once when a sync is stored (the store answers them, no upstream call);
 * before the first sync only when the officer asks, as counting then walks the whole tree live.
 */
function useDirectoryCounts() {
  const [asked, setAsked] = useState(false);
  const synced = completeSyncs(useQuery(syncsQuery()).data?.syncs ?? []).length > 0;
  const q = useQuery({ ...directorySummaryQuery(), enabled: asked || synced });
  return { counts: q.data?.counts ?? null, synced, loading: q.isFetching, error: q.error, ask: () => setAsked(true) };
}

function CountLine({ directory, render }: { directory: ReturnType<typeof useDirectoryCounts>; render: (c: NonNullable<ReturnType<typeof useDirectoryCounts>["counts"]>) => string }) {
  if (directory.counts) {
    // The file itself is read live as it downloads: what the upstream holds then, which the sync may not yet.
    return (
      <span>
        {directory.synced ? "In the sync the header names: " : "Now: "}
        {render(directory.counts)} (the whole directory; filters narrow it). The file counts its own rows as they arrive.
      </span>
    );
  }
  if (directory.loading) return <span>Counting the directory…</span>;
  if (directory.error) return <span className="text-amber-800">The directory could not be counted; the download still works and counts its rows as they arrive.</span>;
  return (
    <span>
      Known once the file has arrived, or{" "}
      <button type="button" onClick={directory.ask} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50">
        count the directory now
      </button>{" "}
      (one walk of every organization, at the API&apos;s shared rate).
    </span>
  );
}

/** A text filter kept in the URL; typing replaces the entry, so Back does not step through letters. */
function TextChoice({ label, value, placeholder, onChange, width = "w-48" }: { label: string; value: string; placeholder: string; onChange: (v: string) => void; width?: string }) {
  const [text, setText] = useState(value);
  // The URL changed under the box (Back, a pasted link): the box follows.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
      {label}
      <input
        type="text"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
        className={`h-7 rounded border border-slate-300 px-2 text-xs ${width}`}
      />
    </label>
  );
}

const splitList = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

export function ExportsPage() {
  const params = useExportParams();
  const disabledReason = useExportDisabledReason();
  const orgs = useOrganizationChoices();
  const groups = useGroupChoices();
  const directory = useDirectoryCounts();
  const roleChoices = useMemo<Choice[]>(() => ORGANIZATION_ROLES.map((r) => ({ value: r, label: r })), []);

  // --- users ---
  const usersFormat = params.one("users_format") === "ndjson" ? "ndjson" : "csv";
  const usersDomains = params.one("users_domain");
  const usersHref = useMemo(() => {
    const href = usersExportHref(usersFormat, {
      orgs: params.list("users_org"),
      roles: params.list("users_role"),
      domains: splitList(usersDomains),
      q: params.one("users_q") || undefined,
      bom: params.one("users_bom") === "1",
    });
    // Checked with the server's own parser: a typo in a domain is caught here, not after a click.
    const parsed = parseUsersExportQuery(new URL(href, "http://x").searchParams, usersFormat);
    return parsed.ok ? ({ ok: true, href } as const) : ({ ok: false, message: parsed.message } as const);
  }, [params, usersFormat, usersDomains]);

  const directoryHref = (kind: DirectoryExportKind, filterKey: "org" | "group") => {
    const values = params.list(`${kind}_${filterKey}`);
    const href = directoryExportHref(kind, { [filterKey === "org" ? "orgs" : "groups"]: values, bom: params.one(`${kind}_bom`) === "1" });
    const parsed = parseDirectoryExportQuery(new URL(href, "http://x").searchParams, kind);
    return parsed.ok ? ({ ok: true, href } as const) : ({ ok: false, message: parsed.message } as const);
  };

  // The same export as a workbook of text cells: same path with .xlsx, same parameters.
  const spreadsheetOf = (h: { ok: boolean; href?: string }) => (h.ok && h.href ? h.href.replace(/\.(?:csv|ndjson)(?=\?|$)/, ".xlsx") : undefined);

  const orgFilter = (key: string) => (
    <ChoiceFilter label="Organizations" allLabel={`All organizations${orgs.total !== null ? ` (${formatCount(orgs.total)})` : ""}`} choices={orgs.choices} selected={params.list(key)} onChange={(v) => params.setList(key, v)} status={orgs.status} />
  );
  const bomProps = (kind: string) => ({ bom: params.one(`${kind}_bom`) === "1", onBomChange: (on: boolean) => params.setOne(`${kind}_bom`, on ? "1" : "") });
  // A directory CSV card's download: the csv, its workbook twin, the BOM switch, the officer gate.
  const directoryCsvProps = (kind: DirectoryExportKind, filterKey: "org" | "group") => {
    const href = directoryHref(kind, filterKey);
    return { format: "csv" as const, href, spreadsheetHref: spreadsheetOf(href), ...bomProps(kind), disabledReason };
  };

  return (
    <div className="flex flex-col gap-4 p-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Exports</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Each file is read from the Compliance API while you wait, every page of it, at the API&apos;s shared rate; nothing is capped or sampled. To open a file in a
          spreadsheet, download the <strong className="font-medium">XLSX</strong>: every cell is text, so nothing can run as a formula. The{" "}
          <strong className="font-medium">CSV</strong> (UTF-8, one header row) is for tools and scripts; in it, a cell that a spreadsheet would run as a formula gets a
          leading <code className="font-mono">&apos;</code>. Every download (and every refusal) is recorded in the{" "}
          <AppLink href="/audit" className="underline">
            audit log
          </AppLink>{" "}
          with its filters, rows, bytes and the SHA-256 of the file sent.
        </p>
      </div>

      <ExportCard
        id="users"
        title={usersFormat === "csv" ? "users.csv" : "users.ndjson"}
        rows="One row per user per organization: a person in two organizations has two rows. Every user of every organization, or of the chosen ones, matching the role, domain and search filters."
        columns={usersFormat === "csv" ? USERS_COLUMNS : [...USERS_COLUMNS, "…any field a later API version adds"]}
        count={<CountLine directory={directory} render={(c) => `${countOf(c.memberships, "membership")} of ${countOf(c.people, "person", "people")} in ${countOf(c.organizations, "organization")}`} />}
        format={usersFormat}
        href={usersHref}
        spreadsheetHref={spreadsheetOf(usersHref)}
        {...bomProps("users")}
        disabledReason={disabledReason}
        filters={
          <>
            {orgFilter("users_org")}
            <ChoiceFilter label="Organization roles" allLabel="Any role" choices={roleChoices} selected={params.list("users_role")} onChange={(v) => params.setList("users_role", v)} />
            <TextChoice label="Email domains" value={usersDomains} placeholder="example.com, example.org" onChange={(v) => params.setOne("users_domain", v, "replace")} />
            <TextChoice label="Search" value={params.one("users_q")} placeholder="name, email or user id" onChange={(v) => params.setOne("users_q", v, "replace")} />
            <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
              Format
              <select value={usersFormat} onChange={(e) => params.setOne("users_format", e.target.value === "ndjson" ? "ndjson" : "")} className="h-7 rounded border border-slate-300 bg-white px-1 text-xs">
                <option value="csv">CSV</option>
                <option value="ndjson">NDJSON</option>
              </select>
            </label>
          </>
        }
      />

      <ExportCard
        id="roles"
        title="roles.csv"
        rows="One row per organization, role and permission. A role that grants nothing still has one row, with empty permission cells."
        columns={ROLES_COLUMNS}
        count={<CountLine directory={directory} render={(c) => `${countOf(c.roles, "role")} in ${countOf(c.organizations, "organization")}; each role has as many rows as permissions`} />}
        {...directoryCsvProps("roles", "org")}
        filters={orgFilter("roles_org")}
      />

      <ExportCard
        id="groups"
        title="groups.csv"
        rows={
          <>
            One row per group and member; a group without members still has one row, with empty member cells. Groups belong to the parent organization, so this export
            is filtered by group, not by organization. <code className="font-mono text-xs">role_ids</code> are joined with &ldquo;;&rdquo;; members carry no name (join
            with users.csv on <code className="font-mono text-xs">user_id</code>).
          </>
        }
        columns={GROUPS_COLUMNS}
        count={<CountLine directory={directory} render={(c) => `${countOf(c.groupMemberships, "membership")} in ${countOf(c.groups, "group")}`} />}
        {...directoryCsvProps("groups", "group")}
        filters={
          <ChoiceFilter
            label="Groups"
            allLabel={`All groups${groups.total !== null ? ` (${formatCount(groups.total)})` : ""}`}
            choices={groups.choices}
            selected={params.list("groups_group")}
            onChange={(v) => params.setList("groups_group", v)}
            status={groups.status}
          />
        }
      />

      <ExportCard
        id="settings"
        title="settings.csv"
        rows="One row per organization and enforced setting (settings the organization's admins cannot change are not listed by the API). Values: true/false, empty for none, lists joined with “;”, data retention as compact JSON."
        columns={SETTINGS_COLUMNS}
        count={orgs.total !== null ? <span>{countOf(orgs.total, "organization")} (one settings request each), about 20 rows each.</span> : undefined}
        {...directoryCsvProps("settings", "org")}
        filters={orgFilter("settings_org")}
      />
    </div>
  );
}
