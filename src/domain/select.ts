import { dataError, usageError } from '../errors.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from './regions.js';
import { ALL_AGES, type Observation, type Sex } from './observation.js';
import { matchKey } from './text.js';
import { type Text, msg } from '../messages/index.js';

/** A count for one region, added up from the observations it came from. */
export interface CountCell {
  /** null when a value that belongs in it is missing (".." in the export). */
  value: number | null;
  lines: number[];
  /** Why the value is null, when it is not simply marked missing in the input. */
  note?: Text;
}

export interface Selection {
  method: string;
  year: number;
  sex: Sex;
  /** Record-level data: a sex (or region) without rows had no treatments. */
  absentIsZero?: boolean;
}

/** The methods present in observations, in order of first appearance ('' = the file has no method column). */
export function methodsOf(obs: Iterable<Observation>): string[] {
  const methods = new Set<string>();
  for (const o of obs) methods.add(o.method);
  return [...methods];
}

/**
 * The years present (of one method, when given; with rows of one sex, when not the total),
 * ascending. A total needs no total row: selectCounts forms it from either sex's rows.
 */
export function yearsOf(obs: Iterable<Observation>, method?: string, sex: Sex = 'total'): number[] {
  const years = new Set<number>();
  for (const o of obs) if ((method === undefined || o.method === method) && (sex === 'total' || o.sex === sex)) years.add(o.year);
  return [...years].sort((a, b) => a - b);
}

/**
 * The latest of the years yearsOf gives (ascending): the default of --year. Called once the
 * method was found in the data (chooseMethod), which gives it at least one year.
 */
export function latestYear(years: readonly number[]): number {
  const last = years.at(-1);
  if (last === undefined) throw new Error('latestYear: the data has no year of the method');
  return last;
}

/**
 * Finds the method as the data spells it ("kbt" → "KBT"). A file without a method column
 * holds one unnamed method, which any --method matches. Unknown methods are usage errors
 * listing what the data has.
 */
export function resolveMethod(obs: Iterable<Observation>, wanted: string, source: Text): string {
  const methods = methodsOf(obs);
  if (methods.length === 1 && methods[0] === '') return '';
  const hit = methods.find((m) => matchKey(m) === matchKey(wanted));
  if (hit !== undefined) return hit;
  throw usageError(msg('select.no-method', { source, method: wanted }), msg('select.methods-in-data.hint', { methods: methods.filter(Boolean).join(', ') }));
}

/**
 * The method a command works on: --method as the data spells it, or without --method the data's
 * only method. Several methods and no --method is a usage error listing them; a file without a
 * method column needs --method to say what its counts are.
 */
/**
 * Stops when the data holds no counts at all: every row refused and skipped (--skip-invalid),
 * say. Without it, "which method?" or "no counts for the latest year" would name a cause that is
 * not the real one.
 */
export function requireCounts(obs: Iterable<Observation>, source: Text): void {
  for (const _ of obs) return;
  throw dataError(msg('select.no-counts-at-all'), { file: source }, msg('select.no-counts-at-all.hint'));
}

export function chooseMethod(obs: Iterable<Observation>, wanted: string | undefined, source: Text): string {
  if (wanted !== undefined) return resolveMethod(obs, wanted, source);
  const methods = methodsOf(obs);
  const [only] = methods;
  if (methods.length === 1 && only) return only;
  if (methods.length === 1) throw usageError(msg('select.no-method-column', { source }), msg('select.no-method-column.hint'));
  throw usageError(msg('select.which-method'), msg('select.methods-in-data.hint', { methods: methods.filter(Boolean).join(', ') }));
}

/**
 * Counts per region for one method, year and sex. For a sex, rows of that sex are used;
 * for the total, total rows where present, else women + men. For an age group, 'all'
 * where present, else the sum of the age groups (record-level files give single ages).
 */
export function selectCounts(obs: readonly Observation[], sel: Selection): Map<string, CountCell> {
  const byRegion = new Map<string, Observation[]>();
  for (const o of obs) {
    if (o.year !== sel.year || o.method !== sel.method) continue;
    let list = byRegion.get(o.region);
    if (!list) byRegion.set(o.region, (list = []));
    list.push(o);
  }
  const out = new Map<string, CountCell>();
  for (const [region, list] of byRegion) {
    let rows = list.filter((o) => o.sex === sel.sex);
    let incomplete: Sex | undefined;
    if (rows.length === 0 && sel.sex === 'total') {
      const women = list.filter((o) => o.sex === 'women');
      const men = list.filter((o) => o.sex === 'men');
      rows = [...women, ...men];
      // In a table of counts by sex, a missing half leaves the total unknown; in a
      // record-level file, no rows for men means no men were treated.
      if (!sel.absentIsZero && (!women.length || !men.length)) incomplete = women.length ? 'men' : 'women';
    }
    if (rows.length === 0) continue;
    const cell = sumAges(rows);
    if (incomplete) {
      cell.value = null;
      cell.note = msg('cell.no-total', { part: incomplete });
    }
    out.set(region, cell);
  }
  return out;
}

function sumAges(rows: Observation[]): CountCell {
  const bySex = new Map<Sex, Observation[]>();
  for (const o of rows) {
    const list = bySex.get(o.sex);
    if (list) list.push(o);
    else bySex.set(o.sex, [o]);
  }
  let value: number | null = 0;
  const lines: number[] = [];
  for (const group of bySex.values()) {
    const all = group.filter((o) => o.age === ALL_AGES);
    for (const o of all.length ? all : group) {
      lines.push(o.line);
      value = value === null || o.value === null ? null : value + o.value;
    }
  }
  return { value, lines };
}

/**
 * The national count for a method, year and sex: the input's Riket row when it has one (a file
 * with Riket and a few regions must not call those few "Riket"), else the sum of the regions.
 * Null if any part is missing.
 */
export function nationalCount(obs: readonly Observation[], regions: RegionIndex, method: string, year: number, sex: Sex, absentIsZero: boolean): number | null {
  const counts = selectCounts(obs, { method, year, sex, absentIsZero });
  const reported = counts.get(NATIONAL_CODE);
  if (reported) return reported.value;
  const regional = regions.regions.flatMap((r) => counts.get(r.code) ?? []);
  if (regional.length === 0) return null;
  let sum = 0;
  for (const c of regional) {
    if (c.value === null) return null;
    sum += c.value;
  }
  return sum;
}

/**
 * The regions named by --region — SCB code, Kolada id, name or alias, several per value when
 * separated by commas — each once, in the order given. "Riket" names the whole country. An
 * unknown name is a usage error with the nearest names, never a guess.
 */
export function resolveRegions(texts: readonly string[], index: RegionIndex): Region[] {
  const out: Region[] = [];
  for (const text of texts
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean)) {
    const region = index.resolve(text);
    if (!region) {
      const near = index.suggest(text);
      throw usageError(msg('select.no-region', { text }), near.length ? msg('select.did-you-mean.hint', { names: near.join('; ') }) : msg('select.see-regions.hint'));
    }
    if (!out.includes(region)) out.push(region);
  }
  return out;
}

/** Keeps rows whose region_code is selected; every row when nothing is selected. */
export function keepRegions<T extends Record<string, unknown>>(rows: readonly T[], selected: readonly Region[]): T[] {
  if (selected.length === 0) return [...rows];
  const codes = new Set(selected.map((r) => r.code));
  return rows.filter((r) => typeof r.region_code === 'string' && codes.has(r.region_code));
}

/**
 * The whole country's count only when the input really gives it: its Riket row, or every one of
 * the 21 regions. Null otherwise — "the rest of Sweden" cannot be formed from a few regions.
 */
export function completeNationalCount(obs: readonly Observation[], regions: RegionIndex, method: string, year: number, absentIsZero: boolean): number | null {
  const counts = selectCounts(obs, { method, year, sex: 'total', absentIsZero });
  const reported = counts.get(NATIONAL_CODE);
  if (reported) return reported.value;
  if (!regions.regions.every((r) => counts.has(r.code))) return null;
  return nationalCount(obs, regions, method, year, 'total', absentIsZero);
}
