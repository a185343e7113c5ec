import "server-only";
import { isOrganizationUuid, isRbacId } from "@/lib/shared/compliance/ids";
import { jsonError } from "./error-response";

/** A 400 saying what shape the id must take, before anything is read; null when it has it. */
export function checkId(value: string, what: "user" | "group" | "role" | "organization"): Response | null {
  const ok = what === "organization" ? isOrganizationUuid(value) : isRbacId(value);
  if (ok) return null;
  const shape = what === "organization" ? "an organization uuid" : `a ${what} id (letters, digits, _ and -)`;
  return jsonError(400, "invalid_request", `That is not ${shape}; copy the id from the directory.`);
}
