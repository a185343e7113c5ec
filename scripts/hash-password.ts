/*
 * npm run --silent hash-password -- PASSWORD
 * Prints the hash for a DASHBOARD_USERS entry (name:hash[:role]) on stdout and nothing else, so
 * it can be captured: USERS="alice:$(npm run --silent hash-password -- 'secret')".
 */
import { hashPassword } from "@/lib/server/session/passwords";

async function main(): Promise<number> {
  const password = process.argv[2];
  if (process.argv.length !== 3 || !password) {
    process.stderr.write(
      "usage: npm run --silent hash-password -- PASSWORD\n" +
        "Prints a scrypt hash for DASHBOARD_USERS=name:hash[:viewer|exporter],...\n" +
        "In a .env file write each $ of the hash as \\$; in a shell, quote the value with single quotes.\n",
    );
    return 2;
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`hash-password failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
