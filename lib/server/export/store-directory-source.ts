import "server-only";
import type { Organization, User } from "@/lib/shared/compliance/schemas";
import { storeRecords } from "@/lib/server/directory/store-records";
import type { Directory } from "@/lib/shared/directory/types";
import type { DirectorySource } from "./directory-source";

/*
 * An export's source read from one sync in the store (`as_of`): the organizations and each one's
 * users exactly as the store-backed directory routes answer them (the upstream's order), so an
 * as-of file is the live export's file as the directory stood then. No upstream call.
 */
export function storeDirectorySource(directory: Directory): DirectorySource {
  return {
    async *organizationPages(): AsyncIterable<Organization[]> {
      yield directory.organizations;
    },
    async *userPages(orgUuid: string): AsyncIterable<User[]> {
      const found = storeRecords(directory, { endpoint: "organizationUsers", orgUuid, query: {} });
      yield found.kind === "list" ? (found.rows as User[]) : [];
    },
  };
}
