/** What a page shows while its interactive part loads and no first screen stands in. */
export function PageLoading() {
  return <p className="p-4 text-sm text-slate-500">Loading…</p>;
}
