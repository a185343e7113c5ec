"use client";

import { useQuery } from "@tanstack/react-query";
import { completeSyncs, syncsQuery } from "@/lib/browser/query/sync-queries";
import { AsOfBanner as Banner } from "./sync-picker";

/** The as-of banner under the header, fed by the same GET /api/syncs the header polls. */
export function AsOfBanner() {
  const syncs = useQuery(syncsQuery());
  return <Banner syncs={completeSyncs(syncs.data?.syncs ?? [])} />;
}
