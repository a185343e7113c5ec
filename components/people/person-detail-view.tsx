"use client";

import { TableHead } from "@/components/results/table-head";
import { HistorySection } from "@/components/changes/history-section";
import { AppLink } from "@/components/shell/app-link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { useQueryState } from "nuqs";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { OrganizationRoleWords } from "@/components/users/organization-role-words";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { formatDateTime, formatUtc } from "@/lib/browser/format/dates";
import { pageParam } from "@/components/data-table/url-parsers";
import type { PersonDetail } from "@/lib/shared/directory/wire";
import { pathLabel, permissionLabel } from "./compare-people";
import { DirectoryProgressLine } from "./directory-progress-line";
import { personDetailQuery } from "./directory-queries";
import { useDirectoryQuery } from "./use-directory-query";
import { compareHref, groupHref, organizationHref, roleHref } from "./links";
import { PersonPrint } from "./person-print";

/*
 * One person: where their access comes from. Direct (organizations list them with an organization
 * role) is kept apart from via group (groups grant RBAC roles, roles carry permissions), and every
 * permission names the group → role path it comes through.
 */

const th = "border-b border-slate-200 bg-slate-50 px-2 py-1 text-left text-xs font-medium text-slate-600";
const td = "border-b border-slate-100 px-2 py-1 align-top";

function Section({ id, title, note, children }: { id: string; title: string; note?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-4">
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {note && <p className="text-xs text-slate-600">{note}</p>}
      <div className="mt-1">{children}</div>
    </section>
  );
}

function CompareForm({ userId }: { userId: string }) {
  const router = useRouter();
  const id = useId();
  const [other, setOther] = useState("");
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const b = other.trim();
        if (b) router.push(compareHref(userId, b));
      }}
    >
      <label htmlFor={id} className="text-xs text-slate-600">
        Compare with
      </label>
      <input
        id={id}
        value={other}
        onChange={(e) => setOther(e.target.value)}
        placeholder="user_… id or email"
        spellCheck={false}
        className="h-7 w-56 rounded border border-slate-300 px-2 text-xs"
      />
      <button type="submit" disabled={!other.trim()} className="h-7 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50 disabled:opacity-50">
        Compare
      </button>
    </form>
  );
}

function PermissionsTable({ detail }: { detail: PersonDetail }) {
  const [filter, setFilter] = useQueryState("perm", pageParam);
  const id = useId();
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(
    () =>
      detail.permissions.filter(
        (p) => !needle || `${permissionLabel(p)} ${p.paths.map(pathLabel).join(" ")}`.toLowerCase().includes(needle),
      ),
    [detail.permissions, needle],
  );
  if (detail.permissions.length === 0) return <p className="text-xs text-slate-600">None: no role their groups grant carries a permission.</p>;
  return (
    <>
      <div className="mb-1 flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Filter permissions
        </label>
        <input
          id={id}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value, { history: "replace" })}
          placeholder="Filter by action, resource, group or role"
          className="h-7 w-80 rounded border border-slate-300 px-2 text-xs"
        />
        <span className="text-xs text-slate-600">
          {needle ? `${formatCount(shown.length)} of ${formatCount(detail.permissions.length)}` : formatCount(detail.permissions.length)} permissions
        </span>
      </div>
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Permissions and the group → role paths they come through</caption>
        <TableHead headers={["Action", "Resource type", "Resource id", "Comes through (group → role)"]} cellClassName={th} />
        <tbody>
          {shown.map((p) => (
            <tr key={`${p.action}|${p.resource_type}|${p.resource_id ?? ""}`}>
              <td className={`${td} font-mono text-xs`}>{p.action}</td>
              <td className={`${td} font-mono text-xs`}>{p.resource_type}</td>
              <td className={`${td} font-mono text-xs`}>{p.resource_id ?? <span className="text-slate-500">any</span>}</td>
              <td className={td}>
                <ul>
                  {p.paths.map((path) => (
                    <li key={`${path.group.id}|${path.role.id}`}>
                      via <AppLink href={groupHref(path.group.id)} className="text-brand-700 hover:underline">{path.group.name}</AppLink> →{" "}
                      <AppLink href={roleHref(path.organization.uuid, path.role.id)} className="text-brand-700 hover:underline">{path.role.name}</AppLink>{" "}
                      <span className="text-xs text-slate-500">({path.organization.name})</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PersonDetailBody({ detail }: { detail: PersonDetail }) {
  const { person } = detail;
  const failedRoles = detail.roles.filter((r) => r.permissions === null);
  return (
    <>
      <p className="mt-1 text-xs text-slate-600">
        {countOf(detail.organizations.length, "organization")} (direct) · {countOf(detail.groups.length, "group")} · {countOf(detail.roles.length, "role")} via groups ·{" "}
        {countOf(detail.permissions.length, "distinct permission")} · directory as of{" "}
        <time dateTime={new Date(detail.builtAt).toISOString()} title={formatUtc(detail.builtAt)}>
          {formatDateTime(detail.builtAt)}
        </time>
      </p>

      <Section id="direct" title="Direct: organizations and their organization role" note="Each organization lists this person with an organization role (not an RBAC role).">
        {detail.organizations.length === 0 ? (
          <p className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
            No organization lists {person.email || person.id}: they appear only as a group member (a removed user a group still holds?).
          </p>
        ) : (
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Organizations that list this person</caption>
            <TableHead headers={["Organization", "Organization role", "Joined", "Listed as"]} cellClassName={th} />
            <tbody>
              {detail.organizations.map((o) => (
                <tr key={o.uuid}>
                  <td className={td}>
                    <AppLink href={organizationHref(o.uuid)} className="text-brand-700 hover:underline">{o.name}</AppLink>
                  </td>
                  <td className={td}><OrganizationRoleWords role={o.organization_role} /></td>
                  <td className={td}><DateCell value={o.joined_at} /></td>
                  <td className={`${td} text-xs text-slate-600`}>{o.full_name} &lt;{o.email}&gt;</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="groups" title="Via group: groups they are in" note="Groups are parent-wide; each grants the RBAC roles listed.">
        {detail.groups.length === 0 ? (
          <p className="text-xs text-slate-600">Not a member of any group, so no RBAC role reaches them.</p>
        ) : (
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Groups this person is in</caption>
            <TableHead headers={["Group", "Source", "Member since", "Roles it grants"]} cellClassName={th} />
            <tbody>
              {detail.groups.map((g) => (
                <tr key={g.id}>
                  <td className={td}>
                    <AppLink href={groupHref(g.id)} className="text-brand-700 hover:underline">{g.name}</AppLink>
                  </td>
                  <td className={`${td} text-xs`}>{g.source_type}</td>
                  <td className={td}><DateCell value={g.member_since} /></td>
                  <td className={`${td} text-xs`}>
                    {detail.roles.filter((r) => r.via_groups.some((v) => v.id === g.id)).map((r) => `${r.name} (${r.organization.name})`).join(", ") || (
                      <span className="text-slate-500">none</span>
                    )}
                    {g.unknown_role_ids.length > 0 && (
                      <span className="block text-amber-800">Role ids no organization lists: {g.unknown_role_ids.join(", ")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="roles" title="Via group: roles their groups grant">
        {detail.roles.length === 0 ? (
          <p className="text-xs text-slate-600">No roles.</p>
        ) : (
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Roles granted through groups</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Role</th>
                <th scope="col" className={th}>Organization</th>
                <th scope="col" className={th}>Through groups</th>
                <th scope="col" className={`${th} text-right`}>Permissions</th>
              </tr>
            </thead>
            <tbody>
              {detail.roles.map((r) => (
                <tr key={r.id}>
                  <td className={td}>
                    <AppLink href={roleHref(r.organization.uuid, r.id)} className="text-brand-700 hover:underline">{r.name}</AppLink>
                    {r.description && <span className="block text-xs text-slate-500">{r.description}</span>}
                  </td>
                  <td className={td}>{r.organization.name}</td>
                  <td className={`${td} text-xs`}>{r.via_groups.map((g) => g.name).join(", ")}</td>
                  <td className={`${td} text-right tabular-nums`}>
                    {r.permissions ? formatCount(r.permissions.length) : <span className="text-red-800">not loaded</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="permissions" title="Permissions, with the path each comes through">
        {failedRoles.length > 0 && (
          <div role="alert" className="mb-2 rounded border border-red-200 bg-red-50 p-2 text-xs text-red-900">
            <p className="font-medium">
              The permissions of {failedRoles.length === 1 ? "one role" : `${failedRoles.length} roles`} could not be loaded, so this list is incomplete.
            </p>
            <ul className="mt-1">
              {failedRoles.map((r) => (
                <li key={r.id}>
                  {r.name}: {r.permissions_error?.message}
                  {r.permissions_error?.request_id && <span className="font-mono"> (request id {r.permissions_error.request_id})</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        <PermissionsTable detail={detail} />
      </Section>
    </>
  );
}

export function PersonHeader({ detail, children }: { detail: PersonDetail; children?: React.ReactNode }) {
  const { person } = detail;
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <div className="min-w-0">
        <h1 className="text-lg font-semibold text-slate-900">{person.full_name || person.email || person.id}</h1>
        <p className="flex flex-wrap items-center gap-x-3 text-sm text-slate-700">
          {person.email && <span>{person.email}</span>}
          <IdCell value={person.id} label="user id" />
        </p>
      </div>
      {children}
    </div>
  );
}

/** Loading, progress, errors and the person, for one `user_...` id; `initial`: the detail the server rendered the page with. */
export function usePersonDetail(userId: string, initial?: PersonDetail | null) {
  return useDirectoryQuery({ ...personDetailQuery(userId), initialData: initial ?? undefined });
}

/**
 * `firstScreen`: the person as the server read them for this page (lib/server/first-screen/person.ts), so
 * the tables paint with the document instead of after the scripts and a request.
 */
export function PersonDetailView({ userId, firstScreen }: { userId: string; firstScreen?: PersonDetail | null }) {
  const person = usePersonDetail(userId, firstScreen);
  const { data: detail, phase, error } = person;
  return (
    <div className="p-4 pb-8">
      {(phase === "loading" || person.refreshing) && <DirectoryProgressLine progress={person.progress} onCancel={person.cancel} refreshing={person.refreshing} />}
      {error && <ErrorNotice error={error} onRetry={person.retry} />}
      {phase === "cancelled" && (
        <p role="status" className="text-sm text-slate-600">
          Cancelled.{" "}
          <button type="button" className="underline" onClick={person.retry}>
            Load again
          </button>
        </p>
      )}
      {detail && (
        <>
          <div className="print:hidden">
            <PersonHeader detail={detail}>
              <CompareForm userId={detail.person.id} />
            </PersonHeader>
            <PersonDetailBody detail={detail} />
          </div>
          <PersonPrint detail={detail} />
        </>
      )}
      {/* After the person: the timeline reads every kept sync, and the embedded database answers one query at a time. */}
      {detail || error ? (
        <div className="mt-6 print:hidden">
          <HistorySection subject={{ kind: "person", userId }} title="Timeline" />
        </div>
      ) : null}
    </div>
  );
}
