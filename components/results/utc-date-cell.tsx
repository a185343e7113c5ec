import { formatDateTime, parseTimestamp } from "@/lib/browser/format/dates";

/** A time in UTC, for a first screen: the officer's time zone is known only in the browser, which draws the table in it. */
export function UtcDateCell({ value }: { value: string | null | undefined }) {
  const ms = parseTimestamp(value);
  if (ms === null) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} className="tabular-nums">
      {formatDateTime(ms, "UTC")} UTC
    </time>
  );
}
