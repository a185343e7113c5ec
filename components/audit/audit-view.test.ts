import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/server/audit/query";
import { localDayEnd, localDayStart } from "@/lib/browser/format/dates";
import { auditCsvHref, auditFilterParams, auditViewFromParams, auditViewProblem } from "./audit-view";

describe("the Audit page's view", () => {
  it("reads the URL, dropping days that do not exist", () => {
    expect(auditViewFromParams(new URLSearchParams("actor=ann&action=export&outcome=aborted&from=2026-03-01&to=2026-02-31"))).toEqual({
      actor: "ann",
      action: "export",
      outcome: "aborted",
      from: "2026-03-01",
      to: "",
    });
  });

  it("asks the API for whole days in the officer's time zone, both included, and the server accepts it", () => {
    const view = auditViewFromParams(new URLSearchParams("actor=ann&from=2026-03-01&to=2026-03-31"));
    const params = auditFilterParams(view);
    expect(Date.parse(params.from!)).toBe(localDayStart("2026-03-01"));
    expect(Date.parse(params.to!)).toBe(localDayEnd("2026-03-31")! + 1);
    const parsed = parseAuditQuery(new URLSearchParams(params));
    expect(parsed).toMatchObject({ ok: true, query: { actor: "ann", from: localDayStart("2026-03-01"), to: localDayEnd("2026-03-31")! + 1 } });
  });

  it("downloads the same filters as CSV, which the CSV route accepts", () => {
    const view = auditViewFromParams(new URLSearchParams("outcome=completed&from=2026-03-01"));
    const href = auditCsvHref(view);
    expect(href.startsWith("/api/audit.csv?")).toBe(true);
    expect(parseAuditQuery(new URL(href, "http://x").searchParams, { paged: false })).toMatchObject({ ok: true, query: { outcome: "completed" } });
    expect(auditCsvHref(auditViewFromParams(new URLSearchParams()))).toBe("/api/audit.csv");
  });

  it("says when the range is upside down", () => {
    expect(auditViewProblem(auditViewFromParams(new URLSearchParams("from=2026-03-02&to=2026-03-01")))).toMatch(/after/);
    expect(auditViewProblem(auditViewFromParams(new URLSearchParams("from=2026-03-01&to=2026-03-01")))).toBeNull();
  });
});
