import type { ChalkInstance } from 'chalk';
import type { Column, Lang, LocalRow, LocalTable } from './model.js';
import { printable } from '../io/printable.js';
import { formatCell, isNumeric } from './numbers.js';

/** Display width of a string: code points after NFC, so "Västra Götaland" is 15 wide however it was typed. */
export function displayWidth(s: string): number {
  // Code points, not grapheme clusters: what the table aligns is names and numbers, not emoji.
  return Array.from(s.normalize('NFC')).length;
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
  style?: (col: Column, row: LocalRow, text: string) => string;
}

/**
 * An aligned plain-text table: numbers right-aligned, text left-aligned, the rows shown
 * apart (Riket) below a rule, then the notes.
 */
export function renderTextTable(table: LocalTable, opts: TextTableOptions): string {
  const cols = table.columns.filter((c) => c.only !== 'machine');
  // Cells come from the data: what a terminal would obey as a control is shown, not sent.
  const cell = (c: Column<string>, r: LocalRow) => printable(formatCell(c, r, opts.lang));
  // Each row with its cells, one per shown column.
  const withCells = (r: LocalRow) => ({ row: r, cells: cols.map((c) => ({ c, text: cell(c, r) })) });
  const body = table.rows.map(withCells);
  const apart = (table.apart ?? []).map(withCells);
  const widthOf = (c: Column<string>) => Math.max(displayWidth(c.header), ...[...body, ...apart].flatMap((r) => r.cells.filter((x) => x.c === c).map((x) => displayWidth(x.text))));
  const widths = new Map(cols.map((c) => [c, widthOf(c)]));
  const width = (c: Column<string>) => widths.get(c) ?? 0;
  const line = (cells: readonly { c: Column<string>; text: string }[], row?: LocalRow) =>
    cells
      .map(({ c, text: t }) => {
        const text = pad(t, width(c), isNumeric(c));
        return row && opts.style ? opts.style(c, row, text) : text;
      })
      .join('  ')
      .trimEnd();
  const rule = cols.map((c) => '─'.repeat(width(c))).join('──');
  const out: string[] = [];
  if (table.title) out.push(opts.chalk.bold(printable(table.title)), '');
  out.push(opts.chalk.bold(line(cols.map((c) => ({ c, text: printable(c.header) })))));
  out.push(opts.chalk.dim(rule));
  for (const r of body) out.push(line(r.cells, r.row));
  if (apart.length) {
    out.push(opts.chalk.dim(rule));
    for (const r of apart) out.push(opts.chalk.bold(line(r.cells, r.row)));
  }
  if (table.notes.length) out.push('', ...table.notes.map((n) => opts.chalk.dim(printable(n))));
  return out.join('\n') + '\n';
}
