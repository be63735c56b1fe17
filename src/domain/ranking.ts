import { dataError, populationError } from '../errors.js';
import { ALL_AGES, type Observation, type Sex } from './observation.js';
import type { PopulationTable } from './population.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import type { CountCell } from './select.js';
import type { Protected, Row } from './cells.js';
import type { Made } from './provenance.js';
import { compareWithBenchmark } from '../stats/compare.js';
import { directlyStandardisedRate, DSR_MIN_EVENTS, type AgeStratum } from '../stats/dsr.js';
import { dsrFunnelSignificance, dsrFunnelTarget, FUNNEL_LEVELS, funnelLabelFromLimits, rateFunnelLimits, rateFunnelSignificance } from '../stats/funnel.js';
import { estimateOverdispersion, overdispersedRatioLimits, type OverdispersionEstimate, type OverdispersionKind } from '../stats/overdispersion.js';
import type { Interval, PoissonMethod } from '../stats/poisson.js';
import { competitionRanksOfRatios, type Ratio } from '../stats/rank.js';
import { rankIntervals } from '../stats/rank-interval.js';
import { crudeRate, SMALL_COUNT } from '../stats/rate.js';
import { msg, type Message, type Text } from '../messages/index.js';

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
  strata?: ReadonlyMap<string, AgeStratum[]>;
  /**
   * Regions whose counts are hidden by a publishing rule: left out of what pools the regions —
   * the overdispersion estimate and the rank-interval simulation — which could give them away.
   */
  hiddenRegions?: ReadonlySet<string>;
}

/**
 * A region's row of a ranking (or the national row), keyed by the documented machine keys. The
 * comparison with Riket (ratio_to_national, vs_national), the rank interval (rank_lower,
 * rank_upper) and the funnel (funnel, funnel_95_lower …) are further cells when asked for.
 * A publishing rule may blank any count or figure computed from it (null).
 */
export type RankedRegion<Name extends Text = string> = Row & {
  rank: number | null;
  region_code: string;
  /** A region's name; the national row's is "Riket", or a message when it is a sum of some regions (cell.total-of-regions). */
  region: Name;
  population: number;
  count: number | null;
  rate: number | null;
  rate_lower: number | null;
  rate_upper: number | null;
  /** A catalogue message (machine formats write its English), text from the input, or '' for none. */
  note: Text;
};

/**
 * What `rank` computes, ready for render/rank.ts: the ranked rows of the regions asked for and
 * the national row as published (a rule's hidden cells null and listed), what they are rates of,
 * the notes and how the figures were made.
 */
export interface RankResult extends Protected {
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  year: number;
  sex: Sex;
  age: string;
  per: number;
  /** The confidence level of the rate intervals (0.95 …). */
  level: number;
  standardised: boolean;
  funnel: boolean;
  rankInterval: boolean;
  /** Which rows say their interval method: in every format (PHE's rule picks per row), in machine formats only (a publishing rule), or none. */
  intervalMethod: 'human' | 'machine' | false;
  rows: RankedRegion[];
  national: NationalRow;
  notes: Text[];
  made: Made;
}

/** The national row of a ranking: as a region's, with a name that may be a message. */
export type NationalRow = RankedRegion<Text>;

/** What rankRows gives: the ranked rows, the national row, the regions without a count and the overdispersion when estimated. */
export interface Ranking {
  rows: RankedRegion[];
  national: NationalRow;
  missingRegions: string[];
  dispersion?: OverdispersionEstimate;
}

/**
 * The ranked rows and the national row. Pure apart from the population lookups, which throw
 * when a needed figure is missing.
 */
export function rankRows(input: RankInput): Ranking {
  const { counts, population, regions, year, sex, age, per, level, ciMethod } = input;
  // The age groups by region, Riket's added below when it is computed: a copy, so the caller's map is left as it was.
  const strata = input.strata ? new Map(input.strata) : undefined;
  const rateRow = <Name extends Text>(code: string, name: Name, cell: CountCell | undefined, pop: number): RankedRegion<Name> => {
    const base = { rank: null, region_code: code, region: name, population: pop };
    if (!cell || cell.value === null) {
      return {
        ...base,
        count: null,
        rate: null,
        rate_lower: null,
        rate_upper: null,
        note: cell?.note ?? (cell ? msg('cell.missing-in-input-lines', { lines: cell.lines.join(', ') }) : msg('cell.missing-in-input')),
      };
    }
    const groups = strata?.get(code);
    const row: RankedRegion<Name> = {
      ...base,
      count: cell.value,
      rate: null,
      rate_lower: null,
      rate_upper: null,
      note: cell.value < SMALL_COUNT ? msg('cell.small-count', { n: SMALL_COUNT }) : '',
    };
    if (groups) {
      const r = directlyStandardisedRate(groups, per, level, ciMethod);
      if (r.rate === null) {
        row.note = r.missing === 'too-few-events' ? msg('cell.dsr-too-few', { n: DSR_MIN_EVENTS }) : '';
        return row;
      }
      exact.set(row, { numerator: r.perPerson, denominator: 1 });
      return Object.assign(row, { rate: r.rate, rate_lower: r.lower, rate_upper: r.upper });
    }
    const r = crudeRate(cell.value, pop, per, level, ciMethod);
    exact.set(row, { numerator: cell.value, denominator: pop });
    return Object.assign(row, { rate: r.rate, rate_lower: r.lower, rate_upper: r.upper });
  };
  // each row's rate as an exact ratio (count ÷ population, or the DSR per person): ranks and funnels use these, not the rounded, per-scaled rate
  const exact = new Map<Row, Ratio>();
  const strataOf = (code: string): AgeStratum[] | undefined => strata?.get(code);
  const populationOf = (code: string) => strataOf(code)?.reduce((s, x) => s + x.population, 0) ?? population.require(code, year, sex, age);

  const present = regions.regions.filter((r) => counts.has(r.code));
  const rows = present.map((r) => rateRow(r.code, r.name, counts.get(r.code), populationOf(r.code)));
  // The rows with a rate, each with its exact ratio (every row given a rate has one).
  const ranked = rows.flatMap((row) => {
    const ratio = exact.get(row);
    return typeof row.rate === 'number' && ratio ? [{ row, ratio }] : [];
  });
  const ranks = competitionRanksOfRatios(ranked.map((r) => r.ratio));
  ranked.forEach((r, i) => (r.row.rank = ranks[i] ?? null));
  if (input.rankInterval) {
    const simulated = ranked.filter((r) => !input.hiddenRegions?.has(r.row.region_code));
    const intervals = rankIntervals(simulated.map((r) => r.ratio));
    simulated.forEach((r, i) => {
      const ri = intervals[i];
      if (ri) Object.assign(r.row, { rank_lower: ri.lower, rank_upper: ri.upper });
    });
  }
  rows.sort((a, b) => (a.rank === null ? 1 : 0) - (b.rank === null ? 1 : 0) || (a.rank ?? 0) - (b.rank ?? 0) || a.region_code.localeCompare(b.region_code));

  const missingRegions = regions.regions.filter((r) => !counts.has(r.code)).map((r) => r.name);
  const reported = counts.get(NATIONAL_CODE);
  let national: NationalRow;
  if (reported) {
    national = rateRow<Text>(NATIONAL_CODE, 'Riket', reported, population.require(NATIONAL_CODE, year, sex, age));
    national.note = national.note || msg('cell.as-reported');
  } else if (ranked.length === 0) {
    // Every region's count is missing: there is no total to compare with (and no population to divide it by).
    national = rateRow<Text>(NATIONAL_CODE, 'Riket', { value: null, lines: [], note: msg('cell.no-region-count') }, 0);
  } else {
    // every region with a count, ranked or not (a DSR under 10 events is not shown but its events count)
    const usable = rows.flatMap((r) => (r.count === null ? [] : [{ ...r, count: r.count }]));
    const sum = usable.reduce((s, r) => s + r.count, 0);
    const complete = usable.length === regions.regions.length;
    if (strata) strata.set(NATIONAL_CODE, sumStrata(usable.map((r) => strataOf(r.region_code) ?? noStrata(r.region_code))));
    const pop = strata ? populationOf(NATIONAL_CODE) : complete ? population.require(NATIONAL_CODE, year, sex, age) : usable.reduce((s, r) => s + r.population, 0);
    const n = usable.length;
    national = rateRow<Text>(NATIONAL_CODE, complete ? 'Riket' : msg('cell.total-of-regions', { n }), { value: sum, lines: [] }, pop);
    national.note = complete ? msg('cell.sum-of-21-regions') : msg('cell.sum-of-regions-with-counts', { n });
  }
  const dispersion = addComparisons(rows, national, input, exact);
  return { rows, national, missingRegions, ...(dispersion ? { dispersion } : {}) };
}

/** A region with a count has its age groups (buildStrata gives a region with a problem no count). */
function noStrata(code: string): never {
  throw new Error(`rankRows: region ${code} has a count but no age groups`);
}

/** Every band was checked against the standard above. */
function notInStandard(band: string): never {
  throw new Error(`buildStrata: age group ${band} not in the standard`);
}

/** Age groups added up across regions (same groups, same order). */
function sumStrata(list: AgeStratum[][]): AgeStratum[] {
  const sum = (i: number, of: (s: AgeStratum) => number) => list.reduce((t, l) => t + (l[i] ? of(l[i]) : 0), 0);
  return (list[0] ?? []).map((s, i) => ({ count: sum(i, (x) => x.count), population: sum(i, (x) => x.population), weight: s.weight }));
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
  standardName: Message,
  source: Text,
): { strata: Map<string, AgeStratum[]>; bands: string[]; problems: Map<string, Message> } {
  const rows = obs.filter((o) => o.method === sel.method && o.year === sel.year && o.age !== ALL_AGES && (o.sex === sel.sex || (sel.sex === 'total' && o.sex !== 'total')));
  const bands = [...new Set(rows.map((o) => o.age))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  if (bands.length === 0) throw dataError(msg('standard.no-age-groups'), { file: source }, msg('standard.no-age-groups.hint'));
  const unknown = bands.filter((b) => standard[b] === undefined);
  if (unknown.length)
    throw dataError(
      msg('standard.unknown-age-groups', { n: unknown.length, bands: unknown.join(', '), standard: standardName }),
      { file: source },
      msg('standard.unknown-age-groups.hint', { standard: standardName, bands: Object.keys(standard).join(', ') }),
    );
  const strata = new Map<string, AgeStratum[]>();
  const problems = new Map<string, Message>();
  for (const r of regions.regions) {
    const mine = rows.filter((o) => o.region === r.code);
    if (!mine.length) continue;
    const list: AgeStratum[] = [];
    for (const band of bands) {
      const inBand = mine.filter((o) => o.age === band);
      if (!inBand.length && !sel.absentIsZero) {
        problems.set(r.code, msg('cell.age-group-absent', { band }));
        break;
      }
      if (inBand.some((o) => o.value === null)) {
        problems.set(r.code, msg('cell.age-group-missing', { band }));
        break;
      }
      const pop = population.get(r.code, sel.year, sel.sex, band);
      if (pop === undefined) {
        throw populationError(
          msg('standard.population-missing', { source: population.label, region: `${r.name} (${r.code})`, band, year: sel.year }),
          msg('standard.population-missing.hint'),
        );
      }
      list.push({ count: inBand.reduce((t, o) => t + (o.value ?? 0), 0), population: pop, weight: standard[band] ?? notInStandard(band) });
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
function addComparisons(rows: RankedRegion[], national: NationalRow, input: RankInput, exact: Map<Row, Ratio>): OverdispersionEstimate | undefined {
  const benchmark = national.rate;
  const funnelTarget = input.funnel || input.overdispersion ? funnelTargetOf(rows, national, input, exact) : null;
  // φ and τ² from every ranked region (crude rates), to adjust the limits or to say that they should be
  const ranked = rows.flatMap((r) => (r.rate !== null && r.count !== null && !input.hiddenRegions?.has(r.region_code) ? [{ count: r.count, population: r.population }] : []));
  const dispersion =
    funnelTarget !== null && !input.strata && ranked.length >= 2
      ? estimateOverdispersion(ranked.map((r) => ({ observed: r.count, expected: funnelTarget * r.population })))
      : undefined;
  const adjustment = input.overdispersion && dispersion ? { kind: input.overdispersion, ...dispersion } : undefined;
  const [level95, level998] = FUNNEL_LEVELS;
  for (const r of rows) {
    // A row with a rate has its count and interval too.
    if (r.rate === null || r.count === null || r.rate_lower === null || r.rate_upper === null || benchmark === null || benchmark === 0) {
      Object.assign(r, { ratio_to_national: null, vs_national: null, ...(input.funnel ? { funnel: null } : {}) });
      continue;
    }
    r.ratio_to_national = r.rate / benchmark;
    r.vs_national = compareWithBenchmark(r.rate_lower, r.rate_upper, benchmark);
    if (funnelTarget === null) continue;
    const count = r.count;
    // a DSR's funnel sits at the population it implies (count ÷ DSR × per), as in PHE's funnels
    const pop = input.strata ? (count / r.rate) * input.per : r.population;
    if (adjustment) {
      // Spiegelhalter's adjusted limits on O/E, as rates
      const asRates = (level: number): Interval => {
        const l = overdispersedRatioLimits(funnelTarget * pop, level, adjustment);
        return { lower: l.lower * funnelTarget * input.per, upper: l.upper * funnelTarget * input.per };
      };
      const l95 = asRates(level95);
      const l998 = asRates(level998);
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
function funnelTargetOf(rows: RankedRegion[], national: NationalRow, input: RankInput, exact: Map<Row, Ratio>): number | null {
  if (input.strata) {
    const units = rows.flatMap((r) => {
      const ratio = exact.get(r);
      return r.rate !== null && r.count !== null && r.count > 0 && ratio ? [{ count: r.count, rate: ratio.numerator * input.per }] : [];
    });
    return units.length ? dsrFunnelTarget(units, input.per) : null;
  }
  const n = exact.get(national);
  return n && n.numerator > 0 ? n.numerator / n.denominator : null;
}

/** A confidence level as a percentage, for messages ({level:g}%): 0.95 → 95, 0.998 → 99.8. */
export function levelPercent(level: number): number {
  return Math.round(level * 1000) / 10;
}
