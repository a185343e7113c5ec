import { describe, expect, it } from "vitest";
import type { Page } from "@/lib/shared/compliance/schemas";
import { UpstreamError } from "./errors";
import { walkAll, walkPages } from "./walk";

/** A page source with scripted answers, recording the tokens it was asked for. */
function scripted<T>(pages: Record<string, Page<T>>) {
  const asked: Array<string | undefined> = [];
  return {
    asked,
    fetchPage: async (page: string | undefined) => {
      asked.push(page);
      const p = pages[page ?? ""];
      if (!p) throw new Error(`unexpected token ${page}`);
      return p;
    },
  };
}

describe("walkPages (pure)", () => {
  it("follows next_page unchanged until has_more is false", async () => {
    const s = scripted({
      "": { data: [1, 2], has_more: true, next_page: "tok+/=A" },
      "tok+/=A": { data: [3], has_more: true, next_page: "  b  " },
      "  b  ": { data: [4], has_more: false, next_page: null },
    });
    const progress: number[] = [];
    expect(await walkAll(s.fetchPage, { onPage: (i) => progress.push(i.rows) })).toEqual([1, 2, 3, 4]);
    expect(s.asked).toEqual([undefined, "tok+/=A", "  b  "]);
    expect(progress).toEqual([2, 3, 4]);
  });

  it("stops on a null next_page even if has_more says otherwise", async () => {
    const s = scripted({ "": { data: [1], has_more: true, next_page: null } });
    expect(await walkAll(s.fetchPage)).toEqual([1]);
  });

  it("reads the legacy organizations answer (bare data) as one page", async () => {
    const s = scripted({ "": { data: ["a", "b"] } });
    expect(await walkAll(s.fetchPage)).toEqual(["a", "b"]);
    expect(s.asked).toHaveLength(1);
  });

  it("continues through empty pages that say more follows", async () => {
    const s = scripted({
      "": { data: [], has_more: true, next_page: "x" },
      x: { data: [], has_more: true, next_page: "y" },
      y: { data: [7], has_more: false, next_page: null },
    });
    expect(await walkAll(s.fetchPage)).toEqual([7]);
  });

  it("fails loudly on a token it has seen before", async () => {
    const s = scripted({
      "": { data: [1], has_more: true, next_page: "a" },
      a: { data: [2], has_more: true, next_page: "b" },
      b: { data: [3], has_more: true, next_page: "a" },
    });
    const e = await walkAll(s.fetchPage, { label: "users" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).kind).toBe("pagination");
    expect(s.asked).toEqual([undefined, "a", "b"]);
  });

  it("fails rather than drop a record listed twice: the copy stands in for rows never sent", async () => {
    const s = scripted({
      "": { data: [{ id: "u1" }, { id: "u2" }], has_more: true, next_page: "a" },
      a: { data: [{ id: "u1" }, { id: "u2" }], has_more: true, next_page: "b" },
      b: { data: [{ id: "u5" }], has_more: false, next_page: null },
    });
    const e = await walkAll(s.fetchPage, { label: "users", idOf: (u) => u.id }).catch((x: unknown) => x);
    expect((e as UpstreamError).kind).toBe("pagination");
    expect((e as UpstreamError).message).toMatch(/u1 twice/);
    expect(s.asked).toEqual([undefined, "a"]);
  });

  it("gives up on an endless run of empty pages", async () => {
    let n = 0;
    const e = await walkAll(async () => ({ data: [], has_more: true, next_page: `t${n++}` }), { maxEmptyPages: 5 }).catch((x: unknown) => x);
    expect((e as UpstreamError).kind).toBe("pagination");
    expect(n).toBe(6);
  });

  it("stops when its signal is aborted", async () => {
    const ac = new AbortController();
    let n = 0;
    const pages = walkPages(async () => ({ data: [n], has_more: true, next_page: `t${n++}` }), { signal: ac.signal });
    const seen: number[] = [];
    const e = await (async () => {
      for await (const rows of pages) {
        seen.push(...rows);
        if (seen.length === 2) ac.abort();
      }
    })().catch((x: unknown) => x);
    expect((e as UpstreamError).kind).toBe("cancelled");
    expect(seen).toEqual([0, 1]);
  });
});
