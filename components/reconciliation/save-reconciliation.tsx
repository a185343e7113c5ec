"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useOfficer } from "@/components/shell/officer-context";
import { toApiError } from "@/lib/browser/query/api-error";
import { savedReconciliationKeys } from "@/lib/browser/query/keys";
import { postJson } from "@/lib/browser/query/request";
import type { ExpectedInput } from "@/lib/shared/reconciliation/schema";
import { MAX_RECONCILIATION_NAME, savedReconciliationMetaSchema } from "@/lib/shared/reconciliation/saved-schema";
import { savedReconciliationHref } from "./saved-queries";

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
  const save = useMutation({
    mutationFn: () => postJson("/api/reconciliations", { name, group_id: groupId, expected }, savedReconciliationMetaSchema),
    onSuccess: async (meta) => {
      await queryClient.invalidateQueries({ queryKey: savedReconciliationKeys.all });
      router.push(savedReconciliationHref(meta.id));
    },
  });
  if (officer?.role === "viewer") return null;

  return (
    <form
      className="flex flex-wrap items-center gap-2 print:hidden"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        Save as
      </label>
      <input id={id} value={name} maxLength={MAX_RECONCILIATION_NAME} onChange={(e) => setName(e.target.value)} className="h-7 w-72 rounded border border-slate-300 px-2 text-xs" />
      <button type="submit" disabled={save.isPending || !name.trim()} className="h-7 rounded border border-slate-300 bg-white px-2 text-xs font-medium hover:bg-slate-50 disabled:opacity-50">
        {save.isPending ? "Saving…" : "Save this reconciliation"}
      </button>
      <span className="text-xs text-slate-500">Saved reconciliations keep the expected list, so they can be run again against a newer sync.</span>
      {save.error && <ErrorNotice error={toApiError(save.error)} compact />}
    </form>
  );
}
