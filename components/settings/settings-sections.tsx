import type { SettingsSectionView } from "@/lib/browser/settings/group-settings";
import { SettingValue } from "./setting-value";

/** An organization's settings, one table per section: label, value in plain words, what it means. */
export function SettingsSections({ sections }: { sections: SettingsSectionView[] }) {
  return (
    <div className="space-y-5">
      {sections.map(({ section, settings }) => (
        <section key={section} aria-labelledby={`settings-${slug(section)}`}>
          <h2 id={`settings-${slug(section)}`} className="mb-1.5 text-sm font-semibold text-slate-800">
            {section}
          </h2>
          <table className="w-full table-fixed border-collapse text-sm">
            <colgroup>
              <col className="w-[30%]" />
              <col className="w-[35%]" />
              <col />
            </colgroup>
            <thead className="sr-only">
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((view) => (
                <tr key={view.name} className="border-t border-slate-200 align-top" data-setting={view.name}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                    <span className="text-slate-900">{view.label}</span>
                    <span className="block font-mono text-[11px] text-slate-500">{view.name}</span>
                  </th>
                  <td className="py-1.5 pr-3">
                    <SettingValue view={view} />
                  </td>
                  <td className="py-1.5 text-slate-600">
                    {view.explanation}
                    {view.kind === "raw" && !view.explanation ? (
                      <span>
                        {view.known ? "A value this dashboard cannot read" : "A setting this dashboard does not know yet"}
                        {view.setting.type ? ` (kind "${view.setting.type}")` : ""}: shown as the Compliance API sent it.
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
