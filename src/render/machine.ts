import { stringify } from 'csv-stringify/sync';
import type { LocalRow, LocalTable, Plain } from './model.js';

/** Machine formats carry every non-human column under its stable key, rows then the rows shown apart. */
function machineRows(table: LocalTable): { keys: string[]; rows: LocalRow[] } {
  const keys = table.columns.filter((c) => c.only !== 'human' && c.only !== 'table').map((c) => c.key);
  return { keys, rows: [...table.rows, ...(table.apart ?? [])] };
}

/** Plain numbers (no grouping, no %), full precision rounded to 6 decimals to keep files stable and readable. */
function plain(v: Plain | undefined): Plain {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1e6) / 1e6;
  return v ?? null;
}

export interface DelimitedOptions {
  /** What Swedish Excel opens by double-click: UTF-8 BOM, ";" and decimal comma. */
  excel?: boolean;
  /** Keep text starting with = + - @ as it is (by default it is prefixed with ' so it cannot run as a formula). */
  allowFormulas?: boolean;
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, or a tab/CR before one)
 * gets a leading apostrophe, as OWASP recommends against CSV injection. Numbers are never
 * touched: -3 stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV or TSV via csv-stringify (quotes where needed, LF line ends). Missing values are empty cells. */
export function renderDelimited(table: LocalTable, delimiter: ',' | '\t', opts: DelimitedOptions = {}): string {
  const { keys, rows } = machineRows(table);
  const sep = opts.excel ? ';' : delimiter;
  const cell = (v: Plain | undefined): string | number => {
    const p = plain(v);
    if (p === null) return '';
    if (typeof p === 'number') return opts.excel ? String(p).replace('.', ',') : p;
    return opts.allowFormulas ? p : neutraliseFormula(p);
  };
  // quoted_match: csv-stringify quotes only the record delimiter itself, so under --excel (CRLF)
  // a lone LF or CR in a cell would go out unquoted and split the row in Excel.
  const text = stringify(
    rows.map((r) => keys.map((k) => cell(r[k]))),
    { header: true, columns: keys, delimiter: sep, quoted_match: /[\r\n]/, ...(opts.excel ? { record_delimiter: 'windows' } : {}) },
  );
  return opts.excel ? `\ufeff${text}` : text;
}

/** A result's own JSON document, numbers rounded to 6 decimals as in the rows. */
export function renderDocument(document: unknown): string {
  return JSON.stringify(document, (_key, v: unknown) => (typeof v === 'number' ? plain(v) : v), 2) + '\n';
}

/** A JSON array of objects with the same keys as the CSV; missing values are null. */
export function renderJson(table: LocalTable): string {
  const { keys, rows } = machineRows(table);
  return (
    JSON.stringify(
      rows.map((r) => Object.fromEntries(keys.map((k) => [k, plain(r[k])]))),
      null,
      2,
    ) + '\n'
  );
}
