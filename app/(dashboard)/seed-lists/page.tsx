import { SavedLists } from "@/components/seed-lists/saved-lists";
import { SeedListBuilder } from "@/components/seed-lists/seed-list-builder";
import { ClientPart, PageHeading, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("Seed lists");

export default function SeedListsPage() {
  return (
    <div className="flex flex-col gap-4 p-4">
      <PageHeading title="Seed lists">
        eDiscovery custodians as user ids: every entry resolved against the whole directory (all organizations and groups), nothing dropped.
      </PageHeading>
      {/* The builder and the tables read the query string and the tab's query cache: rendered in the browser (ClientPart). */}
      <ClientPart>
        <SeedListBuilder />
        <section aria-labelledby="seed-saved" className="flex flex-col gap-2">
          <h2 id="seed-saved" className="text-sm font-semibold text-slate-900">
            Saved lists
          </h2>
          <SavedLists />
        </section>
      </ClientPart>
    </div>
  );
}
