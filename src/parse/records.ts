import { CsvError, parse } from 'csv-parse/sync';
import { dataError } from '../errors.js';
import type { Delimiter } from './sniff.js';
import { msg } from '../messages/index.js';

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
export function parseRows(text: string, delimiter: Delimiter, file: string, onProgress?: (done: number, total: number) => void): Row[] {
  const bytes = Buffer.from(text, 'utf8');
  // Each record with the byte where it ends, collected as csv-parse emits them; progress (a bar
  // on a terminal) every few thousand records, from where csv-parse has got to.
  const records: { record: string[]; info: { bytes: number } }[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        records.push({ record, info: { bytes: context.bytes } });
        if (onProgress && records.length % 4096 === 0) onProgress(context.bytes, bytes.length);
        return record;
      },
    });
  } catch (e) {
    const csv = e instanceof CsvError ? e : undefined;
    const line = typeof csv?.lines === 'number' ? csv.lines : undefined;
    const what = csv?.code === 'CSV_QUOTE_NOT_CLOSED' ? msg('parse.quote-not-closed') : msg('parse.not-csv', { detail: e instanceof Error ? e.message : '?' });
    throw dataError(what, { file, ...(line !== undefined ? { line } : {}) }, msg('parse.quotes.hint'));
  }
  // csv-parse's own line counter counts a CRLF inside quotes twice and a CR before LF in a
  // LF file as a line; messages need physical lines. info.bytes is where each record ends
  // (UTF-8 bytes, as csv-parse reads them), so count the line breaks up to each record start.
  const rows: Row[] = [];
  let line = 1;
  let at = 0;
  for (const { record, info } of records) {
    rows.push({ cells: record, line });
    line += lineBreaks(bytes, at, info.bytes);
    at = info.bytes;
  }
  return rows;
}

export function isBlank(row: Row): boolean {
  return row.cells.every((c) => c.trim() === '');
}

/** Line breaks (LF, CRLF, or a lone CR) in bytes[from, to). */
function lineBreaks(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) n++;
  }
  return n;
}
