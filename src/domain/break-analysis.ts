import { dataError, usageError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';
import { rateRatio, type RateRatio } from '../stats/rate-ratio.js';
import { MIN_YEARS_EACH_SIDE, segmentedPoisson, type BreakPoint, type SegmentedFit } from '../stats/segmented-poisson.js';
import { segmentedPoissonVsRest, type ComparativeSegmentedFit } from '../stats/segmented-poisson-vs-rest.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import type { Observation } from './observation.js';
import type { PopulationTable } from './population.js';
import { completeNationalCount } from './select.js';
import { withRates, type Series } from './trend-series.js';

/** A break analysis of one series: alone, or against the rest of the country. */
export type BreakResult =
  | { kind: 'alone'; breakYear: number; fit: SegmentedFit; points: BreakPoint[] }
  | { kind: 'vs-rest'; breakYear: number; fit: ComparativeSegmentedFit; points: BreakPoint[]; rest: BreakPoint[]; ratios: (RateRatio | null)[] };

/**
 * The years, counts and populations a break model needs: every year known, the break inside
 * the span with at least three years on each side — else an error that says which years work.
 */
export function breakPoints(series: Series, breakYear: number, source: Text): BreakPoint[] {
  const missing = series.points.filter((p) => p.count === null).map((p) => p.year);
  if (missing.length) {
    throw dataError(
      msg('break.missing-count', { series: series.name, method: series.method || msg('break.count'), years: missing.join(', ') }),
      { file: source },
      msg('break.missing-count.hint'),
    );
  }
  const years = series.points.map((p) => p.year);
  const before = years.filter((y) => y < breakYear).length;
  const after = years.length - before;
  if (before < MIN_YEARS_EACH_SIDE || after < MIN_YEARS_EACH_SIDE) {
    const first = years[MIN_YEARS_EACH_SIDE];
    const last = years[years.length - MIN_YEARS_EACH_SIDE];
    throw usageError(
      msg('break.too-few-years', { year: breakYear, before, after, span: `${years[0]}–${years[years.length - 1]}`, min: MIN_YEARS_EACH_SIDE }),
      first !== undefined && last !== undefined && first <= last
        ? msg('break.can-be.hint', { years: `${first}${last > first ? `–${last}` : ''}` })
        : msg('break.series-too-short.hint', { n: years.length, min: 2 * MIN_YEARS_EACH_SIDE }),
    );
  }
  return series.points.map((p) => {
    // Every count was checked above; the population is there when the series has rates (withRates).
    if (p.count === null || p.population === undefined) throw new Error(`breakPoints: ${series.name} ${p.year} lacks its count or population`);
    return { year: p.year, count: p.count, population: p.population };
  });
}

/** Segmented Poisson regression of the series at the break year. */
export function breakAlone(series: Series, breakYear: number, source: Text): BreakResult {
  const points = breakPoints(series, breakYear, source);
  return { kind: 'alone', breakYear, fit: segmentedPoisson(points, breakYear), points };
}

/**
 * The region against the rest of the country (Riket minus the region, counts and population)
 * in one interacted model, with each year's rate ratio region/rest and its exact interval.
 */
export function breakVsRest(series: Series, national: Series, breakYear: number, source: Text): BreakResult {
  const points = breakPoints(series, breakYear, source);
  const whole = breakPoints(national, breakYear, source);
  // The two series cover the same years (both are the trend's years).
  const rest = whole.map((w, i) => ({ year: w.year, count: w.count - (points[i]?.count ?? NaN), population: w.population - (points[i]?.population ?? NaN) }));
  const bad = rest.find((r) => r.count < 0 || !(r.population > 0));
  if (bad) throw dataError(msg('break.riket-smaller', { year: bad.year, name: series.name }), { file: source }, msg('break.riket-smaller.hint'));
  const ratios = points.map((p, i) => {
    const r = rest[i];
    return r && r.count > 0 && Number.isInteger(p.count) && Number.isInteger(r.count) ? rateRatio(p.count, p.population, r.count, r.population) : null;
  });
  return { kind: 'vs-rest', breakYear, fit: segmentedPoissonVsRest(points, rest, breakYear), points, rest, ratios };
}

/** Riket's series for --vs rest: the input's Riket rows or all 21 regions, never the sum of a few. */
export function nationalSeries(
  obs: readonly Observation[],
  regions: RegionIndex,
  method: string,
  years: readonly number[],
  population: PopulationTable,
  per: number,
  recordLevel: boolean,
  source: Text,
): Series {
  const points = years.map((year) => {
    const count = completeNationalCount(obs, regions, method, year, recordLevel);
    if (count === null) throw dataError(msg('break.no-national-count', { year }), { file: source }, msg('break.no-national-count.hint'));
    return { year, count };
  });
  return withRates({ code: NATIONAL_CODE, name: regions.national.name, method, points }, population, per);
}
