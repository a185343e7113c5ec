import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { Page, User } from "@/lib/shared/compliance/schemas";
import { walkPages } from "./walk-pages";
import { walkProgress } from "./walk-progress";
import { firstPageSeed, startFromSeed } from "./walk-query";

/*
 * A walk started from the first page a page's first screen already read (UsersTable): it must go
 * on with page 2 from that page's cursor, so every user arrives exactly once and the first page is
 * never asked for again.
 */

const user = (i: number): User => ({
  id: `user_${String(i).padStart(5, "0")}`,
  full_name: `User ${i}`,
  email: `u${i}@acme.io`,
  created_at: "2024-01-01T00:00:00Z",
  organization_role: "user",
});

/** A list of `total` users served `size` at a time behind opaque tokens, counting what is asked. */
function pagedUsers(total: number, size: number) {
  const rows = Array.from({ length: total }, (_, i) => user(i));
  const asked: (string | undefined)[] = [];
  const page = (token: string | undefined): Page<User> => {
    const start = token ? Number(atob(token)) : 0;
    const end = Math.min(total, start + size);
    const more = end < total;
    return { data: rows.slice(start, end), has_more: more, next_page: more ? btoa(String(end)) : null };
  };
  const fetchPage = async (token: string | undefined) => {
    asked.push(token);
    return page(token);
  };
  return { rows, page, fetchPage, asked };
}

const KEY = ["compliance", "organizations", "o1", "users"];

afterEach(() => walkProgress.clear());

describe("a walk seeded with its first page", () => {
  it("continues with page 2 from the page's cursor: every row once, the first page not asked again", async () => {
    const list = pagedUsers(2345, 1000);
    const seed = firstPageSeed("organizationUsers", JSON.parse(JSON.stringify(list.page(undefined))));
    expect(seed).toMatchObject({ pages: 1, rows: 1000, done: false, next: btoa("1000") });
    const state = await walkPages(list.fetchPage, { resume: seed!, idOf: (u) => u.id });
    expect(list.asked).toEqual([btoa("1000"), btoa("2000")]);
    expect(state.rowsByPage.flat().map((u) => u.id)).toEqual(list.rows.map((u) => u.id));
    expect(state.pages).toBe(3);
  });

  it("reads the page with the list's schema, and refuses one that is not a page of users", () => {
    expect(firstPageSeed("organizationUsers", { data: [{ id: "user_1" }], has_more: false, next_page: null })).toBeNull();
    expect(firstPageSeed("organizationUsers", { data: [user(1), user(1)], has_more: false, next_page: null })).toBeNull();
    const seed = firstPageSeed("organizationUsers", { data: [{ ...user(1), extra: 7 }], has_more: false, next_page: null });
    expect(seed?.rowsByPage[0]?.[0]).toMatchObject({ id: "user_00001", extra: 7 });
  });

  it("hands the walk's progress a stopped walk to resume, once, and tells no one while a component renders", () => {
    const list = pagedUsers(1500, 1000);
    const seed = firstPageSeed("organizationUsers", list.page(undefined))!;
    const client = new QueryClient();
    const before = walkProgress.getVersion();
    expect(startFromSeed(client, KEY, seed)).toBeUndefined();
    const hash = JSON.stringify(KEY);
    expect(walkProgress.get(hash)).toMatchObject({ phase: "stopped", state: { pages: 1, rows: 1000, next: btoa("1000") } });
    expect(walkProgress.getVersion()).toBe(before);
    // A second table on the same list (or a re-render) does not start it over.
    const other = firstPageSeed("organizationUsers", pagedUsers(1500, 10).page(undefined))!;
    startFromSeed(client, KEY, other);
    expect(walkProgress.get(hash)?.state.rows).toBe(1000);
  });

  it("a list of one page is the query's data at once; a list the tab already has is left alone", () => {
    const list = pagedUsers(40, 1000);
    const seed = firstPageSeed("organizationUsers", list.page(undefined))!;
    const client = new QueryClient();
    expect(startFromSeed(client, KEY, seed)).toEqual({ rows: list.rows, pages: 1 });
    expect(walkProgress.get(JSON.stringify(KEY))).toBeUndefined();
    client.setQueryData(KEY, { rows: [], pages: 1 });
    expect(startFromSeed(client, KEY, seed)).toBeUndefined();
  });
});
