/*
 * Counts are shown with a fixed grouping ("48,310") whatever the browser's locale, so a number in
 * a screenshot, a ticket or a test reads the same for every officer.
 */
const COUNT_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** "1 user", "2 users"; `plural` defaults to `singular + "s"`. */
export function pluralize(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/** "1,204 users" */
export function countOf(n: number, singular: string, plural?: string): string {
  return `${formatCount(n)} ${pluralize(n, singular, plural)}`;
}
