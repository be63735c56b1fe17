import { parse } from 'csv-parse/sync';
import { dataError } from '../errors.js';
import type { Delimiter } from './sniff.js';

/** One row of cells with the physical line it starts on (1-based), for messages. */
export interface Row {
  cells: string[];
  line: number;
}

/**
 * Splits text into rows with csv-parse: quoted fields, embedded delimiters and newlines,
 * CRLF and LF. Blank lines are kept (as rows of empty cells) because they separate a PxWeb
 * title and footnote block from the data.
 */
export function parseRows(text: string, delimiter: Delimiter, file: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string };
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    const what = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : (err.message ?? 'cannot be parsed as CSV');
    throw dataError(what, { file, ...(line !== undefined ? { line } : {}) }, 'check the quotes on that line; a field that contains the delimiter or a line break must be quoted');
  }
  const rows: Row[] = [];
  let next = 1;
  for (const { record, info } of records) {
    rows.push({ cells: record, line: next });
    next = info.lines + 1;
  }
  return rows;
}

export function isBlank(row: Row): boolean {
  return row.cells.every((c) => c.trim() === '');
}
