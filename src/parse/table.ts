import { isBlank, type Row } from './records.js';

/**
 * Where the table sits in an export. PxWeb and Excel exports wrap the data in a title line
 * (and a blank line) above and a footnote/source block below; tidy files have neither.
 */
export interface TableBlock {
  /** Lines above the header (titles, blank lines). */
  above: Row[];
  header: Row;
  body: Row[];
  /** The footnote and source block below the data, from its first (usually blank) line. */
  below: Row[];
}

/** First cells that open an SCB/Excel footnote block even without a blank line before it. */
const FOOTER_START =
  /^\s*(källa|kalla|source|fotnot|footnote|anm(ärkning)?|senaste uppdatering|last updated|officiell statistik|official statistics|databas|database|intern referenskod|internal reference|uppgifterna avser|fr o m|from \d{4}|förklaring|explanation)\b/i;

function nonEmptyCount(row: Row): number {
  let n = 0;
  for (const c of row.cells) if (c.trim() !== '') n++;
  return n;
}

/**
 * Finds the header: the first line with two or more filled cells (a title line has one),
 * or the first non-blank line in a one-column file. The body runs to the first blank line
 * or footnote line; everything after is `below`, for the caller to check and report.
 */
export function locateTable(rows: readonly Row[]): TableBlock | undefined {
  let h = rows.findIndex((r) => nonEmptyCount(r) >= 2);
  if (h < 0) h = rows.findIndex((r) => !isBlank(r));
  if (h < 0) return undefined;
  const header = rows[h];
  if (!header) return undefined;
  let end = h + 1;
  for (let row = rows[end]; row && !isBlank(row) && !FOOTER_START.test(firstFilled(row)); row = rows[++end]);
  // Trailing blank lines alone are not a footnote block.
  const below = rows.slice(end);
  return {
    above: rows.slice(0, h),
    header,
    body: rows.slice(h + 1, end),
    below: below.every(isBlank) ? [] : below,
  };
}

function firstFilled(row: Row): string {
  return row.cells.find((c) => c.trim() !== '') ?? '';
}
