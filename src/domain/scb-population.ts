import { ALL_AGES, TARGET_AGES, type Sex } from './observation.js';
import type { PopulationRow } from './population-rows.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';

/**
 * SCB's population table BE0101N1 in the Statistical Database, PxWebApi 2.0 id TAB638
 * ("Folkmängden efter region, civilstånd, ålder och kön"): population on 31 December by
 * region, marital status, single year of age (0 … 100+, and "tot"), sex (1 men, 2 women) and
 * year. Marital status may be eliminated (SCB then sums over it), so the query leaves it out.
 *
 * Request (POST {base}/tables/TAB638/data?lang=en&outputFormat=json-stat2):
 *   {"selection": [{"variableCode": "Region", "valueCodes": ["00", "01", …]}, …]}
 * Response: a JSON-stat 2.0 dataset — `id` (dimension order), `size`, `dimension[d].category.index`
 * (code → position), and `value` in row-major order (the last dimension varies fastest).
 * Pure: no I/O here.
 */
export const SCB_TABLE = 'TAB638';
export const SCB_CONTENTS = 'BE0101N1';
export const SCB_SOURCE_ID = 'SCB_API';
/** SCB's limit is 150 000 cells per request; stay well under it. */
const MAX_CELLS = 100_000;

const TARGET_FIRST = 16;
const TARGET_LAST = 67;
const TARGET = Array.from({ length: TARGET_LAST - TARGET_FIRST + 1 }, (_, i) => String(TARGET_FIRST + i));
const AGES = ['tot', ...TARGET];
const SEX_CODES: Record<'women' | 'men', string> = { women: '2', men: '1' };

export interface ScbSelection {
  variableCode: string;
  valueCodes: string[];
}

/** The region codes asked for: Riket and the 21 counties. */
export function scbRegionCodes(regions: RegionIndex): string[] {
  return [NATIONAL_CODE, ...regions.regions.map((r) => r.code)];
}

/** The request bodies for these years, split so that no request exceeds SCB's cell limit. */
export function scbQueries(years: readonly number[], regions: RegionIndex): { years: number[]; body: { selection: ScbSelection[] } }[] {
  const perYear = scbRegionCodes(regions).length * AGES.length * 2;
  const chunk = Math.max(1, Math.floor(MAX_CELLS / perYear));
  const out = [];
  for (let i = 0; i < years.length; i += chunk) {
    const some = years.slice(i, i + chunk);
    out.push({
      years: some,
      body: {
        selection: [
          { variableCode: 'Region', valueCodes: scbRegionCodes(regions) },
          { variableCode: 'Alder', valueCodes: AGES },
          { variableCode: 'Kon', valueCodes: [SEX_CODES.men, SEX_CODES.women] },
          { variableCode: 'ContentsCode', valueCodes: [SCB_CONTENTS] },
          { variableCode: 'Tid', valueCodes: some.map(String) },
        ],
      },
    });
  }
  return out;
}

/** The response is not what the table's documented format promises: say what differs. */
export class ScbFormatError extends Error {
  constructor(
    message: string,
    /** True when the table's codes changed (a code rehab-stats asks for is missing). */
    readonly codesChanged = false,
  ) {
    super(message);
    this.name = 'ScbFormatError';
  }
}

interface Dimension {
  category?: { index?: Record<string, number> | string[] };
}

/** A JSON-stat 2.0 dataset as far as rehab-stats reads it, checked field by field. */
function readDataset(json: unknown): { ids: string[]; size: number[]; index: Map<string, Map<string, number>>; value: unknown[] } {
  const d = json as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new ScbFormatError('the response is not a JSON object');
  if (d.class !== 'dataset') throw new ScbFormatError(`expected a JSON-stat 2.0 dataset, got class ${JSON.stringify(d.class)}`);
  const ids = d.id;
  const size = d.size;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw new ScbFormatError('the dataset has no list of dimensions ("id")');
  if (!Array.isArray(size) || size.length !== ids.length || !size.every((n) => Number.isInteger(n) && n >= 0)) throw new ScbFormatError('the dataset\'s "size" does not match its dimensions');
  if (!Array.isArray(d.value)) throw new ScbFormatError('the dataset has no "value" list (a sparse or missing value list is not what SCB documents)');
  const expected = (size as number[]).reduce((a, b) => a * b, 1);
  if (d.value.length !== expected) throw new ScbFormatError(`the dataset has ${d.value.length} values where its dimensions give ${expected}`);
  const dims = (d.dimension ?? {}) as Record<string, Dimension>;
  const index = new Map<string, Map<string, number>>();
  (ids as string[]).forEach((id, k) => {
    const raw = dims[id]?.category?.index;
    const m = new Map<string, number>();
    if (Array.isArray(raw)) raw.forEach((code, i) => m.set(String(code), i));
    else if (raw && typeof raw === 'object') for (const [code, i] of Object.entries(raw)) m.set(code, i);
    else if ((size as number[])[k] === 1) {
      // JSON-stat allows a single-category dimension without an index; its one code is unknown.
    } else throw new ScbFormatError(`dimension ${id} has no category index`);
    index.set(id, m);
  });
  return { ids: ids as string[], size: size as number[], index, value: d.value };
}

/**
 * The population rows in one SCB response: per region and year, women and men (all ages, SCB's
 * "tot"), their total, and 16–67 as the exact sum of SCB's single-year cells. A cell SCB marks
 * missing (null) leaves its figures out — never zero, never estimated.
 */
export function parseScbPopulation(json: unknown, years: readonly number[], regions: RegionIndex, retrieved: string, url: string): PopulationRow[] {
  const ds = readDataset(json);
  const wanted: Record<string, string[]> = {
    Region: scbRegionCodes(regions),
    Alder: AGES,
    Kon: [SEX_CODES.men, SEX_CODES.women],
    ContentsCode: [SCB_CONTENTS],
    Tid: years.map(String),
  };
  const missing: string[] = [];
  for (const [dim, codes] of Object.entries(wanted)) {
    const have = ds.index.get(dim);
    if (!have) {
      missing.push(`dimension ${dim}`);
      continue;
    }
    const absent = codes.filter((c) => !have.has(c));
    if (absent.length) missing.push(`${dim} ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}`);
  }
  if (missing.length) throw new ScbFormatError(`SCB's table ${SCB_TABLE} no longer has the codes rehab-stats asks for: ${missing.join('; ')}`, true);
  const extra = ds.ids.filter((id) => !(id in wanted) && ds.size[ds.ids.indexOf(id)] !== 1);
  if (extra.length) throw new ScbFormatError(`SCB's table ${SCB_TABLE} has dimensions rehab-stats does not know: ${extra.join(', ')}`, true);

  // Row-major strides: the last dimension varies fastest.
  const stride = ds.ids.map((_, k) => ds.size.slice(k + 1).reduce((a, b) => a * b, 1));
  const cell = (codes: Record<string, string>): number | null => {
    let at = 0;
    ds.ids.forEach((id, k) => {
      if (id in codes) at += ds.index.get(id)!.get(codes[id]!)! * stride[k]!;
    });
    const v = ds.value[at];
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ScbFormatError(`the value for ${Object.values(codes).join(' / ')} is ${JSON.stringify(v)}, not a count of people`);
    return v;
  };

  const note = `SCB PxWebApi 2.0 ${SCB_TABLE} (${SCB_CONTENTS}), retrieved ${retrieved} from ${url}`;
  const ckm = ' (SCB cells perturbed by the Cell Key Method from 2025)';
  const rows: PopulationRow[] = [];
  for (const code of wanted.Region!) {
    const name = code === NATIONAL_CODE ? 'Riket' : regions.byScbCode(code)!.name;
    for (const year of years) {
      const by: Record<'women' | 'men', { all: number | null; target: number | null }> = { women: { all: null, target: null }, men: { all: null, target: null } };
      for (const sex of ['women', 'men'] as const) {
        const at = (age: string) => cell({ Region: code, Alder: age, Kon: SEX_CODES[sex], ContentsCode: SCB_CONTENTS, Tid: String(year) });
        const target = TARGET.map(at);
        by[sex] = { all: at('tot'), target: target.every((v) => v !== null) ? (target as number[]).reduce((a, b) => a + b, 0) : null };
      }
      const push = (sex: Sex, age: string, value: number | null, how: string) => {
        if (value !== null) rows.push({ region_code: code, region_name: name, year, sex, age_group: age, population: value, source_id: SCB_SOURCE_ID, note: `${note}; ${how}${year >= 2025 ? ckm : ''}` });
      };
      const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
      push('total', ALL_AGES, sum(by.women.all, by.men.all), 'women + men, all ages');
      push('women', ALL_AGES, by.women.all, 'all ages');
      push('men', ALL_AGES, by.men.all, 'all ages');
      push('total', TARGET_AGES, sum(by.women.target, by.men.target), 'sum of single years 16–67, women + men');
      push('women', TARGET_AGES, by.women.target, 'sum of single years 16–67');
      push('men', TARGET_AGES, by.men.target, 'sum of single years 16–67');
    }
  }
  return rows;
}
