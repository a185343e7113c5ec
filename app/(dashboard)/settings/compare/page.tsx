import type { Metadata } from "next";
import { SettingsComparison } from "@/components/settings/settings-comparison";

export const metadata: Metadata = { title: "Settings comparison · Compliance Directory" };

export default function SettingsComparisonPage() {
  return (
    <div className="space-y-3 p-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Settings across organizations</h1>
        <p className="max-w-4xl text-sm text-slate-600">
          The effective settings of every organization the key reaches, one organization per row, compared with a baseline (the value most
          organizations hold, or one organization you choose), so drift (one organization without SSO enforced, a shorter retention, an extra
          invite domain) is visible at a glance.
        </p>
      </div>
      <SettingsComparison />
    </div>
  );
}
