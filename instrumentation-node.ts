import { ConfigError, loadConfig } from "@/lib/server/config";
import { installConnectionGuard } from "@/lib/server/http/connection-guard";

/** Exactly one line on stderr and exit code 1 for a misconfiguration; anything else is a real crash. */
export function checkConfigurationOrExit(): void {
  try {
    const cfg = loadConfig();
    // Bounds on slow clients and the peer stamp behind the login throttle's client address.
    installConnectionGuard(cfg.connections);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
