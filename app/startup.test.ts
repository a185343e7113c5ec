import { describe, expect, it } from "vitest";
import { startAppExpectingFailure } from "@/lib/tools/testing/app-server";

/*
 * `next start` with a misconfiguration must stop with one clear line saying what to set
 * (CONTRACT.md), before it serves anything.
 */

const KEY = "sk-ant-api01-sim-full-scope-key-for-tests-0001";
const SECRET = "startup-test-session-secret-0123456789abcdef";
const USERS = "alice:scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

describe("start-up configuration checks", () => {
  it.each([
    ["a live key without SESSION_SECRET", { ANTHROPIC_COMPLIANCE_ACCESS_KEY: KEY, DASHBOARD_USERS: USERS }, /SESSION_SECRET/],
    ["a short SESSION_SECRET", { ANTHROPIC_COMPLIANCE_ACCESS_KEY: KEY, DASHBOARD_USERS: USERS, SESSION_SECRET: "short" }, /SESSION_SECRET.*32/],
    ["an Admin API key", { ANTHROPIC_COMPLIANCE_ACCESS_KEY: "sk-ant-admin01-abc", DASHBOARD_USERS: USERS, SESSION_SECRET: SECRET }, /Admin/],
    ["a live key without DASHBOARD_USERS", { ANTHROPIC_COMPLIANCE_ACCESS_KEY: KEY, SESSION_SECRET: SECRET }, /DASHBOARD_USERS/],
    ["a DASHBOARD_USERS entry without a hash", { ANTHROPIC_COMPLIANCE_ACCESS_KEY: KEY, SESSION_SECRET: SECRET, DASHBOARD_USERS: "alice:password" }, /hash-password/],
  ])("refuses to start with %s, in one line", async (_what, env, expected) => {
    const { code, output } = await startAppExpectingFailure(env);
    expect(code).not.toBe(0);
    const errorLines = output.split("\n").filter((l) => l.startsWith("Configuration error:"));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(expected);
    expect(output).not.toContain(KEY);
  });
});
