import { dataError } from '../errors.js';
import { decode } from '../parse/decode.js';
import type { DecimalMark } from '../parse/number.js';
import { parseRows } from '../parse/records.js';
import { sniffDelimiter, type Delimiter } from '../parse/sniff.js';
import { locateTable } from '../parse/table.js';
import type { Measure } from './observation.js';
import type { RegionIndex } from './regions.js';
import { shapeTable, type Shaped } from './shape.js';
import type { Role } from './vocabulary.js';

/** How to read an input; each field comes from a command-line option. */
export interface ReadOptions {
  encoding?: string;
  delimiter?: Delimiter;
  map?: Partial<Record<Role, string>>;
  skipInvalid?: boolean;
  sumDuplicates?: boolean;
  recordLevel?: boolean;
  defaultYear?: number;
  /** Collect every problem instead of stopping at the first (`check`). */
  collectProblems?: boolean;
  /** Keep this column's categorical answers (`tally`). */
  categoryColumn?: string;
}

/** An input read all the way to observations, with what was detected along the way. */
export interface LoadedTable extends Shaped {
  file: string;
  encoding: string;
  bom: boolean;
  delimiter: Delimiter;
  decimal: DecimalMark;
  /** Which reader produced it, for --verbose (the general path when absent). */
  readBy?: string;
}

/**
 * Bytes → decoded text → rows → table block → observations. Pure: the caller reads the bytes.
 */
export function loadTable(bytes: Uint8Array, file: string, measure: Measure, regions: RegionIndex, opts: ReadOptions = {}): LoadedTable {
  const { text, encoding, bom } = decode(bytes, file, opts.encoding);
  if (text.trim() === '') throw dataError('the file is empty', { file }, 'give a CSV file with a header line and at least one row');
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  // A `,`-separated file cannot use unquoted decimal commas, so its decimals are points.
  const decimal: DecimalMark = delimiter === ',' ? '.' : ',';
  const rows = parseRows(text, delimiter, file);
  const block = locateTable(rows);
  if (!block) throw dataError('the file has no rows', { file });
  if (block.body.length === 0) throw dataError('the file has a header but no data rows', { file, line: block.header.line });
  const shaped = shapeTable(block, {
    file,
    measure,
    regions,
    decimal,
    map: opts.map,
    collectProblems: opts.collectProblems || opts.skipInvalid,
    sumDuplicates: opts.sumDuplicates,
    recordLevel: opts.recordLevel,
    defaultYear: opts.defaultYear,
    categoryColumn: opts.categoryColumn,
  });
  return { ...shaped, file, encoding, bom, delimiter, decimal };
}
