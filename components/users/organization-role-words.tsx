import { ORGANIZATION_ROLE_WORDS } from "@/lib/shared/format/organization-roles";

/** An organization role in plain words, with the API's name beside it (what filters, exports and the API use). */
export function OrganizationRoleWords({ role }: { role: string }) {
  const words = ORGANIZATION_ROLE_WORDS[role];
  if (!words) return <span className="font-mono text-xs">{role}</span>;
  return (
    <span title={`${words} (${role})`}>
      {words} <span className="font-mono text-[11px] text-slate-500">{role}</span>
    </span>
  );
}
