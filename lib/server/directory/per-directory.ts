import type { Directory } from "@/lib/shared/directory/types";

/*
 * Something derived from a Directory (an index, a catalog), built on first use and kept as long as
 * the directory is: a sync's directory never changes, so neither does anything built from it.
 */
export function perDirectory<T>(build: (directory: Directory) => T): (directory: Directory) => T {
  const built = new WeakMap<Directory, T>();
  return (directory) => {
    let value = built.get(directory);
    if (value === undefined) {
      value = build(directory);
      built.set(directory, value);
    }
    return value;
  };
}
