import type { ApiKey } from "@/lib/compliance/schemas";
import { DateCell, IdCell } from "@/components/data-table/cells";

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
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Compliance API keys of the parent organization</caption>
      <thead>
        <tr className="border-b border-slate-300 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
          <th scope="col" className="py-1.5 pr-3">Name</th>
          <th scope="col" className="py-1.5 pr-3">Scopes</th>
          <th scope="col" className="py-1.5 pr-3">Active</th>
          <th scope="col" className="py-1.5 pr-3">Created</th>
          <th scope="col" className="py-1.5 pr-3">Expires</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} className="border-b border-slate-200 align-top">
            <td className="py-1.5 pr-3">
              {k.name ? k.name : <span className="text-slate-500">(unnamed)</span>}
              <IdCell value={k.id} label="key id" />
            </td>
            <td className="py-1.5 pr-3">
              <ul className="flex flex-wrap gap-1">
                {k.scopes.map((s) => (
                  <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s}</li>
                ))}
              </ul>
            </td>
            <td className="py-1.5 pr-3">
              {k.is_active ? <span className="text-emerald-800">Active</span> : <span className="font-medium text-red-800">Inactive</span>}
            </td>
            <td className="py-1.5 pr-3"><DateCell value={k.created_at} /></td>
            <td className="py-1.5 pr-3">{k.expires_at ? <DateCell value={k.expires_at} /> : <span className="text-slate-600">never</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
