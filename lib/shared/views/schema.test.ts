import { describe, expect, it } from "vitest";
import { saveViewRequestSchema } from "./schema";

/* A saved view opens only a page of this dashboard, with a bounded, printable query. */

const ok = (path: string, query = "") => saveViewRequestSchema.safeParse({ name: "v", path, query }).success;

describe("saveViewRequestSchema", () => {
  it("accepts app pages and their query strings", () => {
    expect(ok("/people", "q=ada&role=owner")).toBe(true);
    expect(ok("/organizations/1111-2222/users", "?sort=email.desc")).toBe(true);
    expect(saveViewRequestSchema.parse({ name: " Owners ", path: "/people", query: "?q=a" })).toEqual({ name: "Owners", path: "/people", query: "q=a" });
  });

  it("refuses anything that leaves the app or is not a page", () => {
    for (const path of ["https://evil.example/x", "//evil.example", "/\\evil", "people", "/api/export/users.csv", "/_next/static/x", "/a/../api", "/a b", "/x\u0000"]) expect(ok(path), path).toBe(false);
    expect(ok("/people", "q=1#frag")).toBe(false);
    expect(ok("/people", "q=a b")).toBe(false);
    expect(ok("/people", "x".repeat(2001))).toBe(false);
    expect(ok(`/${"p".repeat(400)}`)).toBe(false);
    expect(saveViewRequestSchema.safeParse({ name: "", path: "/people", query: "" }).success).toBe(false);
    expect(saveViewRequestSchema.safeParse({ name: "v", path: "/people", query: "", extra: 1 }).success).toBe(false);
  });
});
