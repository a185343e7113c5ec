import type { EffectiveSettings } from "@/lib/shared/compliance/schemas";
import { compareSettingNames, SECTION_ORDER, type SettingSection } from "@/lib/shared/settings/setting-catalog";
import { describeSetting, type SettingView } from "@/lib/shared/settings/describe-setting";

export interface SettingsSectionView {
  section: SettingSection;
  settings: SettingView[];
}

/** An organization's effective settings, described and grouped into sections in a fixed order. */
export function groupSettings(effective: Pick<EffectiveSettings, "settings">): SettingsSectionView[] {
  const views = [...effective.settings]
    .sort((a, b) => compareSettingNames(a.name, b.name))
    .map(describeSetting);
  return SECTION_ORDER.map((section) => ({ section, settings: views.filter((v) => v.section === section) })).filter(
    (s) => s.settings.length > 0,
  );
}
