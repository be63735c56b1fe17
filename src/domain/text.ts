/** Keys already made: a table's rows repeat a few names and words, each looked up on every row. Bounded, since any text may come in. */
const keys = new Map<string, string>();

/**
 * Text keys for matching names typed by people: case-, diacritic- and punctuation-insensitive.
 * "Västra_Götaland", "vastra gotaland" and "VÄSTRA GÖTALAND" share one key.
 */
export function matchKey(s: string): string {
  const known = keys.get(s);
  if (known !== undefined) return known;
  const key = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\-–—.,:/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (keys.size >= 4096) keys.clear();
  keys.set(s, key);
  return key;
}

/** Levenshtein edit distance; small inputs only (names, option words). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Row by row of the edit matrix; every index read below was written (rows have b.length + 1 cells).
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? Infinity) + 1, (cur[j - 1] ?? Infinity) + 1, (prev[j - 1] ?? Infinity) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? Infinity;
}

/**
 * The candidates closest to `input` by edit distance on their match keys, best first,
 * without duplicates, at most `maxShare` × the input's length edits away. For "did you mean" hints.
 * @example closest('Skone', ['Skåne', 'Halland', 'Sörmland'], 2) // ['Skåne', 'Halland']
 */
export function closest(input: string, candidates: readonly string[], n = 3, maxShare = Infinity): string[] {
  const key = matchKey(input);
  const scored = new Map<string, number>();
  for (const c of candidates) {
    const ck = matchKey(c);
    // A candidate that starts with the input is as good as a one-letter typo.
    const d = ck.startsWith(key) && key.length >= 3 ? 1 : editDistance(key, ck);
    const best = scored.get(c);
    if (best === undefined || d < best) scored.set(c, d);
  }
  // Beyond maxShare of the input's length a "suggestion" is noise, not a near miss.
  const limit = Math.max(2, Math.ceil(key.length * maxShare));
  return [...scored.entries()]
    .filter(([, d]) => d <= limit)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], 'sv'))
    .slice(0, n)
    .map(([c]) => c);
}
