/*
 * npm run audit:verify
 * Checks the audit log's hash chain in the configured database (DATABASE_URL, or the embedded one
 * under DATA_DIR) and prints one line: intact, with the entry count and the chain head (keep it:
 * a later run that no longer reaches it means the log was rewritten), or the first entry that was
 * changed, removed or inserted. Exit 0 when intact, 1 when not, 2 when the check could not run.
 * The embedded database is open in one process at a time: with the app running, use the Audit
 * page's "Verify the audit log" (GET /api/audit/verify) instead.
 */
import { verifyAuditChain } from "@/lib/server/audit/verify";
import { openDatabase } from "@/lib/server/store/database";

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = process.env.DATA_DIR?.trim() || "data";
  const database = await openDatabase({ dataDir, databaseUrl, maxConnections: 1 });
  try {
    const verdict = await verifyAuditChain(database);
    process.stdout.write(`${verdict.message}\n`);
    return verdict.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify could not check the audit log: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
