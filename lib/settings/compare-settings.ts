import type { EffectiveSettings } from "@/lib/compliance/schemas";
import { compareSettingNames, settingLabel, settingSection, type SettingSection } from "./setting-catalog";
import { describeSetting, type SettingView } from "./describe-setting";

/*
 * The settings comparison: one column per organization, one row per setting name seen in any
 * organization. A setting one organization does not report (its admins cannot change it, so the
 * upstream omits it) is a value of its own, "not reported", and counts as a difference: drift
 * between organizations is exactly what the officer is looking for. Columns still loading or
 * failed do not take part in the verdict, so the verdict can only grow as columns arrive.
 */

export type OrgSettingsState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; settings: Pick<EffectiveSettings, "settings"> };

export interface ComparisonColumn {
  orgUuid: string;
  orgName: string;
  state: OrgSettingsState;
}

export type ComparisonCell =
  | { status: "loading" }
  | { status: "error" }
  | { status: "absent"; outlier: boolean }
  | { status: "value"; view: SettingView; outlier: boolean };

export interface ComparisonRow {
  name: string;
  label: string;
  section: SettingSection;
  /** Aligned with the columns. */
  cells: ComparisonCell[];
  /** At least two loaded organizations disagree (a missing setting counts as a value). */
  differs: boolean;
  /** How many distinct values the loaded organizations hold. */
  distinctValues: number;
}

const ABSENT_KEY = "\u0000absent";

export function compareSettings(columns: readonly ComparisonColumn[]): ComparisonRow[] {
  const perColumn = columns.map((c) =>
    c.state.status === "ready" ? new Map(c.state.settings.settings.map((s) => [s.name, describeSetting(s)])) : undefined,
  );
  const names = new Set<string>();
  for (const m of perColumn) if (m) for (const name of m.keys()) names.add(name);

  return [...names].sort(compareSettingNames).map((name) => {
    const keys = perColumn.map((m) => (m ? (m.get(name)?.compareKey ?? ABSENT_KEY) : undefined));
    const counts = new Map<string, number>();
    for (const k of keys) if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    const majority = majorityKey(counts);

    const cells = columns.map((c, i): ComparisonCell => {
      if (c.state.status === "loading") return { status: "loading" };
      if (c.state.status === "error") return { status: "error" };
      const key = keys[i]!;
      // Without a clear majority every differing cell is an outlier, so none hides behind a tie.
      const outlier = counts.size > 1 && key !== majority;
      const view = perColumn[i]!.get(name);
      return view ? { status: "value", view, outlier } : { status: "absent", outlier };
    });
    return {
      name,
      label: settingLabel(name),
      section: settingSection(name),
      cells,
      differs: counts.size > 1,
      distinctValues: counts.size,
    };
  });
}

/** The value most organizations hold, or undefined when the top count is shared. */
function majorityKey(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  let tied = false;
  for (const [key, n] of counts) {
    if (n > bestCount) {
      best = key;
      bestCount = n;
      tied = false;
    } else if (n === bestCount) tied = true;
  }
  return tied ? undefined : best;
}

export interface ComparisonSummary {
  settings: number;
  differing: number;
  loaded: number;
  failed: number;
  total: number;
}

export function summarizeComparison(columns: readonly ComparisonColumn[], rows: readonly ComparisonRow[]): ComparisonSummary {
  return {
    settings: rows.length,
    differing: rows.filter((r) => r.differs).length,
    loaded: columns.filter((c) => c.state.status === "ready").length,
    failed: columns.filter((c) => c.state.status === "error").length,
    total: columns.length,
  };
}
