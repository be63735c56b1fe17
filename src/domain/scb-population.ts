import { ALL_AGES, TARGET_AGES, type Sex } from './observation.js';
import type { PopulationRow } from './population-rows.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import { english, msg, say, type Message } from '../messages/index.js';

/**
 * SCB's population on 31 December by region, marital status, single year of age, sex and year
 * (statistic BE0101N1) in the Statistical Database, PxWebApi 2.0. SCB keeps it in two tables:
 * TAB638 for 1968–2024 and, from 2025, when every published cell carries Cell Key Method noise,
 * TAB5557 — same variables, different codes (content 000007ME; age total TotSA; sex and marital
 * status with published totals TotSa and SC; single ages end at 100+1).
 *
 * Request (POST {base}/tables/{id}/data?lang=en&outputFormat=json-stat2):
 *   {"selection": [{"variableCode": "Region", "valueCodes": ["00", "01", …]}, …]}
 * Response: a JSON-stat 2.0 dataset — `id` (dimension order), `size`, `dimension[d].category.index`
 * (code → position), and `value` in row-major order (the last dimension varies fastest).
 * Pure: no I/O here.
 */
export interface ScbTable {
  id: string;
  first: number;
  last?: number;
  /** The content code of "Folkmängd" (population). */
  contents: string;
  /** The age code of all ages. */
  ageTotal: string;
  /** The published total of both sexes, where the table has one (else women + men). */
  sexTotal?: string;
  /** The published total of all marital statuses, where the table has one (else SCB sums over them). */
  maritalTotal?: string;
}

export const SCB_TABLES: readonly [ScbTable, ...ScbTable[]] = [
  { id: 'TAB638', first: 1968, last: 2024, contents: 'BE0101N1', ageTotal: 'tot' },
  { id: 'TAB5557', first: 2025, contents: '000007ME', ageTotal: 'TotSA', sexTotal: 'TotSa', maritalTotal: 'SC' },
];
export const SCB_FIRST_YEAR = 1968;
export const SCB_SOURCE_ID = 'SCB_API';
/** SCB's limit is 150 000 cells per request; stay well under it. */
const MAX_CELLS = 100_000;

const TARGET_FIRST = 16;
const TARGET_LAST = 67;
const TARGET = Array.from({ length: TARGET_LAST - TARGET_FIRST + 1 }, (_, i) => String(TARGET_FIRST + i));
const SEX_CODES: Record<'women' | 'men', string> = { women: '2', men: '1' };

export function scbTableFor(year: number): ScbTable {
  return SCB_TABLES.find((t) => year >= t.first && (t.last === undefined || year <= t.last)) ?? SCB_TABLES[0];
}

function sexCodes(t: ScbTable): string[] {
  return [SEX_CODES.men, SEX_CODES.women, ...(t.sexTotal ? [t.sexTotal] : [])];
}

function selection(t: ScbTable, regions: RegionIndex, years: readonly number[]): ScbSelection[] {
  return [
    { variableCode: 'Region', valueCodes: scbRegionCodes(regions) },
    ...(t.maritalTotal ? [{ variableCode: 'Civilstand', valueCodes: [t.maritalTotal] }] : []),
    { variableCode: 'Alder', valueCodes: [t.ageTotal, ...TARGET] },
    { variableCode: 'Kon', valueCodes: sexCodes(t) },
    { variableCode: 'ContentsCode', valueCodes: [t.contents] },
    { variableCode: 'Tid', valueCodes: years.map(String) },
  ];
}

export interface ScbSelection {
  variableCode: string;
  valueCodes: string[];
}

/** The region codes asked for: Riket and the 21 counties. */
export function scbRegionCodes(regions: RegionIndex): string[] {
  return [NATIONAL_CODE, ...regions.regions.map((r) => r.code)];
}

/** The requests for these years: per table, split so that no request exceeds SCB's cell limit. */
export function scbQueries(years: readonly number[], regions: RegionIndex): { table: ScbTable; years: number[]; body: { selection: ScbSelection[] } }[] {
  const out = [];
  for (const table of SCB_TABLES) {
    const mine = years.filter((y) => scbTableFor(y) === table);
    const perYear = selection(table, regions, [0]).reduce((n, s) => n * s.valueCodes.length, 1);
    const chunk = Math.max(1, Math.floor(MAX_CELLS / perYear));
    for (let i = 0; i < mine.length; i += chunk) {
      const some = mine.slice(i, i + chunk);
      out.push({ table, years: some, body: { selection: selection(table, regions, some) } });
    }
  }
  return out;
}

/** A value from the response as JSON text; "undefined" for none (JSON.stringify gives undefined, whatever its type says). */
function asJson(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** The response is not what the table's documented format promises: say what differs. */
export class ScbFormatError extends Error {
  constructor(
    /** What differs, for people (the message is its English). */
    readonly detail: Message,
    /** True when the table's codes changed (a code rehab-stats asks for is missing). */
    readonly codesChanged = false,
  ) {
    super(english(detail));
    this.name = 'ScbFormatError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * One dimension's category index: code → position. JSON-stat writes it as a list of codes in
 * order or as an object of positions; either way the positions must be 0 … size − 1, each once,
 * or cells would be read from the wrong place. A dimension of size 1 may leave it out (its one
 * code is then unknown: the map is empty).
 */
function categoryIndex(id: string, dimension: unknown, size: number): Map<string, number> {
  const category = isObject(dimension) ? dimension.category : undefined;
  const raw = isObject(category) ? category.index : undefined;
  const m = new Map<string, number>();
  if (Array.isArray(raw)) {
    // A code may come as a number in unchecked JSON; JSON-stat codes are strings.
    raw.forEach((code, i) => {
      if (typeof code !== 'string' && typeof code !== 'number') throw new ScbFormatError(msg('scb.bad-code', { id, code: asJson(code) }));
      m.set(String(code), i);
    });
  } else if (isObject(raw)) {
    for (const [code, i] of Object.entries(raw)) {
      if (!isCount(i) || i >= size) throw new ScbFormatError(msg('scb.bad-position', { id, code, position: asJson(i), last: size - 1 }));
      m.set(code, i);
    }
  } else if (size === 1 && raw === undefined) {
    return m;
  } else throw new ScbFormatError(msg('scb.no-index', { id }));
  const positions = new Set(m.values());
  if (m.size !== size || positions.size !== size) throw new ScbFormatError(msg('scb.positions', { id, n: m.size, positions: positions.size, size }));
  return m;
}

/** A JSON-stat 2.0 dataset as far as rehab-stats reads it, checked field by field. */
function readDataset(json: unknown): { ids: string[]; size: number[]; index: Map<string, Map<string, number>>; value: unknown[] } {
  if (!isObject(json)) throw new ScbFormatError(msg('scb.not-object'));
  const d = json;
  if (d.class !== 'dataset') throw new ScbFormatError(msg('scb.not-dataset', { class: asJson(d.class) }));
  const ids: unknown = d.id;
  const size: unknown = d.size;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw new ScbFormatError(msg('scb.no-ids'));
  if (!Array.isArray(size) || size.length !== ids.length || !size.every(isCount)) throw new ScbFormatError(msg('scb.size-mismatch'));
  if (!Array.isArray(d.value)) throw new ScbFormatError(msg('scb.no-values'));
  const expected = size.reduce((a, b) => a * b, 1);
  if (d.value.length !== expected) throw new ScbFormatError(msg('scb.value-count', { n: d.value.length, expected }));
  const dims = d.dimension ?? {};
  if (!isObject(dims)) throw new ScbFormatError(msg('scb.dimension-not-object'));
  const index = new Map<string, Map<string, number>>();
  ids.forEach((id, k) => index.set(id, categoryIndex(id, dims[id], size[k] ?? 0)));
  return { ids, size, index, value: d.value };
}

/**
 * The population rows in one SCB response: per region and year, women, men and both sexes (all
 * ages: SCB's age total; both sexes: the published total where the table has one, else women +
 * men), and 16–67 as the sum of SCB's single-year cells. A cell SCB marks missing (null) leaves
 * its figures out — never zero, never estimated.
 */
export function parseScbPopulation(json: unknown, table: ScbTable, years: readonly number[], regions: RegionIndex, retrieved: string, url: string): PopulationRow[] {
  const ds = readDataset(json);
  const wanted: Record<string, string[]> = Object.fromEntries(selection(table, regions, years).map((s) => [s.variableCode, s.valueCodes]));
  const gone: string[] = [];
  const missing: string[] = [];
  for (const [dim, codes] of Object.entries(wanted)) {
    const have = ds.index.get(dim);
    if (!have) {
      gone.push(dim);
      continue;
    }
    const absent = codes.filter((c) => !have.has(c));
    if (absent.length) missing.push(`${dim} ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}`);
  }
  if (gone.length) throw new ScbFormatError(msg('scb.dimensions-gone', { table: table.id, n: gone.length, dimensions: gone.join(', ') }), true);
  if (missing.length) throw new ScbFormatError(msg('scb.codes-gone', { table: table.id, codes: missing.join('; ') }), true);
  const extra = ds.ids.filter((id) => !(id in wanted) && ds.size[ds.ids.indexOf(id)] !== 1);
  if (extra.length) throw new ScbFormatError(msg('scb.unknown-dimensions', { table: table.id, dimensions: extra.join(', ') }), true);

  // Row-major strides: the last dimension varies fastest.
  const stride = ds.ids.map((_, k) => ds.size.slice(k + 1).reduce((a, b) => a * b, 1));
  const cell = (codes: Record<string, string>): number | null => {
    let at = 0;
    ds.ids.forEach((id, k) => {
      const code = codes[id];
      if (code === undefined) return;
      // Every code asked for was checked above to be in its dimension.
      const i = ds.index.get(id)?.get(code);
      if (i === undefined) throw new ScbFormatError(msg('scb.no-code', { id, code }));
      at += i * (stride[k] ?? 1);
    });
    const v = ds.value[at];
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ScbFormatError(msg('scb.not-a-count', { codes: Object.values(codes).join(' / '), value: asJson(v) }));
    return v;
  };
  const sum = (xs: (number | null)[]) => (xs.every((v) => v !== null) ? xs.reduce((a, b) => a + b, 0) : null);

  // Each row's note, in English and Swedish (note_sv): the table, when and where it was read, how the figure was made.
  const notes = (how: Message) => {
    const said = msg('fetch.note', { table: table.id, date: retrieved, url, how });
    const note = table.sexTotal ? msg('fetch.note-ckm', { note: said }) : said;
    return { note: english(note), note_sv: say(note, 'sv') };
  };
  const rows: PopulationRow[] = [];
  // The selection always asks for regions, and only for the index's own codes.
  for (const code of wanted.Region ?? []) {
    const name = code === NATIONAL_CODE ? 'Riket' : (regions.byScbCode(code)?.name ?? code);
    for (const year of years) {
      const at = (sex: string, age: string) =>
        cell({ Region: code, ...(table.maritalTotal ? { Civilstand: table.maritalTotal } : {}), Alder: age, Kon: sex, ContentsCode: table.contents, Tid: String(year) });
      const all = (sex: string) => at(sex, table.ageTotal);
      const target = (sex: string) => sum(TARGET.map((a) => at(sex, a)));
      const push = (sex: Sex, age: string, value: number | null, how: Message) => {
        if (value !== null) rows.push({ region_code: code, region_name: name, year, sex, age_group: age, population: value, source_id: SCB_SOURCE_ID, ...notes(how) });
      };
      const both = table.sexTotal;
      push('total', ALL_AGES, both ? all(both) : sum([all(SEX_CODES.women), all(SEX_CODES.men)]), msg(both ? 'fetch.how.both-published' : 'fetch.how.women-men'));
      push('women', ALL_AGES, all(SEX_CODES.women), msg('fetch.how.all-ages'));
      push('men', ALL_AGES, all(SEX_CODES.men), msg('fetch.how.all-ages'));
      push('total', TARGET_AGES, both ? target(both) : sum([target(SEX_CODES.women), target(SEX_CODES.men)]), msg(both ? 'fetch.how.both-16-67' : 'fetch.how.women-men-16-67'));
      push('women', TARGET_AGES, target(SEX_CODES.women), msg('fetch.how.16-67'));
      push('men', TARGET_AGES, target(SEX_CODES.men), msg('fetch.how.16-67'));
    }
  }
  return rows;
}
