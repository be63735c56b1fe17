/**
 * Numbers as people and exporters write them: "1234", "1 234" (space, no-break space or
 * narrow no-break space between thousands), "1 234,5", "1234.5", "1,234" in a comma-decimal
 * file is 1.234, in a point-decimal file 1234. PxWeb's ".." (missing) and "." (not applicable)
 * and an empty cell are missing values — never zeros.
 */
export type ParsedNumber = { kind: 'number'; value: number } | { kind: 'missing'; marker: string } | { kind: 'invalid' };

/** The decimal separator a file uses: ',' in Swedish exports (`;`- or tab-separated), '.' otherwise. */
export type DecimalMark = ',' | '.';

const MISSING = new Set(['', '..', '.', '…', '-', '–']);
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
const PLAIN = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

export function parseNumber(raw: string, decimal: DecimalMark): ParsedNumber {
  let s = raw.trim();
  if (MISSING.has(s)) return { kind: 'missing', marker: s };
  if (GROUPED.test(s)) s = s.replace(/[ \u00a0\u202f]/g, '');
  const hasComma = s.includes(',');
  const hasPoint = s.includes('.');
  if (hasComma && hasPoint) {
    // "1.234,5" or "1,234.5": the last mark is the decimal one, the other groups thousands.
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    const grouped = new RegExp(`^[+-]?\\d{1,3}(?:\\${group}\\d{3})+\\${dec}\\d+$`);
    if (!grouped.test(s)) return { kind: 'invalid' };
    s = s.split(group).join('').replace(',', '.');
  } else if (hasComma || hasPoint) {
    const mark = hasComma ? ',' : '.';
    const thousandsOnly = new RegExp(`^[+-]?\\d{1,3}(?:\\${mark}\\d{3})+$`);
    if (mark !== decimal && thousandsOnly.test(s)) s = s.split(mark).join('');
    else if (!PLAIN.test(s) || s.split(mark).length > 2) return { kind: 'invalid' };
    else s = s.replace(',', '.');
  } else if (!PLAIN.test(s)) return { kind: 'invalid' };
  const value = Number(s);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}
