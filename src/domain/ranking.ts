import { dataError, populationError } from '../errors.js';
import { ALL_AGES, type Observation, type Sex } from './observation.js';
import type { PopulationTable } from './population.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import type { CountCell } from './select.js';
import type { Row } from './cells.js';
import { compareWithBenchmark } from '../stats/compare.js';
import { directlyStandardisedRate, type AgeStratum } from '../stats/dsr.js';
import { dsrFunnelSignificance, dsrFunnelTarget, FUNNEL_LEVELS, funnelLabelFromLimits, rateFunnelLimits, rateFunnelSignificance } from '../stats/funnel.js';
import { estimateOverdispersion, overdispersedRatioLimits, type OverdispersionEstimate, type OverdispersionKind } from '../stats/overdispersion.js';
import type { Interval, PoissonMethod } from '../stats/poisson.js';
import { competitionRanksOfRatios, type Ratio } from '../stats/rank.js';
import { rankIntervals } from '../stats/rank-interval.js';
import { crudeRate, SMALL_COUNT } from '../stats/rate.js';
import { msg } from '../messages/index.js';

/**
 * The rows of a ranking: each region's rate with its interval, competition ranks, the national
 * row, the comparison with it and, when asked, funnel limits — crude or age-standardised. Used
 * by rank, summary and report; the population lookups throw when a needed figure is missing.
 */
export interface RankInput {
  counts: Map<string, CountCell>;
  population: PopulationTable;
  regions: RegionIndex;
  year: number;
  sex: Sex;
  age: string;
  per: number;
  level: number;
  ciMethod: PoissonMethod;
  /** Compute funnel-plot limits too. */
  funnel?: boolean;
  /** Each ranked region's 95% interval of rank, by simulation (crude rates). */
  rankInterval?: boolean;
  /** Widen the funnel limits for overdispersion (Spiegelhalter 2005); crude rates only. */
  overdispersion?: OverdispersionKind;
  /** Age-standardise: each region's counts and population by age group with the standard's weights. */
  strata?: Map<string, AgeStratum[]>;
  /**
   * Regions whose counts are hidden by a publishing rule: left out of what pools the regions —
   * the overdispersion estimate and the rank-interval simulation — which could give them away.
   */
  hiddenRegions?: ReadonlySet<string>;
}

/**
 * The ranked rows and the national row. Pure apart from the population lookups, which throw
 * when a needed figure is missing.
 */
export function rankRows(input: RankInput): { rows: Row[]; national: Row; missingRegions: string[]; dispersion?: OverdispersionEstimate } {
  const { counts, population, regions, year, sex, age, per, level, ciMethod } = input;
  const rateRow = (code: string, name: string, cell: CountCell | undefined, pop: number): Row => {
    const base = { rank: null, region_code: code, region: name, population: pop };
    if (!cell || cell.value === null) {
      return { ...base, count: null, rate: null, rate_lower: null, rate_upper: null, note: cell?.note ?? `missing in input${cell ? ` (line ${cell.lines.join(', ')})` : ''}` };
    }
    const strata = input.strata?.get(code);
    const row: Row = {
      ...base,
      count: cell.value,
      rate: null,
      rate_lower: null,
      rate_upper: null,
      note: cell.value < SMALL_COUNT ? `fewer than ${SMALL_COUNT} treatments: rate unstable` : '',
    };
    if (strata) {
      const r = directlyStandardisedRate(strata, per, level, ciMethod);
      if (r.rate === null) return Object.assign(row, { note: r.missing ?? '' });
      exact.set(row, { numerator: r.perPerson, denominator: 1 });
      return Object.assign(row, { rate: r.rate, rate_lower: r.lower, rate_upper: r.upper });
    }
    const r = crudeRate(cell.value, pop, per, level, ciMethod);
    exact.set(row, { numerator: cell.value, denominator: pop });
    return Object.assign(row, { rate: r.rate, rate_lower: r.lower, rate_upper: r.upper });
  };
  // each row's rate as an exact ratio (count ÷ population, or the DSR per person): ranks and funnels use these, not the rounded, per-scaled rate
  const exact = new Map<Row, Ratio>();
  const populationOf = (code: string) => (input.strata?.has(code) ? input.strata.get(code)!.reduce((s, x) => s + x.population, 0) : population.require(code, year, sex, age));

  const present = regions.regions.filter((r) => counts.has(r.code));
  const rows = present.map((r) => rateRow(r.code, r.name, counts.get(r.code), populationOf(r.code)));
  const ranked = rows.filter((r) => typeof r.rate === 'number');
  const ranks = competitionRanksOfRatios(ranked.map((r) => exact.get(r)!));
  ranked.forEach((r, i) => (r.rank = ranks[i]!));
  if (input.rankInterval) {
    const simulated = ranked.filter((r) => !input.hiddenRegions?.has(r.region_code as string));
    rankIntervals(simulated.map((r) => exact.get(r)!)).forEach((ri, i) => Object.assign(simulated[i]!, { rank_lower: ri.lower, rank_upper: ri.upper }));
  }
  rows.sort(
    (a, b) =>
      (a.rank === null ? 1 : 0) - (b.rank === null ? 1 : 0) || ((a.rank as number) ?? 0) - ((b.rank as number) ?? 0) || String(a.region_code).localeCompare(String(b.region_code)),
  );

  const missingRegions = regions.regions.filter((r) => !counts.has(r.code)).map((r) => r.name);
  const reported = counts.get(NATIONAL_CODE);
  let national: Row;
  if (reported) {
    national = rateRow(NATIONAL_CODE, 'Riket', reported, population.require(NATIONAL_CODE, year, sex, age));
    national.note = national.note || 'as reported in the input';
  } else if (ranked.length === 0) {
    // Every region's count is missing: there is no total to compare with (and no population to divide it by).
    national = rateRow(NATIONAL_CODE, 'Riket', { value: null, lines: [], note: 'no region has a count' }, 0);
  } else {
    // every region with a count, ranked or not (a DSR under 10 events is not shown but its events count)
    const usable = rows.filter((r) => typeof r.count === 'number');
    const sum = usable.reduce((s, r) => s + (r.count as number), 0);
    const complete = usable.length === regions.regions.length;
    if (input.strata) input.strata.set(NATIONAL_CODE, sumStrata(usable.map((r) => input.strata!.get(r.region_code as string)!)));
    const pop = input.strata
      ? populationOf(NATIONAL_CODE)
      : complete
        ? population.require(NATIONAL_CODE, year, sex, age)
        : usable.reduce((s, r) => s + (r.population as number), 0);
    const some = `${usable.length} region${usable.length === 1 ? '' : 's'}`;
    national = rateRow(NATIONAL_CODE, complete ? 'Riket' : `Total of ${some}`, { value: sum, lines: [] }, pop);
    national.note = complete ? 'sum of the 21 regions' : `sum of the ${some} with counts`;
  }
  const dispersion = addComparisons(rows, national, input, exact);
  return { rows, national, missingRegions, ...(dispersion ? { dispersion } : {}) };
}

/** Age groups added up across regions (same groups, same order). */
function sumStrata(list: AgeStratum[][]): AgeStratum[] {
  return list[0]!.map((s, i) => ({ count: list.reduce((t, l) => t + l[i]!.count, 0), population: list.reduce((t, l) => t + l[i]!.population, 0), weight: s.weight }));
}

/**
 * Each region's counts and population per age group, weighted by a standard population —
 * for direct age standardisation. Regions lacking a count or population for an age group are
 * left out (shown as missing), with why.
 */
export function buildStrata(
  obs: readonly Observation[],
  sel: { method: string; year: number; sex: Sex; absentIsZero: boolean },
  population: PopulationTable,
  regions: RegionIndex,
  standard: Readonly<Record<string, number>>,
  standardName: string,
  source: string,
): { strata: Map<string, AgeStratum[]>; bands: string[]; problems: Map<string, string> } {
  const rows = obs.filter((o) => o.method === sel.method && o.year === sel.year && o.age !== ALL_AGES && (o.sex === sel.sex || (sel.sex === 'total' && o.sex !== 'total')));
  const bands = [...new Set(rows.map((o) => o.age))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  if (bands.length === 0)
    throw dataError(
      'the input has no counts by age group, so there is nothing to standardise',
      { file: source },
      'age standardisation needs an age column with groups such as 15-19, 20-24, …',
    );
  const unknown = bands.filter((b) => standard[b] === undefined);
  if (unknown.length)
    throw dataError(
      `age group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} not in ${standardName}`,
      { file: source },
      `${standardName} has: ${Object.keys(standard).join(', ')}`,
    );
  const strata = new Map<string, AgeStratum[]>();
  const problems = new Map<string, string>();
  for (const r of regions.regions) {
    const mine = rows.filter((o) => o.region === r.code);
    if (!mine.length) continue;
    const list: AgeStratum[] = [];
    for (const band of bands) {
      const inBand = mine.filter((o) => o.age === band);
      if (!inBand.length && !sel.absentIsZero) {
        problems.set(r.code, `no count for age group ${band}`);
        break;
      }
      if (inBand.some((o) => o.value === null)) {
        problems.set(r.code, `count for age group ${band} missing in input`);
        break;
      }
      const pop = population.get(r.code, sel.year, sel.sex, band);
      if (pop === undefined) {
        throw populationError(
          msg('standard.population-missing', { source: population.label, region: `${r.name} (${r.code})`, band, year: sel.year }),
          msg('standard.population-missing.hint'),
        );
      }
      list.push({ count: inBand.reduce((t, o) => t + (o.value as number), 0), population: pop, weight: standard[band]! });
    }
    if (!problems.has(r.code)) strata.set(r.code, list);
  }
  return { strata, bands, problems };
}

/**
 * Each region against the national rate: the ratio, whether its interval lies wholly above or
 * below it, and with funnel limits where it falls against the 95% and 99.8% limits for its size —
 * judged as PHEindicatormethods does: the region's count against the national rate per person
 * (crude), or against PHE's weighted average of the populations the DSRs imply (age-standardised).
 */
function addComparisons(rows: Row[], national: Row, input: RankInput, exact: Map<Row, Ratio>): OverdispersionEstimate | undefined {
  const benchmark = national.rate;
  const funnelTarget = input.funnel || input.overdispersion ? funnelTargetOf(rows, national, input, exact) : null;
  // φ and τ² from every ranked region (crude rates), to adjust the limits or to say that they should be
  const ranked = rows.filter((r) => typeof r.rate === 'number' && !input.hiddenRegions?.has(r.region_code as string));
  const dispersion =
    funnelTarget !== null && !input.strata && ranked.length >= 2
      ? estimateOverdispersion(ranked.map((r) => ({ observed: r.count as number, expected: funnelTarget * (r.population as number) })))
      : undefined;
  const adjustment = input.overdispersion && dispersion ? { kind: input.overdispersion, ...dispersion } : undefined;
  for (const r of rows) {
    if (typeof r.rate !== 'number' || typeof benchmark !== 'number' || benchmark === 0) {
      Object.assign(r, { ratio_to_national: null, vs_national: null, ...(input.funnel ? { funnel: null } : {}) });
      continue;
    }
    r.ratio_to_national = r.rate / benchmark;
    r.vs_national = compareWithBenchmark(r.rate_lower as number, r.rate_upper as number, benchmark);
    if (funnelTarget === null) continue;
    const count = r.count as number;
    // a DSR's funnel sits at the population it implies (count ÷ DSR × per), as in PHE's funnels
    const pop = input.strata ? (count / r.rate) * input.per : (r.population as number);
    if (adjustment) {
      // Spiegelhalter's adjusted limits on O/E, as rates
      const [l95, l998] = FUNNEL_LEVELS.map((level) => overdispersedRatioLimits(funnelTarget * pop, level, adjustment)).map((l) => ({
        lower: l.lower * funnelTarget * input.per,
        upper: l.upper * funnelTarget * input.per,
      })) as [Interval, Interval];
      Object.assign(r, {
        funnel_95_lower: l95.lower,
        funnel_95_upper: l95.upper,
        funnel_998_lower: l998.lower,
        funnel_998_upper: l998.upper,
        funnel: funnelLabelFromLimits(r.rate, l95, l998),
      });
      continue;
    }
    const l95 = rateFunnelLimits(funnelTarget * input.per, pop, input.per, 0.95);
    const l998 = rateFunnelLimits(funnelTarget * input.per, pop, input.per, 0.998);
    const label = input.strata ? dsrFunnelSignificance(count, r.rate, input.per, funnelTarget) : rateFunnelSignificance(count, pop, funnelTarget);
    Object.assign(r, { funnel_95_lower: l95.lower, funnel_95_upper: l95.upper, funnel_998_lower: l998.lower, funnel_998_upper: l998.upper, funnel: label });
  }
  Object.assign(national, { ratio_to_national: typeof benchmark === 'number' ? 1 : null, vs_national: null, ...(input.funnel ? { funnel: null } : {}) });
  return dispersion;
}

/** The funnel's target rate per person, or null when there is none (no national rate, or 0). */
function funnelTargetOf(rows: Row[], national: Row, input: RankInput, exact: Map<Row, Ratio>): number | null {
  if (input.strata) {
    const units = rows.filter((r) => typeof r.rate === 'number' && (r.count as number) > 0).map((r) => ({ count: r.count as number, rate: exact.get(r)!.numerator * input.per }));
    return units.length ? dsrFunnelTarget(units, input.per) : null;
  }
  const n = exact.get(national);
  return n && n.numerator > 0 ? n.numerator / n.denominator : null;
}
