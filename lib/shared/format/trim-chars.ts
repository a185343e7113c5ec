/*
 * Trimming a set of characters from the ends of a string in one pass. Patterns like /[.,;]+$/ try
 * every start position and rescan the run from each, quadratic on a long run that does not reach
 * the end; officer input (pasted lists, file cells) must never take more than linear time.
 */

export function trimStartChars(s: string, chars: string): string {
  let i = 0;
  while (i < s.length && chars.includes(s[i]!)) i++;
  return i === 0 ? s : s.slice(i);
}

export function trimEndChars(s: string, chars: string): string {
  let j = s.length;
  while (j > 0 && chars.includes(s[j - 1]!)) j--;
  return j === s.length ? s : s.slice(0, j);
}

export function trimChars(s: string, chars: string): string {
  return trimEndChars(trimStartChars(s, chars), chars);
}
