import type { ChalkInstance } from 'chalk';
import type { Column, Lang, LocalTable, ResultRow } from './model.js';
import { printable } from '../io/printable.js';
import { formatCell, isNumeric } from './numbers.js';

/** Display width of a string: code points after NFC, so "Västra Götaland" is 15 wide however it was typed. */
export function displayWidth(s: string): number {
  return [...s.normalize('NFC')].length;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

export interface TextTableOptions {
  lang: Lang;
  /** Colours and emphasis; a chalk instance at level 0 prints plain text. */
  chalk: ChalkInstance;
  /** Optional per-cell styling (e.g. colour a rate above/below the national one). */
  style?: (col: Column, row: ResultRow, text: string) => string;
}

/**
 * An aligned plain-text table: numbers right-aligned, text left-aligned, the rows shown
 * apart (Riket) below a rule, then the notes.
 */
export function renderTextTable(table: LocalTable, opts: TextTableOptions): string {
  const cols = table.columns.filter((c) => c.only !== 'machine');
  // Cells come from the data: what a terminal would obey as a control is shown, not sent.
  const cell = (c: Column<string>, r: ResultRow) => printable(formatCell(c, r, opts.lang));
  const body = table.rows.map((r) => cols.map((c) => cell(c, r)));
  const apart = (table.apart ?? []).map((r) => cols.map((c) => cell(c, r)));
  const widths = cols.map((c, i) => Math.max(displayWidth(c.header), ...[...body, ...apart].map((cells) => displayWidth(cells[i]!))));
  const line = (cells: string[], row?: ResultRow) =>
    cols
      .map((c, i) => {
        const text = pad(cells[i]!, widths[i]!, isNumeric(c));
        return row && opts.style ? opts.style(c, row, text) : text;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('──');
  const out: string[] = [];
  if (table.title) out.push(opts.chalk.bold(printable(table.title)), '');
  out.push(opts.chalk.bold(line(cols.map((c) => printable(c.header)))));
  out.push(opts.chalk.dim(rule));
  body.forEach((cells, i) => out.push(line(cells, table.rows[i])));
  if (apart.length) {
    out.push(opts.chalk.dim(rule));
    apart.forEach((cells, i) => out.push(opts.chalk.bold(line(cells, table.apart![i]))));
  }
  if (table.notes.length) out.push('', ...table.notes.map((n) => opts.chalk.dim(printable(n))));
  return out.join('\n') + '\n';
}
