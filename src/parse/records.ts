import { CsvError, parse, type InfoRecord } from 'csv-parse/sync';
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
 *
 * With a progress callback every record is seen as csv-parse emits it (`on_record`), with the
 * byte where it ends. Without one the records are taken plainly: `on_record` makes csv-parse
 * build an info object for every record, which about doubles the time of a big table, and the
 * lines can be counted from the cells themselves (see rowLinesFromCells).
 */
export function parseRows(text: string, delimiter: Delimiter, file: string, onProgress?: (done: number, total: number) => void): Row[] {
  if (onProgress) return parseRowsByOffset(text, delimiter, file, onProgress);
  const records = csvRecords(text, delimiter, file);
  return rowLinesFromCells(records, text) ?? parseRowsByOffset(text, delimiter, file);
}

/**
 * The physical line of every record, from where csv-parse says each record ends. Exact for any
 * text; the reference rowLinesFromCells is checked against (test/property/records-lines.test.ts).
 */
export function parseRowsByOffset(text: string, delimiter: Delimiter, file: string, onProgress?: (done: number, total: number) => void): Row[] {
  const bytes = Buffer.from(text, 'utf8');
  // Each record with the byte where it ends, collected as csv-parse emits them; progress (a bar
  // on a terminal) every few thousand records, from where csv-parse has got to.
  const records: { record: string[]; end: number }[] = [];
  csvRecords(text, delimiter, file, (record, context) => {
    records.push({ record, end: context.bytes });
    if (onProgress && records.length % 4096 === 0) onProgress(context.bytes, bytes.length);
    return record;
  });
  // csv-parse's own line counter counts a CRLF inside quotes twice and a CR before LF in a
  // LF file as a line; messages need physical lines. `end` is where each record ends
  // (UTF-8 bytes, as csv-parse reads them), so count the line breaks up to each record start.
  const rows: Row[] = [];
  let line = 1;
  let at = 0;
  for (const { record, end } of records) {
    rows.push({ cells: record, line });
    line += lineBreaks(bytes, at, end);
    at = end;
  }
  return rows;
}

function csvRecords(text: string, delimiter: Delimiter, file: string, onRecord?: (record: string[], context: InfoRecord) => string[]): string[][] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      ...(onRecord ? { on_record: onRecord } : {}),
    });
  } catch (e) {
    const csv = e instanceof CsvError ? e : undefined;
    const line = typeof csv?.lines === 'number' ? csv.lines : undefined;
    const what = csv?.code === 'CSV_QUOTE_NOT_CLOSED' ? msg('parse.quote-not-closed') : msg('parse.not-csv', { detail: e instanceof Error ? e.message : '?' });
    throw dataError(what, { file, ...(line !== undefined ? { line } : {}) }, msg('parse.quotes.hint'));
  }
}

/**
 * The physical lines from the records alone: a record spans the line breaks inside its cells
 * (only a quoted cell holds one) and ends with one. Delimiters and quotes are not line breaks,
 * so this counts what the text holds, except where a CR ends one piece and a LF starts the next
 * (a CR cell before a LF record end in a mixed file, a CR record end before a LF cell), which
 * it counts as two breaks where the text has one. Such a miscount only ever adds, so when the
 * sum agrees with the text's own count every line is exact; when not, undefined (the caller
 * then asks csv-parse where each record ends).
 */
export function rowLinesFromCells(records: string[][], text: string): Row[] | undefined {
  const rows: Row[] = [];
  let line = 1;
  for (const [i, cells] of records.entries()) {
    rows.push({ cells, line });
    for (const cell of cells) line += cellBreaks(cell);
    if (i < records.length - 1) line++;
  }
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x0a || last === 0x0d) line++;
  return line === 1 + textBreaks(text) ? rows : undefined;
}

/** Line breaks (LF, CRLF, or a lone CR) in a cell, counted as lineBreaks counts them. */
function cellBreaks(cell: string): number {
  if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) return 0;
  return textBreaks(cell);
}

/** Line breaks (LF, CRLF, or a lone CR) in a string. */
function textBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) n++;
  }
  return n;
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
