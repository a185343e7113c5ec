import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "./query";

const q = (s: string, paged = true) => parseAuditQuery(new URLSearchParams(s), { paged });

describe("audit query parameters", () => {
  it("takes days and timestamps; a day as `to` includes the whole day", () => {
    expect(q("from=2026-03-01&to=2026-03-31&actor=ann&limit=10")).toEqual({
      ok: true,
      query: { from: Date.parse("2026-03-01T00:00:00Z"), to: Date.parse("2026-04-01T00:00:00Z"), actor: "ann", limit: 10 },
    });
    expect(q("from=2026-03-01T12:00:00Z")).toMatchObject({ ok: true, query: { from: Date.parse("2026-03-01T12:00:00Z"), limit: 100 } });
  });

  it("refuses unknown or repeated parameters, bad dates and limits, and an empty range", () => {
    expect(q("foo=1")).toMatchObject({ ok: false });
    expect(q("actor=a&actor=b")).toMatchObject({ ok: false });
    expect(q("from=yesterday")).toMatchObject({ ok: false });
    expect(q("limit=0")).toMatchObject({ ok: false });
    expect(q("limit=1001")).toMatchObject({ ok: false });
    expect(q("from=2026-03-02&to=2026-03-01")).toMatchObject({ ok: false });
  });

  it("has no paging parameters for the CSV download", () => {
    expect(q("limit=10", false)).toMatchObject({ ok: false });
    expect(q("outcome=aborted", false)).toEqual({ ok: true, query: { outcome: "aborted" } });
  });
});
