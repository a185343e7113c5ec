"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { useOfficer } from "@/components/shell/officer-context";
import { toApiError } from "@/lib/browser/query/api-error";
import { fetchJson } from "@/lib/browser/query/request";

/*
 * "Verify the audit log": asks the server to walk the log's hash chain (GET /api/audit/verify,
 * exporter role) and shows its one-line verdict: intact, or the first entry that was changed,
 * removed or inserted.
 */

const verdictSchema = z.object({ ok: z.boolean(), entries: z.number(), message: z.string() });

export function VerifyAuditLog() {
  const officer = useOfficer();
  const verify = useMutation({ mutationFn: () => fetchJson("/api/audit/verify", verdictSchema) });
  const viewer = officer?.role === "viewer";
  const error = verify.error ? toApiError(verify.error) : null;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => verify.mutate()}
        disabled={verify.isPending || viewer}
        aria-describedby={viewer ? "audit-verify-disabled" : undefined}
        className="inline-flex h-7 items-center rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {verify.isPending ? "Verifying…" : "Verify the audit log"}
      </button>
      {viewer && (
        <span id="audit-verify-disabled" className="text-xs text-slate-600">
          Verifying needs the exporter role.
        </span>
      )}
      <p role="status" aria-live="polite" className="text-xs">
        {verify.data && <span className={verify.data.ok ? "text-emerald-800" : "font-medium text-red-800"}>{verify.data.message}</span>}
        {error && <span className="text-red-800">{error.message}</span>}
      </p>
    </div>
  );
}
