import { describe, expect, it, vi } from "vitest";
import type { Directory } from "@/lib/shared/directory/types";

/*
 * Next.js runs one copy of a module per layer (instrumentation, pages, route handlers). A copy
 * loaded afresh stands in for another layer here: what one built, the other must find.
 */

describe("process-wide state", () => {
  it("is shared by two copies of a module, so a directory's index is built once per process", async () => {
    const first = await import("@/lib/server/directory/per-directory");
    vi.resetModules();
    const second = await import("@/lib/server/directory/per-directory");
    expect(second).not.toBe(first);
    let builds = 0;
    const build = () => ({ build: ++builds });
    const fromFirst = first.perDirectory("process-wide-test", build);
    const fromSecond = second.perDirectory("process-wide-test", build);
    const directory = {} as Directory;
    expect(fromSecond(directory)).toBe(fromFirst(directory));
    expect(builds).toBe(1);
    // Another name is another value.
    expect(second.perDirectory("process-wide-test-other", build)(directory)).not.toBe(fromFirst(directory));
  });

  it("is one value per name", async () => {
    const { processWide } = await import("./process-wide");
    const a = processWide("process-wide-test-value", () => ({}));
    vi.resetModules();
    const again = await import("./process-wide");
    expect(again.processWide("process-wide-test-value", () => ({}))).toBe(a);
  });
});
