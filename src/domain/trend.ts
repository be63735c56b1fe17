import { dataError, usageError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';
import { growth } from '../stats/growth.js';
import { nationalSeries, type BreakResult } from './break-analysis.js';
import type { Protected, Row, Value } from './cells.js';
import type { Observation } from './observation.js';
import type { PopulationTable } from './population.js';
import type { Made } from './provenance.js';
import { ruleActive, type PublishRule } from './publish.js';
import { breakOnShown, protectSeries, restCounts, type ProtectedSeries, type SeriesTotal } from './publish-trend.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from './regions.js';
import { methodsOf, resolveMethod, yearsOf } from './select.js';
import { countSeries, seriesSubjects, seriesValues, spanSummary, withRates, type Series, type SeriesPoint, type SpanSummary } from './trend-series.js';

/**
 * One year of one series, keyed by the documented machine keys: the count and the change from
 * the year before; with a population also `population`, `rate`, `rate_lower`, `rate_upper`; with
 * a break model the fitted and counterfactual values (and with --vs rest the rest of Sweden and
 * the rate ratio). A publishing rule may blank any count or figure computed from it (null).
 */
export type SeriesRow = Row & {
  /** "series": the row's part of trend's CSV (summary and break rows follow it there). */
  part: string;
  region_code: string;
  region: string;
  method: string;
  year: number;
  count: number | null;
  change: number | null;
  change_pct: number | null;
};

/** Whether a trend summarises counts or (--per-capita) rates. */
export type TrendMeasure = 'count' | 'rate';

/** One series with its whole-span summary and the years a publishing rule hides in it. */
export interface SummarisedSeries {
  series: Series;
  summary: SpanSummary;
  hiddenYears: ReadonlySet<number>;
}

/** A line of a span table (--by region, --by method): a series summarised, with its first and last year as shown. */
export interface SpanLine extends SummarisedSeries {
  /** The first and last year with data; a year the rule hides counts (it shows the marker). */
  first?: SeriesPoint;
  last?: SeriesPoint;
  /** With a rule: the status of the first and last count (`missing` when the series has none). */
  firstStatus?: Value;
  lastStatus?: Value;
}

/** What every trend result has: the measure, the publishing rule, the notes on the data and how the figures were made. */
interface TrendCommon {
  measure: TrendMeasure;
  per: number;
  rule: PublishRule;
  /** The year-by-year rows as published (JSON's `series`). */
  rows: SeriesRow[];
  /** The data and population notes (with --by region, what the table is first). */
  notes: Text[];
  /** What the rule adds under the table (suppression, rounding). */
  ruleNotes: Text[];
  made: Made;
}

/**
 * One line per region or per method (`trend --by region|method`): each series' first and last
 * year, CAGR, fitted growth and doubling time. `apart` holds Riket for comparison under chosen regions.
 */
export interface TrendSpanResult extends TrendCommon {
  kind: 'span';
  by: 'region' | 'method';
  /** --by region: the method's name and the years; --by method: the region's name. */
  name: Text;
  firstYear?: number;
  lastYear?: number;
  lines: SpanLine[];
  apart: SpanLine[];
}

/**
 * The year-by-year series of Riket or of the regions asked for, each summarised, and with
 * --break the segmented regression of the one series (`analysis`, on `modelled`: the years it used).
 */
export interface TrendSeriesResult extends TrendCommon, Protected {
  kind: 'series';
  name: Text;
  /** The regions (or Riket) whose series these are. */
  subjects: string[];
  firstYear: number;
  lastYear: number;
  /** Whether the rows have the population, rate and interval. */
  rated: boolean;
  series: SummarisedSeries[];
  analysis?: BreakResult;
  /** The series the model was fitted to (the shown years), for the chart. */
  modelled?: Series;
}

export type TrendResult = TrendSpanResult | TrendSeriesResult;

/** What computeTrend needs: the observations, what was asked for, and the population (for rates or a break). */
export interface TrendInput {
  observations: readonly Observation[];
  regions: RegionIndex;
  selected: readonly Region[];
  recordLevel: boolean;
  /** The input, for errors (a file name, or the bundled dataset in the output's language). */
  source: Text;
  by: 'nation' | 'region' | 'method';
  /** --method as given. */
  method?: string;
  from?: number;
  to?: number;
  /** For rates (--per-capita) and for a break model: each year's population, rate and interval. */
  population?: PopulationTable;
  /** What the summaries are of: the counts, or (--per-capita) the rates. */
  measure: TrendMeasure;
  per: number;
  breakYear?: number;
  vs?: 'rest';
  rule: PublishRule;
  /** The data and population notes, asked for once the rates are computed (they name the sources used). */
  label: () => Text[];
  /** How the figures over these years were made. */
  made: (years: number[]) => Made;
}

/** Year-on-year rows for one series: count, change and percent change (and the rate when it has one). Pure. */
export function seriesRows(series: Series): SeriesRow[] {
  const known = series.points;
  return known.map((p, i) => {
    const prev = known[i - 1];
    const g = prev && prev.count !== null && p.count !== null ? growth(prev.count, p.count, prev.year, p.year) : undefined;
    const row: SeriesRow = {
      part: 'series',
      region_code: series.code,
      region: series.name,
      method: series.method,
      year: p.year,
      count: p.count,
      change: g?.change ?? null,
      change_pct: g?.changePct ?? null,
    };
    if (p.population !== undefined) Object.assign(row, { population: p.population, rate: p.rate ?? null, rate_lower: p.rateLower ?? null, rate_upper: p.rateUpper ?? null });
    return row;
  });
}

/**
 * A trend as published: the series asked for (Riket, regions or methods), the year-by-year rows
 * with the rule applied, each series summarised, and with --break the model. Stops with a
 * usage or data error when the question or the data does not allow an answer. Pure apart from
 * the population lookups.
 */
export function computeTrend(input: TrendInput): TrendResult {
  const { observations: obs, regions, selected, population, per, rule, source } = input;
  const inRange = (y: number) => (input.from === undefined || y >= input.from) && (input.to === undefined || y <= input.to);
  const measure = input.measure;
  const counts = (region: Region, method: string, years: number[]): Series => countSeries(obs, regions, region, method, years, input.recordLevel);
  const rated = (s: Series): Series => (population ? withRates(s, population, per) : s);
  // The rule on series of true counts: rows, rates and sums from the counts as shown (README "Publishing").
  const protect = (list: Series[], total: SeriesTotal, vsRest = false): ProtectedSeries<SeriesRow> =>
    protectSeries(list, rule, total, (shown) => {
      const rows = shown.map(rated).flatMap(seriesRows);
      // Cells computed later (the rest of Sweden, the ratio) are named now, so a hidden year marks them.
      if (vsRest && ruleActive(rule)) for (const r of rows) Object.assign(r, { rest_count: null, rest_rate: null, rate_ratio: null, ratio_lower: null, ratio_upper: null });
      return rows;
    });
  const common = (guarded: ProtectedSeries<SeriesRow>) => ({
    measure,
    per,
    rule,
    rows: guarded.rows,
    ruleNotes: guarded.table.notes,
  });

  if (input.by === 'method') {
    const subjects = seriesSubjects(obs, regions, selected);
    if (subjects.length > 1) throw usageError(msg('option.by-method-one-region'), msg('option.pass-one-region.hint'));
    const [subject] = subjects;
    if (!subject) throw new Error('seriesSubjects gives at least Riket');
    const methods = input.method ? [resolveMethod(obs, input.method, source)] : methodsOf(obs);
    const all = methods.map((m) => counts(subject, m, yearsOf(obs, m).filter(inRange)));
    // Each method over its own years: one that starts in 2025 starts there.
    const present = all.filter((s) => s.points.some((p) => p.count !== null));
    if (present.length === 0) throw dataError(msg('trend.no-counts-in-range'), { file: source }, msg('trend.check-range.hint'));
    // Every method together is the subject's count of all treatments, which share --by method publishes.
    const guarded = protect(present, input.method ? { kind: 'none' } : { kind: 'known-sum' });
    const lines = spanLines(guarded.shown.map(rated), guarded, rule);
    return {
      kind: 'span',
      by: 'method',
      name: subject.name,
      lines,
      apart: [],
      ...common(guarded),
      notes: input.label(),
      made: input.made(present.flatMap((s) => s.points.map((p) => p.year))),
    };
  }

  const methods = methodsOf(obs);
  if (!input.method && methods.length > 1) throw usageError(msg('option.which-method'), msg('select.methods-in-data.hint', { methods }));
  const method = input.method ? resolveMethod(obs, input.method, source) : (methods[0] ?? '');
  const name: Text = method || input.method || msg('trend.treatments');
  const years = yearsOf(obs, method).filter(inRange);
  const [firstYear] = years;
  const lastYear = years[years.length - 1];
  if (firstYear === undefined || lastYear === undefined || years.length < 2)
    throw dataError(msg('trend.too-few-years', { name }), { file: source }, msg('trend.too-few-years.hint'));
  const coversRegions = (codes: readonly string[]) => regions.regions.every((r) => codes.includes(r.code));

  if (input.by === 'region') {
    const codes = new Set(selected.map((r) => r.code));
    const all = regions.regions.filter((r) => codes.size === 0 || codes.has(r.code)).map((r) => counts(r, method, years));
    const present = all.filter((s) => s.points.some((p) => p.count !== null));
    if (present.length === 0) throw dataError(msg('trend.no-regional-counts', { name }), { file: source }, msg('trend.national-only.hint'));
    // Riket for comparison under the chosen regions, when the data gives it.
    const national = selected.length && !codes.has(NATIONAL_CODE) ? counts(regions.national, method, years) : undefined;
    const apart = national && national.points.every((p) => p.count !== null) ? [national] : [];
    // All 21 regions add up to Riket, which trend publishes (and prints here when asked).
    const total: SeriesTotal = coversRegions(all.map((s) => s.code)) ? { kind: 'known-sum', ...(apart.length ? { totalIndex: present.length } : {}) } : { kind: 'none' };
    const guarded = protect([...present, ...apart], total);
    const lines = spanLines(guarded.shown.map(rated), guarded, rule);
    return {
      kind: 'span',
      by: 'region',
      name,
      firstYear,
      lastYear,
      lines: lines.slice(0, lines.length - apart.length),
      apart: lines.slice(lines.length - apart.length),
      ...common(guarded),
      notes: [msg('note.trend-by-region'), ...input.label()],
      made: input.made(years),
    };
  }

  const subjects = seriesSubjects(obs, regions, selected);
  const trueSeries = subjects.map((r) => counts(r, method, years));
  const empty = trueSeries.filter((s) => s.points.every((p) => p.count === null));
  if (empty.length) {
    const present = [...new Set(obs.filter((o) => o.method === method).map((o) => o.region))].sort().map((c) => regions.byScbCode(c)?.name ?? c);
    throw dataError(
      msg('trend.no-counts-for-regions', { name, regions: empty.map((s) => s.name) }),
      { file: source },
      msg('trend.regions-with-counts.hint', { name, regions: present.length ? present : msg('select.none') }),
    );
  }
  if (input.breakYear !== undefined && trueSeries.length !== 1) throw usageError(msg('option.break-one-at-a-time'), msg('option.one-region-or-riket.hint'));
  // With --break there is one series (checked above), and a population (loaded for --break).
  const [firstTrue] = trueSeries;
  if (input.vs === 'rest' && firstTrue?.code === NATIONAL_CODE) throw usageError(msg('option.vs-rest-region'), msg('option.pass-one-region.hint'));
  const vsRest = input.breakYear !== undefined && input.vs === 'rest' && population !== undefined && firstTrue !== undefined;
  const nationalTrue = vsRest ? nationalSeries(obs, regions, method, years, population, per, input.recordLevel, source) : undefined;
  const codes = trueSeries.map((s) => s.code);
  const seriesTotal: SeriesTotal =
    nationalTrue && firstTrue
      ? { kind: 'with-rest', rest: restCounts(firstTrue, nationalTrue) }
      : coversRegions(codes)
        ? { kind: 'known-sum', ...(codes.includes(NATIONAL_CODE) ? { totalIndex: codes.indexOf(NATIONAL_CODE) } : {}) }
        : { kind: 'none' };
  const guarded = protect(trueSeries, seriesTotal, vsRest);
  const series = guarded.shown.map(rated);
  const [first] = series;
  const modelled =
    input.breakYear !== undefined && first
      ? breakOnShown(first, guarded.hiddenYears[0] ?? new Set(), input.breakYear, rule, nationalTrue, source, {
          break: `--break ${input.breakYear}`,
          rule: `--suppress ${rule.suppress}`,
        })
      : undefined;
  const analysis = modelled?.analysis;
  // Each series with its summary and the years the rule hides in it.
  const summarised = series.map((s, i) => ({ series: s, summary: spanSummary(seriesValues(s)), hiddenYears: guarded.hiddenYears[i] ?? new Set<number>() }));
  const notes = input.label();
  if (analysis) addBreakColumns(guarded.rows, analysis, per);
  return {
    kind: 'series',
    name,
    subjects: subjects.map((r) => r.name),
    firstYear,
    lastYear,
    rated: population !== undefined,
    series: summarised,
    ...(analysis ? { analysis } : {}),
    ...(modelled ? { modelled: modelled.series } : {}),
    ...common(guarded),
    ...(guarded.table.hidden ? { hidden: guarded.table.hidden } : {}),
    ...(guarded.table.statusKeys ? { statusKeys: guarded.table.statusKeys } : {}),
    notes,
    made: input.made(years),
  };
}

/** The lines of a span table from the series as shown: each summarised, with its first and last year and their status. */
function spanLines(series: readonly Series[], guarded: ProtectedSeries<SeriesRow>, rule: PublishRule): SpanLine[] {
  const active = ruleActive(rule);
  return series.map((s, i) => {
    const hiddenYears: ReadonlySet<number> = guarded.hiddenYears[i] ?? new Set();
    // First and last year with data: a hidden one shows the marker, not the next shown year.
    const first = s.points.find((p) => p.count !== null || hiddenYears.has(p.year));
    const last = [...s.points].reverse().find((p) => p.count !== null || hiddenYears.has(p.year));
    const statusOf = (year: number | undefined): Value => {
      if (year === undefined) return 'missing';
      return guarded.rows.find((r) => r.region_code === s.code && r.method === s.method && r.year === year)?.count_status ?? 'shown';
    };
    return {
      series: s,
      summary: spanSummary(seriesValues(s)),
      hiddenYears,
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      ...(active ? { firstStatus: statusOf(first?.year), lastStatus: statusOf(last?.year) } : {}),
    };
  });
}

/** Fitted values and the counterfactual (counts and rates), and with --vs rest the rest and the rate ratio, on each series row. */
function addBreakColumns(rows: readonly SeriesRow[], a: BreakResult, per: number): void {
  const fit = a.kind === 'alone' ? a.fit : a.fit.region;
  // By year: a year left out of the model (hidden by --suppress) has no fitted values.
  const index = new Map(a.points.map((p, i) => [p.year, i]));
  rows.forEach((row) => {
    const i = index.get(row.year);
    if (i === undefined) return;
    // The model gives a fitted and a counterfactual value for each of its points.
    const point = a.points[i];
    const fitted = fit.fitted[i];
    const counterfactual = fit.counterfactual[i];
    if (!point || fitted === undefined || counterfactual === undefined) return;
    const pop = point.population;
    Object.assign(row, {
      fitted,
      counterfactual,
      fitted_rate: (fitted / pop) * per,
      counterfactual_rate: (counterfactual / pop) * per,
    });
    const rest = a.kind === 'vs-rest' ? a.rest[i] : undefined;
    if (a.kind === 'vs-rest' && rest) {
      const rr = a.ratios[i];
      Object.assign(row, {
        rest_count: rest.count,
        rest_population: rest.population,
        rest_rate: (rest.count / rest.population) * per,
        rate_ratio: rr?.ratio ?? null,
        ratio_lower: rr?.lower ?? null,
        ratio_upper: rr && Number.isFinite(rr.upper) ? rr.upper : null,
      });
    }
  });
}
