"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { postJson } from "@/components/seed-lists/post-json";
import { useOfficer } from "@/components/shell/officer-context";
import { isAbortError, toApiError, type ApiError } from "@/lib/query/api-error";
import type { ExpectedInput } from "@/lib/reconciliation/schema";
import { MAX_RECONCILIATION_NAME, savedReconciliationMetaSchema } from "@/lib/reconciliation/saved-schema";
import { savedReconciliationHref, savedReconciliationKeys } from "./saved-queries";

/*
 * "Save this reconciliation": the group and expected list under a name, with a first run against
 * the newest sync; then the saved page opens, a URL of its own (Back returns to it, a link shares it).
 */

export function SaveReconciliation({ groupId, groupName, expected }: { groupId: string; groupName: string; expected: ExpectedInput }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const officer = useOfficer();
  const id = useId();
  const [name, setName] = useState(`${groupName} reconciliation`);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (officer?.role === "viewer") return null;

  async function save() {
    setPending(true);
    setError(null);
    try {
      const meta = await postJson("/api/reconciliations", { name, group_id: groupId, expected }, savedReconciliationMetaSchema);
      await queryClient.invalidateQueries({ queryKey: savedReconciliationKeys.all });
      router.push(savedReconciliationHref(meta.id));
    } catch (e) {
      if (!isAbortError(e)) setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="flex flex-wrap items-center gap-2 print:hidden"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        Save as
      </label>
      <input id={id} value={name} maxLength={MAX_RECONCILIATION_NAME} onChange={(e) => setName(e.target.value)} className="h-7 w-72 rounded border border-slate-300 px-2 text-xs" />
      <button type="submit" disabled={pending || !name.trim()} className="h-7 rounded border border-slate-300 bg-white px-2 text-xs font-medium hover:bg-slate-50 disabled:opacity-50">
        {pending ? "Saving…" : "Save this reconciliation"}
      </button>
      <span className="text-xs text-slate-500">Saved reconciliations keep the expected list, so they can be run again against a newer sync.</span>
      {error && <ErrorNotice error={error} compact />}
    </form>
  );
}
