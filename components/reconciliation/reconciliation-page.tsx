"use client";

import { useQueryState } from "nuqs";
import { pageParam } from "@/components/data-table/url-parsers";
import { BulkReconciliation } from "./bulk-reconciliation";
import { GroupReconciliationForm } from "./group-reconciliation";
import { SavedReconciliations } from "./saved-reconciliations";

/* One group, or every group from one review file; the mode is in the URL (`?mode=bulk`). */

export function ReconciliationPage() {
  const [mode, setMode] = useQueryState("mode", pageParam);
  const bulk = mode === "bulk";
  const tab = (id: "" | "bulk", label: string) => (
    <button
      type="button"
      role="tab"
      id={`recon-mode-${id || "group"}`}
      aria-selected={mode === id || (id === "" && !bulk)}
      aria-controls="recon-mode-panel"
      onClick={() => setMode(id)}
      className={`-mb-px rounded-t border px-3 py-1 text-sm ${(id === "bulk") === bulk ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex flex-col gap-3">
      <SavedReconciliations />
      <div role="tablist" aria-label="Reconcile" className="flex gap-1 border-b border-slate-200">
        {tab("", "One group")}
        {tab("bulk", "All groups from one file")}
      </div>
      <div role="tabpanel" id="recon-mode-panel" aria-labelledby={`recon-mode-${bulk ? "bulk" : "group"}`}>
        {bulk ? <BulkReconciliation /> : <GroupReconciliationForm />}
      </div>
    </div>
  );
}
