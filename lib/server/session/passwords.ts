// No "server-only" guard: scripts/hash-password.ts runs this under plain Node, where the guard
// throws. node:crypto keeps it out of any browser bundle anyway.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/*
 * Officer passwords are stored as `scrypt$N$r$p$saltB64$hashB64`. The format holds no `:` or `,`
 * because DASHBOARD_USERS separates entries with them, and it carries its own parameters so a
 * stronger cost can be adopted later without invalidating existing hashes.
 */

// N=2^14, r=8 (16 MiB per hash) costs about 50 ms on a small server: slow for a guesser, quick
// enough that a burst of logins does not starve the libuv thread pool.
const DEFAULT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Upper bounds keep a hand-edited hash from asking for gigabytes of memory or minutes of CPU.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

export interface ParsedPasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The parts of a stored hash, or a sentence saying what is wrong with it (used by the config check). */
export function parsePasswordHash(hash: string): ParsedPasswordHash | string {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return "is not of the form scrypt$N$r$p$salt$hash";
  const [, nRaw, rRaw, pRaw, saltRaw, keyRaw] = parts as [string, string, string, string, string, string];
  const [N, r, p] = [nRaw, rRaw, pRaw].map((v) => (/^[0-9]{1,8}$/.test(v) ? Number(v) : NaN)) as [number, number, number];
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0)) return "has an scrypt N that is not a power of two up to 2^20";
  if (!(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return "has scrypt r or p out of range";
  if (!BASE64.test(saltRaw) || !BASE64.test(keyRaw)) return "has a salt or hash that is not base64";
  const salt = Buffer.from(saltRaw, "base64");
  const key = Buffer.from(keyRaw, "base64");
  if (salt.length < 8 || key.length < 16 || key.length > 128) return "has a salt or hash of the wrong length";
  return { N, r, p, salt, key };
}

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const scryptOptions = (N: number, r: number, p: number): ScryptOptions => ({
  N,
  r,
  p,
  // Node refuses anything above 32 MiB by default; allow what the parameters need, with headroom.
  maxmem: 256 * N * r * p,
});

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = DEFAULT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, scryptOptions(N, r, p));
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/**
 * True when `password` matches `hash`. A malformed hash is a mismatch, never an exception, and the
 * comparison is constant-time so the answer's timing says nothing about how close a guess was.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  if (typeof parsed === "string") return false;
  const { N, r, p, salt, key } = parsed;
  let candidate: Buffer;
  try {
    candidate = await scryptAsync(password, salt, key.length, scryptOptions(N, r, p));
  } catch {
    return false;
  }
  return timingSafeEqual(candidate, key);
}

let decoyHash: Promise<string> | undefined;
/**
 * A hash of a random password with the default cost. Checking a login for an unknown username
 * against it spends the same scrypt time as a real check, so timing does not reveal which
 * usernames exist.
 */
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(24).toString("base64"));
  return decoyHash;
}
