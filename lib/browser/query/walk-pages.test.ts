import { describe, expect, it } from "vitest";
import type { Page } from "@/lib/shared/compliance/schemas";
import { isApiError } from "./api-error";
import { walkPages, type WalkState } from "./walk-pages";

/** A fake list of `total` rows served `size` at a time behind opaque tokens. */
function pagedList(total: number, size: number) {
  const rows = Array.from({ length: total }, (_, i) => ({ id: `user_${i}` }));
  const asked: (string | undefined)[] = [];
  const fetchPage = async (page: string | undefined): Promise<Page<{ id: string }>> => {
    asked.push(page);
    const start = page ? Number(atob(page)) : 0;
    const end = Math.min(total, start + size);
    const more = end < total;
    return { data: rows.slice(start, end), has_more: more, next_page: more ? btoa(String(end)) : null };
  };
  return { fetchPage, asked };
}

describe("walking a list in the browser", () => {
  it("collects every row, passing each token back unchanged", async () => {
    const { fetchPage, asked } = pagedList(2345, 1000);
    const state = await walkPages(fetchPage);
    expect(state.done).toBe(true);
    expect(state.rows).toBe(2345);
    expect(state.rowsByPage.flat().map((r) => r.id)).toEqual(Array.from({ length: 2345 }, (_, i) => `user_${i}`));
    expect(asked).toEqual([undefined, btoa("1000"), btoa("2000")]);
  });

  it("follows a short page that says more is coming", async () => {
    const pages: Page<{ id: string }>[] = [
      { data: [{ id: "a" }], has_more: true, next_page: "t1" },
      { data: [], has_more: true, next_page: "t2" },
      { data: [{ id: "b" }], has_more: false, next_page: null },
    ];
    let i = 0;
    const state = await walkPages(async () => pages[i++]!);
    expect(state.rowsByPage.flat()).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("treats a list without has_more (the older unpaginated organizations) as complete", async () => {
    const state = await walkPages(async () => ({ data: [{ id: "x" }] }));
    expect(state).toMatchObject({ done: true, rows: 1 });
  });

  it("fails loudly on a token that repeats instead of looping", async () => {
    let calls = 0;
    const err = await walkPages(async () => {
      calls++;
      return { data: [{ id: `r${calls}` }], has_more: true, next_page: calls === 1 ? "A" : calls === 2 ? "B" : "A" };
    }).catch((e) => e);
    expect(isApiError(err) && err.type).toBe("pagination");
    expect(calls).toBe(3);
  });

  it("reports progress after every page", async () => {
    const { fetchPage } = pagedList(2500, 1000);
    const seen: number[] = [];
    await walkPages(fetchPage, { onPage: (s) => seen.push(s.rows) });
    expect(seen).toEqual([1000, 2000, 2500]);
  });

  it("resumes a cancelled walk where it stopped, without asking for the first pages again", async () => {
    const { fetchPage, asked } = pagedList(3000, 1000);
    const controller = new AbortController();
    let stoppedAt: WalkState<{ id: string }> | undefined;
    await walkPages(fetchPage, {
      signal: controller.signal,
      onPage: (s) => {
        stoppedAt = s;
        if (s.rows === 1000) controller.abort();
      },
    }).catch((e) => expect(e.name).toBe("AbortError"));
    expect(stoppedAt?.done).toBe(false);
    asked.length = 0;
    const state = await walkPages(fetchPage, { resume: stoppedAt });
    expect(asked).toEqual([btoa("1000"), btoa("2000")]);
    expect(state.rows).toBe(3000);
  });

  it("stops with a pagination error when a record comes back on a later page: rows may be missing", async () => {
    const pages: Page<{ id: string }>[] = [
      { data: [{ id: "a" }, { id: "b" }], has_more: true, next_page: "t1" },
      { data: [{ id: "b" }, { id: "c" }], has_more: false },
    ];
    let i = 0;
    const err = await walkPages(async () => pages[i++]!, { idOf: (r) => r.id }).catch((e) => e);
    expect(isApiError(err) && err.type).toBe("pagination");
    expect(String(err.message)).toContain("listed b twice");
  });

  it("gives up on an endless run of empty pages", async () => {
    let n = 0;
    const err = await walkPages(async () => ({ data: [], has_more: true, next_page: `t${n++}` }), { maxEmptyPages: 5 }).catch((e) => e);
    expect(isApiError(err) && err.type).toBe("pagination");
  });
});
