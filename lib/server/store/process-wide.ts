import "server-only";

/** One value per process, kept on globalThis so route bundles and dev reloads share it. */
export function processWide<T>(key: string, make: () => T): T {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  return (holder[key] ??= make());
}
