import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDownloadPath, refuseDownloadRequest } from "./download-guard";

const h = (init: Record<string, string> = {}) => new Headers(init);

describe("the download guard", () => {
  it("knows every route that hands out a file, and nothing else", () => {
    for (const p of ["/api/export/users.csv", "/api/export/users.xlsx", "/api/export/roles.xlsx", "/api/audit.csv", "/api/audit.xlsx", "/api/seed-lists/sl_1/download"]) {
      expect(isDownloadPath(p), p).toBe(true);
    }
    for (const p of ["/api/audit", "/api/seed-lists/sl_1", "/api/seed-lists/resolve", "/api/compliance/organizations", "/exports", "/api/export/a/b"]) {
      expect(isDownloadPath(p), p).toBe(false);
    }
  });

  it("is run by proxy.ts for exactly those paths (the matcher lists them literally)", () => {
    const proxy = readFileSync(path.resolve(__dirname, "../../../proxy.ts"), "utf8");
    for (const m of ['"/api/export/:file"', '"/api/audit.csv"', '"/api/audit.xlsx"', '"/api/seed-lists/:id/download"']) expect(proxy).toContain(m);
    expect(proxy).toMatch(/isDownloadPath\(pathname\)\) return refuseDownloadRequest\(request\.method, request\.headers\)/);
  });

  it("refuses HEAD and every method but GET with 405 and allow: GET", async () => {
    for (const method of ["HEAD", "POST", "PUT", "DELETE", "OPTIONS"]) {
      const res = refuseDownloadRequest(method, h());
      expect(res?.status, method).toBe(405);
      expect(res?.headers.get("allow")).toBe("GET");
      expect(await res!.json()).toMatchObject({ error: { type: "method_not_allowed", message: expect.stringMatching(/GET/) } });
    }
  });

  it("refuses a cross-site start with 403 in the error shape, and lets the dashboard's own requests through", async () => {
    const res = refuseDownloadRequest("GET", h({ "sec-fetch-site": "cross-site" }));
    expect(res?.status).toBe(403);
    expect(await res!.json()).toMatchObject({ error: { type: "cross_site_download", message: expect.stringMatching(/from the dashboard itself/) } });
    expect(refuseDownloadRequest("GET", h({ "sec-fetch-site": "Cross-Site" }))?.status).toBe(403);
    for (const site of ["same-origin", "same-site", "none"]) expect(refuseDownloadRequest("GET", h({ "sec-fetch-site": site })), site).toBeNull();
    expect(refuseDownloadRequest("GET", h())).toBeNull();
  });
});
