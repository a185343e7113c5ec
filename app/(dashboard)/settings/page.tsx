import { redirect } from "next/navigation";

/** Settings across organizations live at /settings/compare; one organization's at /organizations/<uuid>/settings. */
export default function SettingsPage() {
  redirect("/settings/compare");
}
