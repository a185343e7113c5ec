import type { EffectiveSettings } from "@/lib/shared/compliance/schemas";
import { compareSettingNames, settingLabel, settingSection, type SettingSection } from "@/lib/shared/settings/setting-catalog";
import { describeSetting, type SettingView } from "@/lib/shared/settings/describe-setting";

/*
 * Settings drift across organizations: one row per organization, one column per setting name seen
 * in any organization, compared against a baseline (the value most organizations hold, or one
 * chosen organization's). A setting an organization does not report (its admins cannot change it,
 * so the upstream omits it) is a value of its own, "not reported", and can differ like any other.
 * Organizations still loading or failed take no part in any verdict, so verdicts only grow as
 * organizations arrive.
 */

export type OrgSettingsState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; settings: Pick<EffectiveSettings, "settings"> };

export interface OrganizationSettingsInput {
  orgUuid: string;
  orgName: string;
  state: OrgSettingsState;
}

/** One organization's value of one setting; `view` is absent when the organization does not report it. */
export interface SettingCell {
  key: string;
  view?: SettingView;
}

export interface ComparedOrganization {
  orgUuid: string;
  orgName: string;
  status: OrgSettingsState["status"];
  /** Why the settings could not be read. */
  message?: string;
  /** Every setting of the comparison (absent ones included) once loaded; null before. */
  cells: Map<string, SettingCell> | null;
}

export interface ComparedSetting {
  name: string;
  label: string;
  section: SettingSection;
  /** How many loaded organizations hold each value (by compare key). */
  counts: Map<string, number>;
}

export interface SettingsMatrix {
  settings: ComparedSetting[];
  organizations: ComparedOrganization[];
}

export const ABSENT_KEY = "\u0000absent";

/** Described once per answer: a page rebuilds the matrix as each of 1,000 organizations arrives. */
const described = new WeakMap<object, Map<string, SettingView>>();

function viewsOf(answer: Pick<EffectiveSettings, "settings">): Map<string, SettingView> {
  let m = described.get(answer);
  if (!m) {
    m = new Map(answer.settings.map((s) => [s.name, describeSetting(s)] as const));
    described.set(answer, m);
  }
  return m;
}

export function buildSettingsMatrix(inputs: readonly OrganizationSettingsInput[]): SettingsMatrix {
  const views = inputs.map((o) => (o.state.status === "ready" ? viewsOf(o.state.settings) : null));
  const names = new Set<string>();
  for (const m of views) if (m) for (const name of m.keys()) names.add(name);
  const sorted = [...names].sort(compareSettingNames);

  const settings: ComparedSetting[] = sorted.map((name) => ({ name, label: settingLabel(name), section: settingSection(name), counts: new Map() }));
  const organizations = inputs.map((o, i): ComparedOrganization => {
    const m = views[i];
    const base = { orgUuid: o.orgUuid, orgName: o.orgName, status: o.state.status, message: o.state.status === "error" ? o.state.message : undefined };
    if (!m) return { ...base, cells: null };
    const cells = new Map<string, SettingCell>();
    for (const s of settings) {
      const view = m.get(s.name);
      const key = view ? view.compareKey : ABSENT_KEY;
      cells.set(s.name, view ? { key, view } : { key });
      s.counts.set(key, (s.counts.get(key) ?? 0) + 1);
    }
    return { ...base, cells };
  });
  return { settings, organizations };
}

/**
 * What each setting is compared against. `key` null: no baseline value (the majority is tied, so
 * every organization of a setting with more than one value differs and none hides behind a tie).
 */
export interface BaselineValue {
  key: string | null;
  /** The baseline's value in words, when there is one and it is reported. */
  view?: SettingView;
}

export type Baseline = Map<string, BaselineValue>;

export type BaselineChoice = { kind: "majority" } | { kind: "organization"; orgUuid: string };

/** The baseline choice a URL value means: an organization's uuid, or anything else the majority. */
export function baselineChoiceOf(param: string | null | undefined): BaselineChoice {
  return param ? { kind: "organization", orgUuid: param } : { kind: "majority" };
}

/** Per setting, the value most loaded organizations hold (null when the top count is shared). */
export function majorityBaseline(matrix: SettingsMatrix): Baseline {
  const out: Baseline = new Map();
  for (const s of matrix.settings) {
    let best: string | null = null;
    let bestCount = 0;
    let tied = false;
    for (const [key, n] of s.counts) {
      if (n > bestCount) {
        best = key;
        bestCount = n;
        tied = false;
      } else if (n === bestCount) tied = true;
    }
    const key = tied ? null : best;
    out.set(s.name, { key, view: key === null ? undefined : viewOf(matrix, s.name, key) });
  }
  return out;
}

function viewOf(matrix: SettingsMatrix, name: string, key: string): SettingView | undefined {
  if (key === ABSENT_KEY) return undefined;
  for (const o of matrix.organizations) {
    const cell = o.cells?.get(name);
    if (cell?.key === key) return cell.view;
  }
  return undefined;
}

/** One organization's settings as the baseline; null while it is not loaded (or not in the matrix). */
export function organizationBaseline(matrix: SettingsMatrix, orgUuid: string): Baseline | null {
  const org = matrix.organizations.find((o) => o.orgUuid === orgUuid);
  if (!org?.cells) return null;
  const out: Baseline = new Map();
  for (const [name, cell] of org.cells) out.set(name, { key: cell.key, view: cell.view });
  return out;
}

/** The baseline a choice means; null while a chosen organization's settings are not loaded. */
export function resolveBaseline(matrix: SettingsMatrix, choice: BaselineChoice): Baseline | null {
  return choice.kind === "majority" ? majorityBaseline(matrix) : organizationBaseline(matrix, choice.orgUuid);
}

/** Whether one organization's value of a setting differs from the baseline. */
export function cellDiffers(setting: ComparedSetting, cell: SettingCell | undefined, base: BaselineValue | undefined): boolean {
  if (!cell || !base) return false;
  if (base.key === null) return setting.counts.size > 1;
  return cell.key !== base.key;
}

/** The settings in which each loaded organization differs from the baseline (not loaded: no entry). */
export function differingSettingsByOrganization(matrix: SettingsMatrix, baseline: Baseline | null): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of matrix.organizations) {
    if (!o.cells) continue;
    const differing = new Set<string>();
    if (baseline) for (const s of matrix.settings) if (cellDiffers(s, o.cells.get(s.name), baseline.get(s.name))) differing.add(s.name);
    out.set(o.orgUuid, differing);
  }
  return out;
}

export interface DifferenceReport {
  /** Loaded organizations among the visible ones. */
  compared: number;
  /** Visible organizations that differ from the baseline in at least one setting. */
  organizations: string[];
  /** Settings (in matrix order) in which at least one visible organization differs from the baseline. */
  settings: string[];
}

/**
 * "Only differences" over the organizations in view: the settings where at least one of them
 * differs from the baseline, and the organizations that differ in at least one of those. (An
 * organization differing anywhere differs in one of those settings, so the two agree whichever
 * is applied first.)
 */
export function differenceReport(
  matrix: SettingsMatrix,
  differing: Map<string, Set<string>>,
  visibleOrgUuids: Iterable<string>,
): DifferenceReport {
  const settingNames = new Set<string>();
  const organizations: string[] = [];
  let compared = 0;
  for (const uuid of visibleOrgUuids) {
    const set = differing.get(uuid);
    if (!set) continue;
    compared++;
    if (set.size > 0) organizations.push(uuid);
    for (const name of set) settingNames.add(name);
  }
  return { compared, organizations, settings: matrix.settings.map((s) => s.name).filter((n) => settingNames.has(n)) };
}

/** "37 of 1,000 organizations differ from the baseline in 3 settings." */
export function describeDifferenceReport(report: DifferenceReport): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const orgs = `${n(report.organizations.length)} of ${n(report.compared)} ${report.compared === 1 ? "organization" : "organizations"}`;
  if (report.organizations.length === 0) return `${orgs} differ from the baseline: all hold the baseline's values.`;
  const verb = report.organizations.length === 1 ? "differs" : "differ";
  return `${orgs} ${verb} from the baseline in ${n(report.settings.length)} ${report.settings.length === 1 ? "setting" : "settings"}.`;
}

export interface ComparisonSummary {
  settings: number;
  /** Settings where at least two loaded organizations disagree. */
  differing: number;
  loaded: number;
  failed: number;
  total: number;
}

export function summarizeComparison(matrix: SettingsMatrix): ComparisonSummary {
  return {
    settings: matrix.settings.length,
    differing: matrix.settings.filter((s) => s.counts.size > 1).length,
    loaded: matrix.organizations.filter((o) => o.status === "ready").length,
    failed: matrix.organizations.filter((o) => o.status === "error").length,
    total: matrix.organizations.length,
  };
}

/** A cell's value as a facet choice: plain words, full lists (a summary cuts them short). */
export function facetValueOf(cell: SettingCell | undefined): string {
  if (!cell) return "";
  const view = cell.view;
  if (!view) return "Not reported";
  if (view.kind === "boolean") return view.flag ? "On" : "Off";
  if (view.kind === "list") return view.items && view.items.length ? [...view.items].sort().join(", ") : "None listed";
  const s = view.summary;
  return s[0] ? s[0].toUpperCase() + s.slice(1) : s;
}
