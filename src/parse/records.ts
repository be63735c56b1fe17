import { dataError } from '../errors.js';
import type { Delimiter } from './sniff.js';
import { msg } from '../messages/index.js';
import { splitCsv } from './csv.js';

/** One row of cells with the physical line it starts on (1-based), for messages. */
export interface Row {
  cells: string[];
  line: number;
}

/**
 * Splits text into rows (src/parse/csv.ts: csv-parse's rules, quoted fields, embedded
 * delimiters and newlines, CRLF, LF or CR). Blank lines are kept (as rows of empty cells)
 * because they separate a PxWeb title and footnote block from the data.
 */
export function parseRows(text: string, delimiter: Delimiter, file: string, onProgress?: (done: number, total: number) => void): Row[] {
  const records = splitCsv(text, delimiter, onProgress);
  if ('unclosedQuote' in records) throw dataError(msg('parse.quote-not-closed'), { file, line: records.unclosedQuote.line }, msg('parse.quotes.hint'));
  return records;
}

export function isBlank(row: Row): boolean {
  return row.cells.every((c) => c.trim() === '');
}
