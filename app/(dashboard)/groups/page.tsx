import { GroupsList } from "@/components/groups/groups-list";
import { ClientPart, PageHeading, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Groups");

export default function GroupsPage() {
  return (
    <>
      <PageHeading title="Groups" className="px-4 pt-4">
        Every group under the parent organization: <em>direct</em> groups are made in Claude, <em>scim</em> groups are synced from the identity provider.
      </PageHeading>
      <ClientPart>
        <GroupsList />
      </ClientPart>
    </>
  );
}
