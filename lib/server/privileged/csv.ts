import type { CsvCell } from "@/lib/shared/csv/write";
import type { PrivilegedRow } from "@/lib/shared/privileged/wire";

export const PRIVILEGED_CSV_HEADER = [
  "organization_uuid",
  "organization_name",
  "user_id",
  "email",
  "full_name",
  "source",
  "access",
  "resource_type",
  "resource_id",
  "group_id",
  "group_name",
  "role_id",
  "role_name",
  "new_since",
] as const;

export function privilegedCsvRow(r: PrivilegedRow): CsvCell[] {
  return [r.organization_uuid, r.organization_name, r.user_id, r.email, r.full_name, r.source, r.access, r.resource_type, r.resource_id, r.group_id, r.group_name, r.role_id, r.role_name, r.new_since === undefined ? "" : r.new_since];
}
