/**
 * Edit distance for the short strings anchoring compares (quote context of at most a few dozen
 * characters). Plain two-row Levenshtein over UTF-16 code units: O(a·b) time, O(b) memory, no
 * recursion and no regular expressions, so any input finishes in bounded time.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** How many characters of `expected` are found in `actual`: its length minus the edit distance. */
export function agreement(expected: string, actual: string): number {
  if (!expected.length) return 0;
  if (expected === actual) return expected.length;
  return Math.max(0, expected.length - editDistance(expected, actual));
}
