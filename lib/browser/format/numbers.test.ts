import { describe, expect, it } from "vitest";
import { countOf, formatCount } from "./numbers";
import { emailDomain } from "@/lib/shared/format/email";

describe("counts", () => {
  it("groups thousands the same way for every officer", () => {
    expect(formatCount(48310)).toBe("48,310");
    expect(formatCount(0)).toBe("0");
  });

  it("names the noun in the right number", () => {
    expect(countOf(1, "user")).toBe("1 user");
    expect(countOf(1204, "user")).toBe("1,204 users");
    expect(countOf(2, "person", "people")).toBe("2 people");
  });
});

describe("email domains", () => {
  it("is the lower-cased part after the last @", () => {
    expect(emailDomain("Ann.Lee@Example.COM")).toBe("example.com");
    expect(emailDomain('"odd@local"@corp.io')).toBe("corp.io");
    expect(emailDomain("no-at-sign")).toBe("");
  });
});
