import type { ApiKey } from "@/lib/shared/compliance/schemas";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { RecordTable, type RecordTableLook } from "@/components/results/record-table";

const KEYS_LOOK: RecordTableLook = { headRow: "uppercase tracking-wide", row: "border-b border-slate-200 align-top", cell: "py-1.5 pr-3" };

/*
 * The parent's Compliance API keys as the settings answer lists them: which keys exist, what they
 * may read, whether they still work and when they stop.
 */
export function ApiKeysTable({ keys }: { keys: ApiKey[] | undefined }) {
  if (keys === undefined) {
    return <p className="text-sm text-slate-600">This answer does not list API keys (an older API revision).</p>;
  }
  if (keys.length === 0) return <p className="text-sm text-slate-600">No Compliance API keys are listed.</p>;
  return (
    <RecordTable
      caption="Compliance API keys of the parent organization"
      rows={keys}
      rowKey={(k) => k.id}
      look={KEYS_LOOK}
      columns={[
        {
          header: "Name",
          cell: (k) => (
            <>
              {k.name ? k.name : <span className="text-slate-500">(unnamed)</span>}
              <IdCell value={k.id} label="key id" />
            </>
          ),
        },
        {
          header: "Scopes",
          cell: (k) => (
            <ul className="flex flex-wrap gap-1">
              {k.scopes.map((s) => (
                <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s}</li>
              ))}
            </ul>
          ),
        },
        { header: "Active", cell: (k) => (k.is_active ? <span className="text-emerald-800">Active</span> : <span className="font-medium text-red-800">Inactive</span>) },
        { header: "Created", cell: (k) => <DateCell value={k.created_at} /> },
        { header: "Expires", cell: (k) => (k.expires_at ? <DateCell value={k.expires_at} /> : <span className="text-slate-600">never</span>) },
      ]}
    />
  );
}
