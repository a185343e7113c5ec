"use client";

import { AppLink } from "./app-link";
import { usePathname } from "next/navigation";

/*
 * What an address that names nothing shows: which address, the shapes the dashboard's addresses
 * take (an officer often builds one by hand from an id in a ticket), and where to go instead.
 * `inShell`: drawn inside the dashboard, whose header has the search box.
 */
export function NotFoundView({ inShell = false }: { inShell?: boolean }) {
  const path = usePathname();
  return (
    <div className="flex max-w-2xl flex-col gap-3 p-6 text-sm text-slate-700" data-testid="not-found">
      <h1 className="text-lg font-semibold text-slate-900">Nothing is at this address</h1>
      <p>
        There is no page at <code className="rounded bg-slate-100 px-1 font-mono text-xs break-all">{path}</code>. Addresses in the dashboard take these shapes:
      </p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          a person: <code className="font-mono text-xs">/people/</code> and their <code className="font-mono text-xs">user_…</code> id or email address;
        </li>
        <li>
          a group: <code className="font-mono text-xs">/groups/</code> and its id (<code className="font-mono text-xs">rbac_group_…</code>);
        </li>
        <li>
          an organization: <code className="font-mono text-xs">/organizations/</code>, its uuid, then <code className="font-mono text-xs">/users</code>, <code className="font-mono text-xs">/roles</code> or{" "}
          <code className="font-mono text-xs">/settings</code>;
        </li>
        <li>
          a seed list or a saved reconciliation: <code className="font-mono text-xs">/seed-lists/sl_…</code> or <code className="font-mono text-xs">/reconciliation/rc_…</code>.
        </li>
      </ul>
      <p>
        {inShell ? "Find any of them with the search box at the top of the page, or start" : "Start"} from the{" "}
        <AppLink href="/" className="text-brand-700 underline hover:no-underline">
          Overview
        </AppLink>{" "}
        or{" "}
        <AppLink href="/people" className="text-brand-700 underline hover:no-underline">
          People
        </AppLink>
        .
      </p>
    </div>
  );
}
