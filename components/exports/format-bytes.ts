import { formatCount } from "@/lib/browser/format/numbers";

/** "950 B", "12.4 KB", "3.1 MB": decimal units, en-US digits like every count in the product. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${formatCount(n)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toLocaleString("en-US", { maximumFractionDigits: v < 10 ? 1 : 0 })} ${units[u]}`;
}
