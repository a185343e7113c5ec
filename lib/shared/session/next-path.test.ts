import { describe, expect, it } from "vitest";
import { loginUrlFor, safeNextPath, unavailableUrlFor } from "./next-path";

describe("the next= path after login", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeNextPath("/people?q=alice%40example.com&sort=email#row-3")).toBe("/people?q=alice%40example.com&sort=email#row-3");
    expect(safeNextPath("/organizations/123e4567-e89b-12d3-a456-426614174000")).toBe("/organizations/123e4567-e89b-12d3-a456-426614174000");
  });

  it("never sends an officer to another site", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "javascript:alert(1)",
      "evil.example",
      " /people",
      "http:/evil.example",
    ]) {
      const out = safeNextPath(evil);
      expect(out.startsWith("/"), evil).toBe(true);
      expect(out.startsWith("//"), evil).toBe(false);
      expect(new URL(out, "https://dash.example").origin, evil).toBe("https://dash.example");
    }
    expect(safeNextPath("//evil.example")).toBe("/");
  });

  it("falls back to / for nothing, nonsense, the login page itself and API routes", () => {
    for (const v of [undefined, null, "", 42, ["/people"], "/login", "/login?next=/x", "/api/auth/me", "/" + "a".repeat(3000)]) {
      expect(safeNextPath(v)).toBe("/");
    }
    expect(safeNextPath("nonsense", "/home")).toBe("/home");
  });

  it("builds the login URL for a page asked for without a session", () => {
    expect(loginUrlFor("/groups?tab=members")).toBe("/login?next=%2Fgroups%3Ftab%3Dmembers");
    expect(loginUrlFor("/")).toBe("/login");
    expect(loginUrlFor("//evil.example")).toBe("/login");
  });
});

describe("unavailableUrlFor", () => {
  it("keeps a safe path to come back to, and nothing else", () => {
    expect(unavailableUrlFor("/people?q=a")).toBe("/unavailable?next=%2Fpeople%3Fq%3Da");
    expect(unavailableUrlFor("/")).toBe("/unavailable");
    expect(unavailableUrlFor("//evil.example/x")).toBe("/unavailable");
  });
});
