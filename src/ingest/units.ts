import { dataError, usageError } from '../errors.js';
import { parseNumber } from '../parse/number.js';
import { matchKey } from '../domain/text.js';
import { canonicalMethod, parseYear, roleOfHeader, type Role } from '../domain/vocabulary.js';
import { readRaw } from './load.js';
import { readOptions, type ReadFlags, type ReadOptions } from './options.js';
import { readInput } from './source.js';
import { shown } from './text.js';
import { valueProblem } from './validate.js';
import { msg, type Text } from '../messages/index.js';

/**
 * Any unit a file has — clinic, programme, provider — not only regions: counts per value of
 * one column, or a numerator and denominator per unit for proportions. Read by the same
 * general reader as every table (encodings, delimiters, PxWeb blocks, ragged rows, limits)
 * with the same reading options; pure.
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
  /** --encoding, --delimiter and --map (its year and method roles name the filter columns; count names --count). */
  read?: ReadOptions;
}

export function readUnits(bytes: Uint8Array, file: string, opts: UnitOptions): { units: UnitTotals[]; filtered: string[]; notes: Text[] } {
  const read = opts.read ?? {};
  const { block, decimal } = readRaw(bytes, file, { ...(read.encoding ? { encoding: read.encoding } : {}), ...(read.delimiter ? { delimiter: read.delimiter } : {}) });
  const headers = block.header.cells.map((c) => c.trim());
  const find = (name: string, option: string) => {
    const i = /^\d+$/.test(name) ? Number(name) - 1 : headers.findIndex((h) => matchKey(h) === matchKey(name));
    if (i < 0 || i >= headers.length)
      throw usageError(
        msg('option.no-such-column', { option: option.endsWith('=') ? `${option}${name}` : `${option} ${name}`, file }),
        msg('option.columns-are.hint', { columns: headers.map((h) => shown(h)) }),
      );
    return i;
  };
  const mapped = (role: Role) => (read.map?.[role] !== undefined ? find(read.map[role], `--map ${role}=`) : headers.findIndex((h) => roleOfHeader(h)?.role === role));
  const count = opts.count ?? read.map?.value;
  const byCol = find(opts.by, '--by');
  const numCol = opts.numerator ? find(opts.numerator, '--numerator') : count ? find(count, '--count') : undefined;
  const denCol = opts.denominator ? find(opts.denominator, '--denominator') : undefined;
  if ((opts.numerator === undefined) !== (opts.denominator === undefined)) throw usageError(msg('option.numerator-denominator'));
  const methodCol = opts.method !== undefined ? mapped('method') : -1;
  // Adding up several years is never what a ranking or a share means: without --year, the
  // latest year in the file is used, and the title says so.
  const yearCol = mapped('year');
  let year = opts.year;
  const notes: Text[] = [];
  if (yearCol >= 0 && year === undefined) {
    const years = [...new Set(block.body.map((r) => parseYear(r.cells[yearCol] ?? '')).filter((y): y is number => y !== undefined))].sort((a, b) => a - b);
    if (years.length) {
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- years is not empty.
      year = years[years.length - 1]!;
      if (years.length > 1) notes.push(msg('note.units-latest-year', { file, first: years[0] ?? year, year }));
    }
  }
  const filtered = [...(methodCol >= 0 ? [`${headers[methodCol]} = ${opts.method}`] : []), ...(yearCol >= 0 && year !== undefined ? [`${headers[yearCol]} = ${year}`] : [])];

  const totals = new Map<string, UnitTotals>();
  const number = (row: { cells: string[]; line: number }, col: number) => {
    const raw = (row.cells[col] ?? '').trim();
    const n = parseNumber(raw, decimal);
    const bad = n.kind === 'number' ? valueProblem(n.value, raw, 'count') : undefined;
    if (bad) throw dataError(bad.message, { file, line: row.line, column: headers[col] ?? String(col + 1) }, bad.hint);
    if (n.kind !== 'number') {
      const missing = n.kind === 'missing';
      throw dataError(
        missing ? msg('value.missing-marks', { value: shown(raw) }) : msg('value.not-a-number', { value: shown(raw) }),
        { file, line: row.line, column: headers[col] ?? String(col + 1) },
        missing ? msg('value.missing-unit.hint') : msg('value.number.hint'),
      );
    }
    return n.value;
  };
  for (const row of block.body) {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- methodCol >= 0 only when opts.method is given.
    if (methodCol >= 0 && matchKey(canonicalMethod(row.cells[methodCol] ?? '')) !== matchKey(opts.method!)) continue;
    if (yearCol >= 0 && year !== undefined && parseYear(row.cells[yearCol] ?? '') !== year) continue;
    const unit = (row.cells[byCol] ?? '').trim();
    if (unit === '')
      throw dataError(
        msg('units.unit-empty', { column: headers[byCol] ?? String(byCol + 1) }),
        { file, line: row.line, column: headers[byCol] ?? String(byCol + 1) },
        msg('units.unit-empty.hint'),
      );
    const num = numCol === undefined ? 1 : number(row, numCol);
    const den = denCol === undefined ? undefined : number(row, denCol);
    if (den !== undefined && num > den)
      throw dataError(msg('units.numerator-above-denominator', { numerator: num, denominator: den }), { file, line: row.line }, msg('units.numerator-above-denominator.hint'));
    const t = totals.get(unit);
    if (t) {
      t.numerator += num;
      if (den !== undefined) t.denominator = (t.denominator ?? 0) + den;
    } else totals.set(unit, { unit, numerator: num, ...(den !== undefined ? { denominator: den } : {}), line: row.line });
  }
  if (totals.size === 0)
    throw dataError(
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- filtered is not empty.
      filtered.length ? msg('units.no-rows-with', { filters: filtered.slice(1).reduce<Text>((a, b) => msg('units.and', { a, b }), filtered[0]!) }) : msg('units.no-rows'),
      { file },
    );
  return { units: [...totals.values()], filtered, notes };
}

/** What `rank --by` and `share --by COLUMN` read the units with: the column, what to add up, the filters and the reading options. */
export interface UnitCommandOptions extends ReadFlags {
  input?: string | undefined;
  by: string;
  numerator?: string;
  denominator?: string;
  count?: string;
  method?: string;
  year?: number;
  funnel?: boolean;
  ci?: number;
}

/** The units of a file named by --input (`-` for stdin), read with the command's reading options; --by without --input is a usage error. */
export async function loadUnits(opts: UnitCommandOptions): Promise<{ units: UnitTotals[]; file: string; filtered: string[]; notes: Text[] }> {
  if (!opts.input) throw usageError(msg('option.by-needs-input', { by: opts.by }));
  // The same reading options as every command: a bogus --delimiter is a usage error here too.
  const read = readOptions(opts);
  const { name: file, bytes } = await readInput(opts.input, read.encoding);
  const { units, filtered, notes } = readUnits(bytes, file, {
    by: opts.by,
    ...(opts.numerator ? { numerator: opts.numerator } : {}),
    ...(opts.denominator ? { denominator: opts.denominator } : {}),
    ...(opts.count ? { count: opts.count } : {}),
    ...(opts.method ? { method: opts.method } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    read,
  });
  return { units, file, filtered, notes };
}
