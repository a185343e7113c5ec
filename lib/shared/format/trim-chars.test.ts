import { describe, expect, it } from "vitest";
import { trimChars, trimEndChars, trimStartChars } from "./trim-chars";

describe("trimming characters from the ends", () => {
  it("takes off runs at either end and nothing in between", () => {
    expect(trimChars("--a-b--", "-")).toBe("a-b");
    expect(trimStartChars(`"'<x>'"`, `"'<`)).toBe(`x>'"`);
    expect(trimEndChars(`"'<x>'".,`, `">',.`)).toBe(`"'<x`);
    expect(trimChars("----", "-")).toBe("");
    expect(trimChars("", "-")).toBe("");
  });

  it("answers a 160,000-character run that does not reach the end", () => {
    const s = ".".repeat(160_000) + "a";
    expect(trimEndChars(s, ".")).toBe(s);
    expect(trimStartChars(s, ".")).toBe("a");
  });
});
