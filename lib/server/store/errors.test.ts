import { describe, expect, it } from "vitest";
import { StoreUnavailableError, asStoreError, isStoreUnavailable } from "./errors";

describe("isStoreUnavailable", () => {
  it("recognises the error thrown by another bundle's copy of the class", () => {
    // What a second copy of errors.ts (another route bundle) constructs: same brand, other class.
    const foreign = Object.assign(new Error("database error 57P01"), { [Symbol.for("compliance-directory.store-unavailable")]: true });
    expect(foreign instanceof StoreUnavailableError).toBe(false);
    expect(isStoreUnavailable(foreign)).toBe(true);
    expect(asStoreError(foreign)).toBe(foreign);
  });

  it("maps connection, space and shutdown failures, and nothing else", () => {
    for (const code of ["08006", "53100", "57P01", "ECONNREFUSED", "ENOSPC"]) {
      expect(isStoreUnavailable(asStoreError(Object.assign(new Error("x"), { code }))), code).toBe(true);
    }
    expect(isStoreUnavailable(asStoreError(Object.assign(new Error("syntax"), { code: "42601" })))).toBe(false);
    expect(isStoreUnavailable(new Error("plain"))).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });
});
