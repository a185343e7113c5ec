import { beforeAll, describe, expect, it } from "vitest";
import { simulatedDirectorySuite } from "@/lib/tools/testing/synced-directory";
import { narrowPeopleWindow, type PeopleView } from "@/lib/shared/directory/people-narrow";
import { peopleQueryFromParams, peopleQueryParams, type PeopleQuery, type PeopleQueryInput } from "@/lib/shared/directory/people-query-wire";
import { emailDomain } from "@/lib/shared/format/email";
import type { Directory } from "@/lib/shared/directory/types";
import { answerPeopleQuery } from "./people-query";

/*
 * The tab's narrowing of a People window (lib/shared/directory/people-narrow.ts) checked against
 * the server's own answers over a synced simulator directory: for every pair of views where the
 * second narrows the first, the first view's window narrowed in the tab must be exactly the start
 * of the server's answer to the second view, row for row, and its count the server's when the
 * window held every match.
 */

const suite = simulatedDirectorySuite({ seed: "people-narrow", orgUserCounts: [240, 120, 60], groups: 8 });
let directory: Directory;
beforeAll(() => void ({ directory } = suite.ready()));

const query = (input: PeopleQueryInput): PeopleQuery => {
  const parsed = peopleQueryFromParams(peopleQueryParams(input));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};

function views(): PeopleQueryInput[] {
  const someone = directory.people.find((p) => p.groups.length > 0 && p.memberships.length > 0)!;
  const first = someone.fullName.toLowerCase().split(" ")[0]!;
  const org = someone.memberships[0]!.organization.name;
  const group = someone.groups[0]!.group.id;
  const domain = emailDomain(someone.email);
  const out: PeopleQueryInput[] = [];
  for (const sort of [[{ id: "name", desc: false }], [{ id: "email", desc: true }]])
    for (const q of ["", "a", first.slice(0, 2), first, "  A "])
      for (const facets of [{}, { role: ["user", "admin", "owner"] }, { role: ["user"] }, { org: [org] }, { group: [group], domain: [domain] }]) out.push({ q, sort, ...facets });
  return out;
}

describe("People narrowed in the tab", () => {
  it("is exactly the start of the server's answer to the narrower view, for every pair that narrows", () => {
    const all = views();
    let narrowedPairs = 0;
    let completePairs = 0;
    let partialPairs = 0;
    for (const [limit, offset] of [
      [30, 0],
      [500, 0],
    ] as const) {
      for (const a of all) {
        const before = query({ ...a, offset, limit });
        const held = answerPeopleQuery(directory, before);
        for (const b of all) {
          const next = query(b);
          const window = narrowPeopleWindow({ view: before as PeopleView, answer: held }, next);
          if (!window) continue;
          narrowedPairs++;
          const truth = answerPeopleQuery(directory, query({ ...b, limit: 500 }));
          const n = window.answer.rows.length;
          expect(window.answer.rows, `${peopleQueryParams(a)} → ${peopleQueryParams(b)}`).toEqual(truth.rows.slice(0, n));
          if (window.complete) {
            completePairs++;
            expect(window.answer.matched).toBe(truth.matched);
          } else {
            partialPairs++;
            expect(truth.matched).toBeGreaterThanOrEqual(n);
          }
        }
      }
    }
    // Not vacuous: many pairs narrow, both with windows that held every match and with windows that did not.
    expect(narrowedPairs).toBeGreaterThan(200);
    expect(completePairs).toBeGreaterThan(20);
    expect(partialPairs).toBeGreaterThan(20);
  });

  it("does not narrow what is not narrower: a shorter search, fewer facet values, another sort or action filter, a later window, a pasted list", () => {
    const held = (input: PeopleQueryInput) => {
      const view = query({ ...input, limit: 50 });
      return { view: view as PeopleView, answer: answerPeopleQuery(directory, view) };
    };
    const [a, b] = [directory.people[1]!, directory.people[7]!];
    expect(narrowPeopleWindow(held({ q: "an" }), query({ q: "a" }))).toBeUndefined();
    expect(narrowPeopleWindow(held({ q: "an" }), query({ q: "" }))).toBeUndefined();
    expect(narrowPeopleWindow(held({ role: ["user"] }), query({ role: ["user", "admin"] }))).toBeUndefined();
    expect(narrowPeopleWindow(held({ role: ["user"] }), query({}))).toBeUndefined();
    expect(narrowPeopleWindow(held({ sort: [{ id: "name", desc: false }] }), query({ q: "a", sort: [{ id: "name", desc: true }] }))).toBeUndefined();
    expect(narrowPeopleWindow(held({}), query({ action: ["chats:read"] }))).toBeUndefined();
    expect(narrowPeopleWindow(held({}), query({ q: `${a.email}, ${b.email}` }))).toBeUndefined();
    const later = query({ offset: 40, limit: 40 });
    expect(narrowPeopleWindow({ view: later as PeopleView, answer: answerPeopleQuery(directory, later) }, query({ q: "a" }))).toBeUndefined();
    // And the same view narrows to itself, whole.
    const same = narrowPeopleWindow(held({ q: "a" }), query({ q: "a" }))!;
    expect(same.answer.rows).toEqual(held({ q: "a" }).answer.rows);
  });
});
