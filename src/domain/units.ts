import { dataError, usageError } from '../errors.js';
import { decode } from '../parse/decode.js';
import { parseNumber, type DecimalMark } from '../parse/number.js';
import { parseRows } from '../parse/records.js';
import { sniffDelimiter, type Delimiter } from '../parse/sniff.js';
import { locateTable } from '../parse/table.js';
import { matchKey } from './text.js';
import { canonicalMethod, parseYear, roleOfHeader } from './vocabulary.js';

/**
 * Any unit a file has — clinic, programme, provider — not only regions: counts per value of
 * one column, or a numerator and denominator per unit for proportions. Read by the general
 * parser (encodings, delimiters, PxWeb blocks); pure.
 */
export interface UnitTotals {
  unit: string;
  /** The count, or the numerator. */
  numerator: number;
  /** The denominator, when the file has one. */
  denominator?: number;
  /** First line the unit appears on. */
  line: number;
}

export interface UnitOptions {
  by: string;
  /** A count column to add up; without it (and without a numerator), rows are counted. */
  count?: string;
  numerator?: string;
  denominator?: string;
  /** Keep only rows of this method / year when the file has such columns. */
  method?: string;
  year?: number;
  encoding?: string;
  delimiter?: Delimiter;
}

export function readUnits(bytes: Uint8Array, file: string, opts: UnitOptions): { units: UnitTotals[]; filtered: string[] } {
  const { text } = decode(bytes, file, opts.encoding);
  if (text.trim() === '') throw dataError('the file is empty', { file });
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  const decimal: DecimalMark = delimiter === ',' ? '.' : ',';
  const block = locateTable(parseRows(text, delimiter, file));
  if (!block || block.body.length === 0) throw dataError('the file has no data rows', { file });
  const headers = block.header.cells.map((c) => c.trim());
  const find = (name: string, option: string) => {
    const i = /^\d+$/.test(name) ? Number(name) - 1 : headers.findIndex((h) => matchKey(h) === matchKey(name));
    if (i < 0 || i >= headers.length) throw usageError(`${option} ${name}: ${file} has no such column`, `its columns are ${headers.map((h) => `"${h}"`).join(', ')}`);
    return i;
  };
  const byCol = find(opts.by, '--by');
  const numCol = opts.numerator ? find(opts.numerator, '--numerator') : opts.count ? find(opts.count, '--count') : undefined;
  const denCol = opts.denominator ? find(opts.denominator, '--denominator') : undefined;
  if ((opts.numerator === undefined) !== (opts.denominator === undefined)) throw usageError('--numerator and --denominator go together');
  const methodCol = opts.method !== undefined ? headers.findIndex((h) => roleOfHeader(h)?.role === 'method') : -1;
  const yearCol = opts.year !== undefined ? headers.findIndex((h) => roleOfHeader(h)?.role === 'year') : -1;
  const filtered = [...(methodCol >= 0 ? [`${headers[methodCol]} = ${opts.method}`] : []), ...(yearCol >= 0 ? [`${headers[yearCol]} = ${opts.year}`] : [])];

  const totals = new Map<string, UnitTotals>();
  const number = (row: { cells: string[]; line: number }, col: number) => {
    const raw = (row.cells[col] ?? '').trim();
    const n = parseNumber(raw, decimal);
    if (n.kind !== 'number' || n.value < 0) {
      throw dataError(n.kind === 'missing' ? `"${raw}" marks a missing value` : `"${raw}" is not a number`, { file, line: row.line, column: headers[col] ?? String(col + 1) }, n.kind === 'missing' ? 'a unit with a missing value cannot be ranked; remove the row or fill in the value' : 'write numbers like 1234, 1 234 or 1234,5');
    }
    return n.value;
  };
  for (const row of block.body) {
    if (methodCol >= 0 && matchKey(canonicalMethod(row.cells[methodCol] ?? '')) !== matchKey(opts.method!)) continue;
    if (yearCol >= 0 && parseYear(row.cells[yearCol] ?? '') !== opts.year) continue;
    const unit = (row.cells[byCol] ?? '').trim();
    if (unit === '') throw dataError(`the ${headers[byCol]} is empty`, { file, line: row.line, column: headers[byCol] ?? String(byCol + 1) }, 'every row needs a unit');
    const num = numCol === undefined ? 1 : number(row, numCol);
    const den = denCol === undefined ? undefined : number(row, denCol);
    if (den !== undefined && num > den) throw dataError(`the numerator ${num} is larger than the denominator ${den}`, { file, line: row.line }, 'a proportion needs numerator <= denominator');
    const t = totals.get(unit);
    if (t) {
      t.numerator += num;
      if (den !== undefined) t.denominator = (t.denominator ?? 0) + den;
    } else totals.set(unit, { unit, numerator: num, ...(den !== undefined ? { denominator: den } : {}), line: row.line });
  }
  if (totals.size === 0) throw dataError(`no rows${filtered.length ? ` with ${filtered.join(' and ')}` : ''}`, { file });
  return { units: [...totals.values()], filtered };
}
