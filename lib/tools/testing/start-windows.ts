/*
 * The rate promise as tests check it: at most N request starts in any one-second window, sliding
 * over the actual start (or arrival) times rather than counting fixed seconds.
 */

/** The most of `times` (epoch ms) that fall within any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let hi = 0, lo = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}
