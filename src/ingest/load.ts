import { dataError, type Location } from '../errors.js';
import { decode } from '../parse/decode.js';
import type { DecimalMark } from '../parse/number.js';
import { parseRows, type Row } from '../parse/records.js';
import { sniffDelimiter, type Delimiter } from '../parse/sniff.js';
import { locateTable, type TableBlock } from '../parse/table.js';
import type { Measure, ObservationColumns } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import type { ReadOptions } from './options.js';
import { shapeTable, type Problem, type Shaped, type ShapeOptions } from './shape.js';
import { LIMITS } from './source.js';
import { shown } from './text.js';
import { msg, type Text } from '../messages/index.js';

/** An input read all the way to observations, with what was detected along the way. */
export interface LoadedTable extends Shaped {
  file: string;
  encoding: string;
  bom: boolean;
  delimiter: Delimiter;
  decimal: DecimalMark;
  /** Which reader produced it, for --verbose (the general path when absent). */
  readBy?: 'fast' | 'fast-wasm' | 'xlsx';
  /** The sheet read, when the input is an xlsx workbook (lines are then its rows). */
  sheet?: string;
  /** Set when the reader left observations out of `observations` as `keep` allowed: all of them, as columns. */
  all?: ObservationColumns;
}

/** A decoded, split and located table, before any column has a role. */
export interface RawTable {
  block: TableBlock;
  encoding: string;
  bom: boolean;
  delimiter: Delimiter;
  decimal: DecimalMark;
  /** Rows whose number of cells differs from the header's (collected when asked to). */
  ragged: Problem[];
}

/**
 * Bytes → text → rows → the table block: decode, sniff the delimiter, split, refuse what
 * cannot be a table (over-long cells, thousands of columns), locate header and body, and
 * check that every row has as many cells as the header. Pure.
 */
export function readRaw(
  bytes: Uint8Array,
  file: string,
  opts: Pick<ReadOptions, 'encoding' | 'delimiter' | 'collectProblems' | 'skipInvalid'> = {},
  onProgress?: (done: number, total: number) => void,
): RawTable {
  const { text, encoding, bom } = decode(bytes, file, opts.encoding);
  if (text.trim() === '') throw dataError(msg('table.empty'), { file }, msg('table.empty.hint'));
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  // A `,`-separated file cannot use unquoted decimal commas, so its decimals are points.
  const decimal: DecimalMark = delimiter === ',' ? '.' : ',';
  // The split tells its progress in characters; the bar shows bytes of the file (and MB/s).
  const rows = parseRows(text, delimiter, file, onProgress && ((done, total) => onProgress(Math.round((done / total) * bytes.length), bytes.length)));
  refuseHuge(rows, file, msg('table.too-many-cells.hint'));
  const block = locateTable(rows);
  if (!block) throw dataError(msg('table.no-rows'), { file });
  if (block.body.length === 0) throw dataError(msg('table.header-only'), { file, line: block.header.line });
  const ragged = raggedRows(block, file, delimiter, opts.collectProblems || opts.skipInvalid);
  return { block, encoding, bom, delimiter, decimal, ragged };
}

/** Refuses what cannot be a table of counts: thousands of columns, over-long cells. */
export function refuseHuge(rows: readonly Row[], file: string, wideHint: Text): void {
  for (const row of rows) {
    if (row.cells.length > LIMITS.columns) {
      throw dataError(msg('table.too-many-cells', { n: row.cells.length, max: LIMITS.columns }), { file, line: row.line }, wideHint);
    }
    for (const [i, cell] of row.cells.entries()) {
      if (cell.length > LIMITS.cellChars) {
        throw dataError(
          msg('table.cell-too-long', { n: cell.length, cell: shown(cell), max: LIMITS.cellChars }),
          { file, line: row.line, column: String(i + 1) },
          msg('table.cell-too-long.hint'),
        );
      }
    }
  }
}

/**
 * A row with more or fewer cells than the header is ambiguous — an unquoted "1,234" in a
 * comma-separated file makes two cells of one number — so it is an error, never a guess.
 */
function raggedRows(block: TableBlock, file: string, delimiter: Delimiter, collect?: boolean): Problem[] {
  const width = block.header.cells.length;
  const out: Problem[] = [];
  const name = delimiter === '\t' ? msg('delimiter.tab') : `"${delimiter}"`;
  for (const row of block.body) {
    const n = row.cells.length;
    if (n === width) continue;
    const column = n > width ? String(width + 1) : block.header.cells[n]?.trim() || String(n + 1);
    const problem: Problem = {
      line: row.line,
      column,
      message: msg('table.ragged', { n, line: block.header.line, width }),
      hint: n > width ? msg('table.ragged.more.hint', { name, example: delimiter === '\t' ? ' ' : delimiter }) : msg('table.ragged.fewer.hint'),
    };
    if (!collect) throw dataError(problem.message, where(file, problem), problem.hint);
    out.push(problem);
  }
  return out;
}

function where(file: string, p: Problem): Location {
  return { file, ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}) };
}

/**
 * Bytes → decoded text → rows → table block → observations: the general path. Pure: the
 * caller reads the bytes.
 */
export function loadTable(
  bytes: Uint8Array,
  file: string,
  measure: Measure,
  regions: RegionIndex,
  opts: ReadOptions = {},
  onProgress?: (done: number, total: number) => void,
): LoadedTable {
  return shapeRaw(readRaw(bytes, file, opts, onProgress), file, measure, regions, opts);
}

/** The shaping options a reader's options mean. */
export function shapeOptions(file: string, measure: Measure, regions: RegionIndex, decimal: DecimalMark, opts: ReadOptions): ShapeOptions {
  return {
    file,
    measure,
    regions,
    decimal,
    map: opts.map,
    collectProblems: opts.collectProblems || opts.skipInvalid,
    sumDuplicates: opts.sumDuplicates,
    recordLevel: opts.recordLevel,
    defaultYear: opts.defaultYear,
    yearOption: opts.yearOption,
    defaultMethod: opts.defaultMethod,
    categoryColumn: opts.categoryColumn,
  };
}

/** A located table → observations: shaping and validation, the same for every reader (CSV, xlsx). Pure. */
export function shapeRaw(raw: RawTable, file: string, measure: Measure, regions: RegionIndex, opts: ReadOptions = {}): LoadedTable {
  // Ragged rows are problems like any other: check lists them, --skip-invalid leaves them out.
  const bad = new Set(raw.ragged.map((p) => p.line));
  const block = opts.skipInvalid && !opts.collectProblems && bad.size ? { ...raw.block, body: raw.block.body.filter((r) => !bad.has(r.line)) } : raw.block;
  const shaped = shapeTable(block, shapeOptions(file, measure, regions, raw.decimal, opts));
  if (raw.ragged.length) shaped.problems.unshift(...raw.ragged);
  return { ...shaped, file, encoding: raw.encoding, bom: raw.bom, delimiter: raw.delimiter, decimal: raw.decimal };
}
