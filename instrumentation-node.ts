import { ConfigError, loadConfig } from "@/lib/config";

/** Exactly one line on stderr and exit code 1 for a misconfiguration; anything else is a real crash. */
export function checkConfigurationOrExit(): void {
  try {
    loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
