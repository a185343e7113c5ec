import "server-only";
import { config, DEMO_PASSWORD, DEMO_USERNAME, type AppConfig } from "@/lib/server/config";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./passwords";
import type { Officer } from "./session-data";

/*
 * Who may log in: the DASHBOARD_USERS entries, or in demo mode without them the one demo account.
 */

interface Account extends Officer {
  hash: () => Promise<string>;
}

let demoHash: Promise<string> | undefined;
// Hashed on first use, not at import: the demo password is public, the scrypt cost is not free.
const demoAccountHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

function accounts(cfg: AppConfig): Account[] {
  if (cfg.users.length > 0) return cfg.users.map((u) => ({ name: u.name, role: u.role, hash: async () => u.hash }));
  if (cfg.mode === "demo") return [{ name: DEMO_USERNAME, role: "exporter", hash: demoAccountHash }];
  return [];
}

/** The officer as configured now (role changes and removals apply to live sessions), or null. */
export function findOfficer(name: string, cfg: AppConfig = config()): Officer | null {
  const account = accounts(cfg).find((a) => a.name === name);
  return account ? { name: account.name, role: account.role } : null;
}

/**
 * The officer when `password` is theirs, else null. An unknown username is checked against a decoy
 * hash so that both answers take one scrypt's time.
 */
export async function authenticateOfficer(username: string, password: string, cfg: AppConfig = config()): Promise<Officer | null> {
  const account = accounts(cfg).find((a) => a.name === username);
  const ok = await verifyPassword(password, account ? await account.hash() : await decoyPasswordHash());
  return account && ok ? { name: account.name, role: account.role } : null;
}
