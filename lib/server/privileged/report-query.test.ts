import { beforeAll, describe, expect, it } from "vitest";
import { simulatedDirectorySuite } from "@/lib/tools/testing/synced-directory";
import { privilegedQueryFromParams, privilegedQueryParams, type PrivilegedFacet, type PrivilegedQuery, type PrivilegedQueryInput } from "@/lib/shared/privileged/query-wire";
import { privilegedRowKey, type PrivilegedReport, type PrivilegedRow } from "@/lib/shared/privileged/wire";
import { DEFAULT_PRIVILEGED_ACTIONS } from "./actions";
import { privilegedReport } from "./report";
import { answerPrivilegedQuery, matchingPrivilegedRows, pathWords, preparePrivilegedQuery, privilegedIndexOf } from "./report-query";

/*
 * The privileged report answered on the server, over a synced simulator directory. Each
 * expectation is computed here the plain way (filter the report's rows, sort them, count what they
 * hold), never with the index under test.
 */

const suite = simulatedDirectorySuite({ seed: "privileged-query", orgUserCounts: [240, 120, 60], groups: 8 });
let report: PrivilegedReport;
beforeAll(() => {
  const { directory } = suite.ready();
  // Compared with itself every row is "before"; mark some new, as a comparison with an older sync would.
  const compared = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS, directory);
  report = { ...compared, rows: compared.rows.map((r, i) => ({ ...r, new_since: i % 7 === 0 })) };
});

const query = (input: PrivilegedQueryInput): PrivilegedQuery => {
  const parsed = privilegedQueryFromParams(privilegedQueryParams(input));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const keys = (rows: PrivilegedRow[]) => rows.map(privilegedRowKey);
const FACET_VALUE: Record<PrivilegedFacet, (r: PrivilegedRow) => string> = {
  org: (r) => r.organization_name,
  source: (r) => r.source,
  access: (r) => r.access,
  new: (r) => (r.new_since ? "new" : "before"),
};
const passes = (r: PrivilegedRow, filters: Partial<Record<PrivilegedFacet, string[]>>, except?: PrivilegedFacet) =>
  Object.entries(filters).every(([k, values]) => k === except || !values?.length || values.includes(FACET_VALUE[k as PrivilegedFacet](r)));
const searchHit = (r: PrivilegedRow, q: string) => [r.full_name || r.email, r.email, r.user_id, r.access, pathWords(r)].some((k) => k.toLowerCase().includes(q.toLowerCase()));

describe("the privileged report on the server", () => {
  it("answers the report's order by organization in windows, with the counts of every row", () => {
    const first = answerPrivilegedQuery(report, query({ limit: 40 }));
    expect(first.rows_total).toBe(report.rows.length);
    expect(first.matched).toBe(report.rows.length);
    expect(first.people).toBe(report.people);
    expect(first.organizations).toEqual(report.organizations);
    expect(keys(first.rows)).toEqual(keys(report.rows.slice(0, 40)));
    const later = answerPrivilegedQuery(report, query({ offset: 40, limit: 40 }));
    expect(later.offset).toBe(40);
    expect(keys(later.rows)).toEqual(keys(report.rows.slice(40, 80)));
    expect(first.new_count).toBe(report.rows.filter((r) => r.new_since).length);
  });

  it("a search is a case-insensitive contains over person, email, user id, access and path", () => {
    const someone = report.rows.find((r) => r.source === "permission")!;
    for (const q of [someone.email.slice(0, 5).toUpperCase(), someone.group_name!.slice(0, 4), someone.access, "listed by the org"]) {
      const expected = report.rows.filter((r) => searchHit(r, q));
      expect(expected.length, q).toBeGreaterThan(0);
      expect(keys(matchingPrivilegedRows(report, query({ q })))).toEqual(keys(expected));
      expect(answerPrivilegedQuery(report, query({ q, limit: 3 })).matched, q).toBe(expected.length);
    }
  });

  it("facets keep rows holding any chosen value, and each facet counts over the other filters only", () => {
    const orgs = [...new Set(report.rows.map((r) => r.organization_name))].slice(0, 2);
    const filters = { org: orgs, source: ["permission"], new: ["new"] };
    const a = answerPrivilegedQuery(report, query({ ...filters, limit: 500 }));
    const expected = report.rows.filter((r) => passes(r, filters));
    expect(expected.length).toBeGreaterThan(0);
    expect(a.matched).toBe(expected.length);
    expect(keys(a.rows)).toEqual(keys(expected.slice(0, 500)));
    for (const facet of ["org", "source", "access", "new"] as PrivilegedFacet[]) {
      const counts = new Map<string, number>();
      for (const r of report.rows.filter((r) => passes(r, filters, facet))) counts.set(FACET_VALUE[facet](r), (counts.get(FACET_VALUE[facet](r)) ?? 0) + 1);
      expect(new Map(a.facets![facet]), facet).toEqual(counts);
    }
  });

  it("sorts as the table does: case-insensitive, ties in the report's order whichever the direction, up to three columns", () => {
    const order = (rows: PrivilegedRow[], key: (r: PrivilegedRow) => string, desc: boolean) =>
      rows
        .map((r, i) => ({ r, i, k: key(r).toLowerCase() }))
        .sort((a, b) => (a.k === b.k ? a.i - b.i : (a.k < b.k ? -1 : 1) * (desc ? -1 : 1)))
        .map((x) => x.r);
    expect(keys(matchingPrivilegedRows(report, query({ sort: [{ id: "email", desc: true }] })))).toEqual(keys(order(report.rows, (r) => r.email, true)));
    expect(keys(matchingPrivilegedRows(report, query({ sort: [{ id: "access", desc: false }] })))).toEqual(keys(order(report.rows, (r) => r.access, false)));
    const two = matchingPrivilegedRows(report, query({ source: ["permission"], sort: [{ id: "access", desc: false }, { id: "person", desc: true }] }));
    const plain = order(order(report.rows.filter((r) => r.source === "permission"), (r) => r.full_name || r.email, true), (r) => r.access, false);
    expect(keys(two)).toEqual(keys(plain));
  });

  it("is prepared in slices once per report, and answers the same as an index built at once", async () => {
    const copy = { ...report };
    await Promise.all([preparePrivilegedQuery(copy), preparePrivilegedQuery(copy)]);
    expect(privilegedIndexOf(copy)).toBe(privilegedIndexOf(copy));
    expect(answerPrivilegedQuery(copy, query({ q: "a", limit: 10 }))).toEqual(answerPrivilegedQuery(report, query({ q: "a", limit: 10 })));
  });
});

describe("the query's parameters", () => {
  it("refuses a bad one with a message naming it", () => {
    const bad: [string, RegExp][] = [
      ["sort=password", /sort/],
      ["sort=email,access,path,person", /sort/],
      ["limit=5001", /limit/],
      ["offset=-1", /offset/],
      ["q=a&q=b", /"q".*more than once/],
      ["fresh=1", /"fresh"/],
      ["facets=yes", /facets/],
      [`org=${"x".repeat(401)}`, /org/],
    ];
    for (const [qs, message] of bad) {
      const parsed = privilegedQueryFromParams(new URLSearchParams(qs));
      expect(parsed.ok, qs).toBe(false);
      if (!parsed.ok) expect(parsed.message, qs).toMatch(message);
    }
  });

  it("reads the page's URL keys, facets repeated", () => {
    const parsed = privilegedQueryFromParams(new URLSearchParams("org=A&org=B&new=new&sort=-email,access&q=x"));
    expect(parsed).toEqual({
      ok: true,
      query: expect.objectContaining({ org: ["A", "B"], new: ["new"], q: "x", sort: [{ id: "email", desc: true }, { id: "access", desc: false }], offset: 0, facets: true }),
    });
  });
});
