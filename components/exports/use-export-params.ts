"use client";

import { parseAsNativeArrayOf, parseAsString, useQueryStates, type Options } from "nuqs";
import { useCallback } from "react";
import { DIRECTORY_EXPORT_KINDS } from "@/lib/shared/export/export-query";

/*
 * The Exports page's choices live in the query string (UX.md: every view is a URL), one key per
 * choice, prefixed by the export ("users_org", "roles_org", "groups_group", ...), so a link in a
 * ticket reproduces exactly what is about to be downloaded. Read and written through nuqs, so the
 * controls and the address bar never disagree; keys the page does not know are never read.
 */

const list = parseAsNativeArrayOf(parseAsString);
const one = parseAsString.withDefault("");

const exportParsers = {
  users_org: list,
  users_role: list,
  users_domain: one,
  users_q: one,
  users_format: one,
  users_bom: one,
  ...Object.fromEntries(DIRECTORY_EXPORT_KINDS.flatMap((kind) => [[`${kind}_org`, list], [`${kind}_group`, list], [`${kind}_bom`, one]])),
} as Record<string, typeof list | typeof one>;

const PUSH: Options = { history: "push", scroll: false };

export function useExportParams() {
  const [values, setValues] = useQueryStates(exportParsers, PUSH);

  const readList = useCallback((key: string) => (values[key] as string[] | undefined) ?? [], [values]);
  const readOne = useCallback((key: string) => (values[key] as string | undefined) ?? "", [values]);
  const setList = useCallback(
    (key: string, next: readonly string[], mode: "push" | "replace" = "push") => void setValues({ [key]: next.length ? [...next] : null }, { history: mode }),
    [setValues],
  );
  const setOne = useCallback(
    (key: string, next: string, mode: "push" | "replace" = "push") => void setValues({ [key]: next || null }, { history: mode }),
    [setValues],
  );

  return { list: readList, one: readOne, setList, setOne };
}
