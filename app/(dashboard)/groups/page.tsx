import type { Metadata } from "next";
import { GroupsList } from "@/components/groups/groups-list";

export const metadata: Metadata = { title: "Groups · Compliance Directory" };

export default function GroupsPage() {
  return (
    <>
      <div className="px-4 pt-4">
        <h1 className="text-lg font-semibold text-slate-900">Groups</h1>
        <p className="text-sm text-slate-600">
          Every group under the parent organization: <em>direct</em> groups are made in Claude, <em>scim</em> groups are synced from the identity provider.
        </p>
      </div>
      <GroupsList />
    </>
  );
}
