import { crudeRate } from '../stats/rate.js';
import { growth } from '../stats/growth.js';
import { logLinearFit } from '../stats/trend.js';
import type { Observation } from './observation.js';
import type { PopulationTable } from './population.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from './regions.js';
import { nationalCount, selectCounts } from './select.js';

/** One year of a series: the count, and with a population its rate and exact interval. */
export interface SeriesPoint {
  year: number;
  /** null when the data lacks the year (never filled with zero). */
  count: number | null;
  population?: number;
  rate?: number | null;
  rateLower?: number | null;
  rateUpper?: number | null;
}

/** A series of one region (or Riket) and one method over the years it is asked for. */
export interface Series {
  code: string;
  name: string;
  method: string;
  points: SeriesPoint[];
}

/** Whole-span figures of a series: CAGR from the first to the last known year and the log-linear fit. */
export interface SpanSummary {
  firstYear: number | null;
  firstValue: number | null;
  lastYear: number | null;
  lastValue: number | null;
  cagrPct: number | null;
  fittedGrowthPct: number | null;
  doublingYears: number | null;
}

/**
 * Which series a national trend means: the regions asked for; else, when the input holds one
 * region's rows and no Riket rows, that region (its series is not Riket's); else Riket.
 */
export function seriesSubjects(obs: readonly Observation[], regions: RegionIndex, selected: readonly Region[]): Region[] {
  if (selected.length) return [...selected];
  const codes = new Set(obs.map((o) => o.region));
  if (!codes.has(NATIONAL_CODE) && codes.size === 1) {
    const [code] = codes;
    const only = code === undefined ? undefined : regions.byScbCode(code);
    if (only) return [only];
  }
  return [regions.national];
}

/**
 * The counts of one region — or Riket, the sum of the regions or the input's Riket rows — for a
 * method in each year. A year without data is null: a method that starts in 2025 has no 2024.
 */
export function countSeries(obs: readonly Observation[], regions: RegionIndex, region: Region, method: string, years: readonly number[], recordLevel: boolean): Series {
  const points = years.map((year) => ({
    year,
    count:
      region.code === NATIONAL_CODE
        ? nationalCount(obs, regions, method, year, 'total', recordLevel)
        : (selectCounts(obs, { method, year, sex: 'total', absentIsZero: recordLevel }).get(region.code)?.value ?? null),
  }));
  return { code: region.code, name: region.name, method, points };
}

/** The series with its population, rate per `per` and exact Poisson interval each year (population missing is an error). */
export function withRates(series: Series, population: PopulationTable, per: number, level = 0.95): Series {
  return {
    ...series,
    points: series.points.map((p) => {
      const pop = population.require(series.code, p.year);
      if (p.count === null) return { ...p, population: pop, rate: null, rateLower: null, rateUpper: null };
      const r = crudeRate(p.count, pop, per, level, 'exact');
      return { ...p, population: pop, rate: r.rate, rateLower: r.lower, rateUpper: r.upper };
    }),
  };
}

/** The values a summary is taken over: rates when the series has them, else counts. */
export function seriesValues(series: Series): { year: number; value: number | null }[] {
  return series.points.map((p) => ({ year: p.year, value: p.rate !== undefined ? p.rate : p.count }));
}

/**
 * CAGR first → last known year, and the least-squares fit of ln(value) on year (annual growth
 * e^b − 1, doubling time ln 2 / b). The fit needs every known value positive and two or more.
 */
export function spanSummary(values: readonly { year: number; value: number | null }[]): SpanSummary {
  const known = values.filter((p): p is { year: number; value: number } => p.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const cagr = first && last && last.year > first.year ? growth(first.value, last.value, first.year, last.year).cagrPct : null;
  const positive = known.filter((p) => p.value > 0);
  const fit =
    positive.length >= 2 && positive.length === known.length
      ? logLinearFit(
          positive.map((p) => p.year),
          positive.map((p) => p.value),
        )
      : undefined;
  return {
    firstYear: first?.year ?? null,
    firstValue: first?.value ?? null,
    lastYear: last?.year ?? null,
    lastValue: last?.value ?? null,
    cagrPct: cagr,
    fittedGrowthPct: fit?.annualGrowthPct ?? null,
    doublingYears: fit?.doublingYears ?? null,
  };
}
