import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import { msg } from '../messages/index.js';
import type { CountCell } from './select.js';
import type { Protected, Row } from './cells.js';
import type { Sex } from './observation.js';
import type { Made } from './provenance.js';
import type { Message, Text } from '../messages/index.js';
import { growth } from '../stats/growth.js';
import { rateRatio } from '../stats/rate-ratio.js';

/** Growth rows per region and nationally, in counts or (addPerCapita) in rates. Pure. */

/**
 * A region's (or the national) growth between two years, keyed by the documented machine keys.
 * addPerCapita adds the rates (base_rate, rate) and the rate ratio with its interval
 * (rate_ratio, ratio_lower, ratio_upper, significant). A publishing rule may blank any count or
 * figure computed from it (null).
 */
export type GrowthRow<Name extends Text = string> = Row & {
  region_code: string;
  /** A region's name; the national row's is "Riket", or a message when it is a sum of the regions with both years. */
  region: Name;
  base_year: number;
  base_count: number | null;
  year: number;
  count: number | null;
  change: number | null;
  change_pct: number | null;
  cagr_pct: number | null;
  /** A catalogue message (machine formats write its English), or '' for none. */
  note: Message | '';
};

/**
 * What `growth` computes, ready for render/growth.ts: the rows of the regions asked for and the
 * national row as published (a rule's hidden cells null and listed), the notes and how the
 * figures were made.
 */
export interface GrowthResult extends Protected {
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  sex: Sex;
  from: number;
  to: number;
  /** With --per-capita: rates per this many inhabitants; absent for growth of counts. */
  per?: number;
  rows: GrowthRow[];
  national: GrowthRow<Text>;
  notes: Text[];
  made: Made;
}

/** One growth row from two counts; missing values give an explained empty row. */
export function growthRow<Name extends Text>(code: string, name: Name, baseYear: number, year: number, base: CountCell | undefined, end: CountCell | undefined): GrowthRow<Name> {
  const row: GrowthRow<Name> = {
    region_code: code,
    region: name,
    base_year: baseYear,
    base_count: base?.value ?? null,
    year,
    count: end?.value ?? null,
    change: null,
    change_pct: null,
    cagr_pct: null,
    note: '',
  };
  if (base?.value == null || end?.value == null) {
    row.note = msg('cell.year-missing-in-input', { year: base?.value == null ? baseYear : year });
    return row;
  }
  const g = growth(base.value, end.value, baseYear, year);
  row.change = g.change;
  row.change_pct = g.changePct;
  row.cagr_pct = g.cagrPct;
  if (g.reason === 'zero base') row.note = msg('cell.zero-base', { year: baseYear });
  return row;
}

export function growthRows(
  regions: RegionIndex,
  baseCounts: Map<string, CountCell>,
  endCounts: Map<string, CountCell>,
  baseYear: number,
  year: number,
): { rows: GrowthRow[]; national: GrowthRow<Text>; summed: boolean } {
  const rows = regions.regions
    .filter((r) => baseCounts.has(r.code) || endCounts.has(r.code))
    .map((r) => growthRow(r.code, r.name, baseYear, year, baseCounts.get(r.code), endCounts.get(r.code)));
  // Riket's rows when the input gives both years' (a change between Riket in one year and a sum
  // of regions in the other would compare different things); else the sum of the regions, which
  // is only honest over the regions that have both years.
  const reported = baseCounts.has(NATIONAL_CODE) && endCounts.has(NATIONAL_CODE);
  const sumOf = (counts: Map<string, CountCell>): CountCell | undefined => {
    if (reported) return counts.get(NATIONAL_CODE);
    const both = rows.filter((r) => r.base_count !== null && r.count !== null).map((r) => counts.get(r.region_code)?.value ?? 0);
    return both.length ? { value: both.reduce((s, v) => s + v, 0), lines: [] } : undefined;
  };
  const complete = rows.length === regions.regions.length && rows.every((r) => r.base_count !== null && r.count !== null);
  // Riket unless the national count is the sum of only the regions with both years.
  const summed = !complete && !reported;
  const national = growthRow<Text>(NATIONAL_CODE, summed ? msg('cell.total-of-regions-both-years') : 'Riket', baseYear, year, sumOf(baseCounts), sumOf(endCounts));
  return { rows, national, summed };
}

/**
 * Per-capita growth: rates in both years, their percent change and CAGR, and the rate ratio
 * with its exact interval — is the change more than chance? Rows without both counts stay as
 * they are. A `summed` national row (growthRows) divides by `totalOf`, the population of the
 * regions it sums, instead of Riket's.
 */
export function addPerCapita(
  rows: GrowthRow[],
  national: GrowthRow<Text>,
  summed: boolean,
  rateOf: (code: string, year: number) => number,
  per: number,
  totalOf: (year: number) => number,
): void {
  for (const r of [...rows, national]) {
    if (r.base_count === null || r.count === null) continue;
    const code = r.region_code;
    const isTotal = r === national && summed;
    const basePop = isTotal ? totalOf(r.base_year) : rateOf(code, r.base_year);
    const pop = isTotal ? totalOf(r.year) : rateOf(code, r.year);
    const baseRate = (r.base_count / basePop) * per;
    const rate = (r.count / pop) * per;
    const g = growth(baseRate, rate, r.base_year, r.year);
    Object.assign(r, { base_rate: baseRate, rate, change_pct: g.changePct, cagr_pct: g.cagrPct });
    if (r.base_count > 0 && Number.isInteger(r.count) && Number.isInteger(r.base_count)) {
      const rr = rateRatio(r.count, pop, r.base_count, basePop);
      Object.assign(r, { rate_ratio: rr.ratio, ratio_lower: rr.lower, ratio_upper: rr.upper, significant: rr.lower > 1 ? 'increase' : rr.upper < 1 ? 'decrease' : 'no' });
    } else Object.assign(r, { rate_ratio: null, ratio_lower: null, ratio_upper: null, significant: null });
  }
}
