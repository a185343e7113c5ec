import "server-only";

/*
 * Next.js bundles the server once per layer (the instrumentation hook, the pages, the route
 * handlers), and each bundle runs its own copy of a module: state held at module level is one per
 * layer, not one per process. At 200,000 memberships that meant People's index and the privileged
 * report were each built three times over (seconds of CPU, gigabytes of garbage), one copy per layer
 * that asked. What must be one per process is kept on globalThis under a registered symbol, which
 * every copy of a module finds.
 */

type Holder = Record<symbol, unknown>;

/** The process's one value under `name`, made by `create` on first use. */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`compliance-directory.${name}`);
  const g = globalThis as Holder;
  if (!(key in g)) g[key] = create();
  return g[key] as T;
}
