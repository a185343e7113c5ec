import { describe, expect, it } from "vitest";
import { decoyPasswordHash, hashPassword, parsePasswordHash, verifyPassword } from "./passwords";

describe("officer password hashes", () => {
  it("a hash verifies its own password and no other", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("the format fits DASHBOARD_USERS: scrypt$N$r$p$salt$hash with no ':' or ','", async () => {
    const hash = await hashPassword("pw:with,separators");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toMatch(/[:,]/);
    expect(await verifyPassword("pw:with,separators", hash)).toBe(true);
  });

  it("the same password hashes differently each time (random salt)", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("a tampered hash is a mismatch, never an exception", async () => {
    const hash = await hashPassword("secret");
    const parts = hash.split("$");
    const flipped = Buffer.from(parts[5]!, "base64");
    flipped[0]! ^= 1;
    const tamperedKey = [...parts.slice(0, 5), flipped.toString("base64")].join("$");
    const tamperedCost = ["scrypt", "8192", ...parts.slice(2)].join("$");
    expect(await verifyPassword("secret", tamperedKey)).toBe(false);
    expect(await verifyPassword("secret", tamperedCost)).toBe(false);
    for (const broken of ["", "scrypt", "plaintext", "scrypt$16384$8$1$$", "scrypt$999999999$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==", hash.replace(/\$/g, "")]) {
      expect(await verifyPassword("secret", broken)).toBe(false);
    }
  });

  it("parsePasswordHash names what is wrong with a damaged hash (e.g. a .env file ate the $ signs)", async () => {
    expect(typeof parsePasswordHash(await hashPassword("x"))).toBe("object");
    expect(parsePasswordHash("scrypt6384")).toMatch(/not of the form/);
    expect(parsePasswordHash("scrypt$1000$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toMatch(/power of two/);
    expect(parsePasswordHash("scrypt$16384$0$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toMatch(/r or p/);
    expect(parsePasswordHash("scrypt$16384$8$1$not*base64$AAAAAAAAAAAAAAAAAAAAAA==")).toMatch(/base64/);
  });

  it("unknown usernames are checked against a decoy hash that no password matches", async () => {
    const decoy = await decoyPasswordHash();
    expect(decoy).toBe(await decoyPasswordHash());
    expect(typeof parsePasswordHash(decoy)).toBe("object");
    expect(await verifyPassword("", decoy)).toBe(false);
    expect(await verifyPassword("compliance-demo", decoy)).toBe(false);
  });
});
