import { stringify } from 'csv-stringify/sync';
import type { Measure, Observation, ObservationColumns } from '../domain/observation.js';
import { observationColumns } from '../domain/observation-columns.js';
import type { RegionIndex } from '../domain/regions.js';
import { neutraliseFormula } from './machine.js';

/**
 * The tidy table as CSV. Pure. Sorted by region code, year, method, sex and age with the same
 * comparisons as always (locale order for codes and methods), but each distinct value is
 * ranked once, so that a register extract's hundreds of thousands of rows sort by integers; rows
 * are written directly, with csv-stringify only for a cell that needs quoting.
 */
export function tidyCsv(observations: readonly Observation[], regions: RegionIndex, measure: Measure, allowFormulas = false): string {
  return Buffer.from(tidyCsvOf(observationColumns(observations), regions, measure, allowFormulas)).toString('utf8');
}

/* eslint-disable @typescript-eslint/no-non-null-assertion -- The tidy-CSV writer reads typed arrays and per-value tables at ids and row indices that the columns themselves produced (every id indexes its dictionary, every row index is below cols.size); each read types as number | undefined (noUncheckedIndexedAccess), and a check would sit on every cell of a multi-million-row file. */
/**
 * {@link tidyCsv} as UTF-8 bytes, from observations kept as columns (the fast path's groups): no object or string per row.
 * `rows` picks and orders nothing by itself: it lists the observations to write (all when absent).
 */
export function tidyCsvOf(cols: ObservationColumns, regions: RegionIndex, measure: Measure, allowFormulas = false, rows?: Int32Array): Uint8Array {
  const n = rows ? rows.length : cols.size;
  const d = cols.dictionaries;
  const ids = new Int32Array(n * 5);
  for (let j = 0; j < n; j++) cols.ids(rows ? rows[j]! : j, ids, j * 5);
  // Ranks of the distinct values present (listed in order of first appearance, as a Set of the
  // rows' values would list them), by the same comparisons a sort of the rows would use.
  const present = (kind: number, size: number) => {
    const seen = new Uint8Array(size);
    const list: number[] = [];
    for (let j = 0; j < n; j++) {
      const id = ids[j * 5 + kind]!;
      if (seen[id] === 0) {
        seen[id] = 1;
        list.push(id);
      }
    }
    return list;
  };
  const regionRank = rankIds(d.region, present(0, d.region.length), (a, b) => a.localeCompare(b));
  const yearRank = rankIds(d.year, present(1, d.year.length), (a, b) => a - b);
  const methodsPresent = present(2, d.method.length);
  const methodRank = rankIds(d.method, methodsPresent, (a, b) => a.localeCompare(b));
  const sexRank = Int32Array.from(d.sex, (s) => sexOrder(s) + 1);
  const ageRank = rankIds(d.age, present(4, d.age.length), ageOrder);
  // One number per row orders it by all five parts at once (mixed radix of the distinct counts);
  // ties keep the input order, as a stable sort does: row index in the low digits.
  const radix = [regionRank.distinct, yearRank.distinct, methodRank.distinct, 4, ageRank.distinct];
  const space = radix.reduce((a, b) => a * b, 1);
  const key = (j: number) =>
    (((regionRank.rank[ids[j * 5]!]! * radix[1]! + yearRank.rank[ids[j * 5 + 1]!]!) * radix[2]! + methodRank.rank[ids[j * 5 + 2]!]!) * 4 + sexRank[ids[j * 5 + 3]!]!) * radix[4]! +
    ageRank.rank[ids[j * 5 + 4]!]!;
  let order: ArrayLike<number>;
  if (space * n < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let j = 0; j < n; j++) packed[j] = key(j) * n + j;
    packed.sort();
    const o = new Int32Array(n);
    for (let j = 0; j < n; j++) o[j] = packed[j]! % n;
    order = o;
  } else {
    // Too many distinct values for one exact number: compare the parts in turn.
    const parts = (j: number) => [
      regionRank.rank[ids[j * 5]!]!,
      yearRank.rank[ids[j * 5 + 1]!]!,
      methodRank.rank[ids[j * 5 + 2]!]!,
      sexRank[ids[j * 5 + 3]!]!,
      ageRank.rank[ids[j * 5 + 4]!]!,
    ];
    order = Array.from({ length: n }, (_, j) => j).sort((a, b) => {
      const pa = parts(a);
      const pb = parts(b);
      for (let k = 0; k < 5; k++) if (pa[k] !== pb[k]) return pa[k]! - pb[k]!;
      return a - b;
    });
  }
  const valueKey = measure === 'population' ? 'population' : 'count';
  // A file without a method column converts to one without, so the output reads back the same.
  const withMethod = measure === 'count' && methodsPresent.some((id) => d.method[id] !== '');
  const columns = ['region_code', 'region', 'year', ...(withMethod ? ['method'] : []), 'sex', 'age', valueKey];
  // Each distinct value's cells encoded once ("01,Region Stockholm,", "KBT," …); rows are copied
  // together from them as bytes, with the numbers' digits written in place: no string per row.
  const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
  const regionBytes = d.region.map((code) => utf8(`${cell(code)},${cell(code === '00' ? 'Riket' : (regions.byScbCode(code)?.name ?? code))},`));
  const yearBytes = d.year.map((y) => utf8(`${y},`));
  const methodBytes = d.method.map((m) => utf8(withMethod ? `${cell(allowFormulas ? m : neutraliseFormula(m))},` : ''));
  const sexBytes = d.sex.map((s) => utf8(`${cell(s)},`));
  const ageBytes = d.age.map((a) => utf8(`${cell(a)},`));
  const longest = (list: Uint8Array[]) => list.reduce((m, b) => Math.max(m, b.length), 0);
  // A value is at most 16 digits (below 2^53) or, were it anything else, its String() form.
  const rowMax = longest(regionBytes) + longest(yearBytes) + longest(methodBytes) + longest(sexBytes) + longest(ageBytes) + 32;
  const header = utf8(stringify([columns]));
  let out = new Uint8Array(header.length + Math.min(n, 1 << 16) * rowMax);
  out.set(header);
  let pos = header.length;
  const put = (bytes: Uint8Array) => {
    for (let b = 0; b < bytes.length; b++) out[pos++] = bytes[b]!;
  };
  for (let k = 0; k < n; k++) {
    if (pos + rowMax > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, pos + rowMax));
      bigger.set(out.subarray(0, pos));
      out = bigger;
    }
    const j = order[k]!;
    put(regionBytes[ids[j * 5]!]!);
    put(yearBytes[ids[j * 5 + 1]!]!);
    put(methodBytes[ids[j * 5 + 2]!]!);
    put(sexBytes[ids[j * 5 + 3]!]!);
    put(ageBytes[ids[j * 5 + 4]!]!);
    const value = cols.value(rows ? rows[j]! : j);
    if (value !== null) pos = writeNumber(out, pos, value);
    out[pos++] = 0x0a;
  }
  return out.subarray(0, pos);
}

/** `value` as String() writes it, at out[pos]; returns the position after it. Whole numbers below 2^53 digit by digit. */
function writeNumber(out: Uint8Array, pos: number, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    const bytes = Buffer.from(String(value), 'utf8');
    out.set(bytes, pos);
    return pos + bytes.length;
  }
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let d = digits - 1; d >= 0; d--) {
    out[pos + d] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
  return pos + digits;
}

/** A cell as csv-stringify writes it: quoted only when it holds the delimiter, a quote or a line break. */
function cell(text: string): string {
  return NEEDS_QUOTES.test(text) ? stringify([[text]]).slice(0, -1) : text;
}

/** Cells csv-stringify would quote (or otherwise change): the delimiter, quotes, line breaks. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Each present distinct value's place in `order` (by id); values the order finds equal share a place, as in a sort. */
function rankIds<T>(values: readonly T[], present: readonly number[], order: (a: T, b: T) => number): { rank: Int32Array; distinct: number } {
  const ids = [...present].sort((a, b) => order(values[a]!, values[b]!));
  const rank = new Int32Array(values.length);
  let r = 0;
  ids.forEach((id, i) => {
    if (i > 0 && order(values[ids[i - 1]!]!, values[id]!) !== 0) r++;
    rank[id] = r;
  });
  return { rank, distinct: ids.length ? r + 1 : 1 };
}
/* eslint-enable @typescript-eslint/no-non-null-assertion */

function sexOrder(s: string): number {
  return ['total', 'women', 'men'].indexOf(s);
}

function ageOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'all') return -1;
  if (b === 'all') return 1;
  return parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
}
