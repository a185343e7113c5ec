import { z } from "zod";

/*
 * Runs in the browser before the app's own modules. Zod compiles object parsers with `new Function`
 * when it may, and probes for that when the first object schema is built; under the app's CSP (no
 * 'unsafe-eval', see lib/server/http/csp.ts) the probe is refused and reported as a violation, even
 * though zod then quietly parses without it. Saying so up front keeps the policy strict and quiet.
 */
z.config({ jitless: true });
