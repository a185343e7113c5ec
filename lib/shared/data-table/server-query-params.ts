import { z } from "zod";

/*
 * The query-string pieces of a table answered by the server (People, the privileged report): the
 * page's URL keys go up as they are, and the route reads them with these schemas, so a bad one is
 * a 400 naming the parameter before anything is read. Isomorphic.
 */

/** `1` or `0`. */
export const flagParam = z.enum(["0", "1"]).transform((v) => v === "1");

/** A whole number from 0 to `max`. */
export const countParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

const MAX_FACET_VALUES = 1_000;

/** One facet filter's chosen values (the key repeats). */
export const facetValuesParam = z.array(z.string().min(1).max(400)).max(MAX_FACET_VALUES);

export type SortSpec<S extends string> = { id: S; desc: boolean }[];

/** `sort=-a,b`: at most three of `columns`, each once, "-" before one for descending. */
export function sortParam<S extends string>(columns: readonly S[]) {
  return z.string().transform((raw, ctx) => {
    const items = raw.split(",").filter(Boolean);
    if (items.length > 3) {
      ctx.addIssue({ code: "custom", message: "sorts on at most three columns" });
      return z.NEVER;
    }
    const out: SortSpec<S> = [];
    for (const item of items) {
      const desc = item.startsWith("-");
      const id = desc ? item.slice(1) : item;
      if (!(columns as readonly string[]).includes(id) || out.some((s) => s.id === id)) {
        ctx.addIssue({ code: "custom", message: `"${id.slice(0, 40)}" is not a column to sort on (one of ${columns.join(", ")}, "-" before it for descending, each once)` });
        return z.NEVER;
      }
      out.push({ id: id as S, desc });
    }
    return out;
  });
}

/** A sort as the `sort` parameter writes it. */
export const sortParamText = (sort: readonly { id: string; desc: boolean }[]) => sort.map((s) => `${s.desc ? "-" : ""}${s.id}`).join(",");

const printable = (key: string) => key.replace(/[^\x20-\x7e]/g, "?").slice(0, 40);

/**
 * Query parameters read by a (strict) schema: the `repeated` keys may repeat, every other key is
 * given once. `accepted` finishes "this route takes …" when a key is not the schema's.
 */
export function queryFromParams<T>(
  schema: z.ZodType<T>,
  params: URLSearchParams,
  repeated: ReadonlySet<string>,
  accepted: string,
): { ok: true; query: T } | { ok: false; message: string } {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (repeated.has(key)) raw[key] = values;
    else if (values.length > 1) return { ok: false, message: `Query parameter "${printable(key)}" was given more than once; give it once.` };
    else raw[key] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join(".");
  if (issue.code === "unrecognized_keys") return { ok: false, message: `Query parameter "${printable(issue.keys[0]!)}" is not accepted here; this route takes ${accepted}.` };
  return { ok: false, message: `Query parameter "${where}" ${issue.message.startsWith("sorts") || issue.message.startsWith('"') ? issue.message : `is not valid: ${issue.message}`}.` };
}
