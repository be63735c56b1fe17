/** Delimiters exports use: `;` (Swedish Excel and PxWeb), `,` (English PxWeb, Kolada) and tab. */
export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

/**
 * Guesses the delimiter from the first lines: the candidate that splits the most lines into
 * the same number (>0) of separators wins; `;` before tab before `,` on a tie, because a
 * `,` may be a decimal comma. Quoted text is skipped so "Stockholm, county" does not count.
 * @example sniffDelimiter('"region";"2012"\n"01 Stockholms län";2054343') // ';'
 */
export function sniffDelimiter(text: string, sampleLines = 60): Delimiter {
  const lines = text
    .split(/\r?\n/, sampleLines * 2)
    .filter((l) => l.trim() !== '')
    .slice(0, sampleLines);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const modeCount = Math.max(...freq.values());
    if (modeCount > bestScore) {
      best = d;
      bestScore = modeCount;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** Parses a --delimiter value: ";", ",", "tab", "\t". */
export function delimiterFromOption(value: string): Delimiter | undefined {
  const v = value.toLowerCase();
  if (v === ';' || v === 'semicolon') return ';';
  if (v === ',' || v === 'comma') return ',';
  if (v === 'tab' || v === '\\t' || v === '\t') return '\t';
  return undefined;
}
