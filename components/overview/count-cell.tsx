import { formatCount } from "@/lib/browser/format/numbers";
import type { Cell } from "./organization-row";

/** A count as it fills in: queued, loading (with rows so far for walks), the number, or why it failed. */
export function CountStateCell({ cell, noun }: { cell: Cell<number>; noun: string }) {
  switch (cell.kind) {
    case "waiting":
      return (
        <span className="text-slate-400" title={`${noun}: queued`}>
          <span aria-hidden="true">·</span>
          <span className="sr-only">queued</span>
        </span>
      );
    case "loading":
      return (
        <span className="text-slate-500 tabular-nums" title={`${noun}: counting`}>
          {cell.loaded > 0 ? `${formatCount(cell.loaded)}…` : "…"}
        </span>
      );
    case "done":
      return <span className="tabular-nums">{formatCount(cell.value)}</span>;
    case "error":
      return (
        <span className="text-red-700" title={`${noun} could not be counted: ${cell.error.message}${cell.error.requestId ? ` (request id ${cell.error.requestId})` : ""}`}>
          failed
        </span>
      );
  }
}
