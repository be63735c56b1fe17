import type { BreakResult } from '../domain/break-analysis.js';
import type { Row } from '../domain/cells.js';
import { HIDDEN_MARKER, ruleActive, type PublishRule } from '../domain/publish.js';
import type { SeriesRow, SpanLine, TrendMeasure, TrendResult, TrendSeriesResult, TrendSpanResult } from '../domain/trend.js';
import { seriesValues, type Series, type SpanSummary } from '../domain/trend-series.js';
import { msg, type Message, type Text } from '../messages/index.js';
import { sparkline } from '../stats/trend.js';
import type { RatioEstimate } from '../stats/wald-ratio.js';
import { breakChart } from './break-chart.js';
import { breakSentences } from './break-text.js';
import { intervalColumns, statusColumns } from './columns.js';
import { localText } from './localise.js';
import type { Column, Format, Lang, ResultRow, ResultTable } from './model.js';

/**
 * A trend as a table: one line per region or method (--by region|method), or the year-by-year
 * series with their summaries under them. JSON prints a document {series, summary[, break]};
 * CSV, TSV and xlsx carry the summary (and break) statistics as rows after the series.
 */
export function trendTable(r: TrendResult, format: Format): ResultTable {
  if (r.kind === 'span') return spanTable(r);
  const table = seriesTable(r);
  // Rows only machine formats carry (CSV/TSV/xlsx: the summary after the series).
  const machineRows = [...r.series.flatMap(({ series, summary }) => summaryRows(series, summary)), ...(r.analysis && r.series[0] ? breakRows(r.analysis, r.series[0].series) : [])];
  return format === 'csv' || format === 'tsv' || format === 'xlsx' ? { ...table, rows: [...table.rows, ...machineRows] } : table;
}

/** The title of a trend. */
export function trendTitle(r: TrendResult): Text {
  if (r.kind === 'series') return msg('title.trend', { name: r.name, regions: r.subjects, span: span(r.firstYear, r.lastYear) });
  return r.by === 'method' ? msg('title.trend-by-method', { region: r.name }) : msg('title.trend-by-region', { name: r.name, span: span(r.firstYear, r.lastYear) });
}

/** The one series of a trend as an SVG chart (with a break: the fitted segments and the pre-break trend continued); undefined when it has several. */
export function trendChart(r: TrendSeriesResult, lang: Lang): string | undefined {
  // A hidden year has no point: left out of the model's series, or a gap in the plain one.
  const chartSeries = r.modelled ?? r.series[0]?.series;
  if (r.series.length !== 1 || !chartSeries) return undefined;
  return breakChart(chartSeries, r.analysis, r.per, localText(trendTitle(r), lang), lang) + '\n';
}

const span = (first: number | undefined, last: number | undefined) => `${String(first)}–${String(last)}`;

/** The year-by-year table: the series rows, the summaries and the break in the notes. */
function seriesTable(r: TrendSeriesResult): ResultTable {
  const several = r.series.length > 1;
  const analysis = r.analysis;
  const notes: Text[] = [];
  for (const { series: s, summary, hiddenYears } of r.series) {
    const values = seriesValues(s).map((p) => p.value);
    notes.push(`${several ? `${s.name}: ` : ''}${sparkline(values)}  ${span(r.firstYear, r.lastYear)}`);
    notes.push(...summaryLines(summary, r.measure, values.filter((v) => v !== null).length));
    const why = missingGrowthNote(s.name, seriesValues(s), summary, hiddenYears);
    if (why) notes.push(why);
    const left = hiddenNote(several ? s.name : '', hiddenYears, r.rule, !!analysis);
    if (left) notes.push(left);
  }
  const [first] = r.series;
  if (analysis && first) notes.push(...breakSentences(analysis, first.series.name));
  notes.push(...r.notes);
  const rateColumns: Column[] = r.rated
    ? [
        { key: 'population', header: msg('header.population'), type: 'integer' },
        { key: 'rate', header: msg('header.per', { per: r.per }), type: 'rate' },
        ...intervalColumns('rate_lower', 'rate_upper', msg('header.ci', { level: 95 })),
      ]
    : [];
  // With a break the table is wide enough: the year-on-year change stays in CSV/JSON.
  const onlyMachineWithBreak: Pick<Column, 'only'> = analysis ? { only: 'machine' } : {};
  const lowerUpper: Column[] = [
    { key: 'lower', header: msg('header.lower'), type: 'rate', only: 'machine' },
    { key: 'upper', header: msg('header.upper'), type: 'rate', only: 'machine' },
  ];
  return {
    title: trendTitle(r),
    columns: [
      { key: 'part', header: msg('header.part'), type: 'text', only: 'machine' },
      { key: 'region_code', header: msg('header.code'), type: 'text', only: several ? undefined : 'machine' },
      { key: 'region', header: msg('header.region'), type: 'text', only: several ? undefined : 'machine' },
      { key: 'method', header: msg('header.method'), type: 'text', only: 'machine' },
      { key: 'year', header: msg('header.year'), type: 'text' },
      { key: 'count', header: msg('header.count'), type: 'integer' },
      { key: 'change', header: msg('header.change'), type: 'signed-integer', ...onlyMachineWithBreak },
      { key: 'change_pct', header: msg('header.change-pct'), type: 'signed-percent', digits: 1, ...onlyMachineWithBreak },
      ...rateColumns,
      ...(analysis ? breakColumns(analysis, r.per) : []),
      { key: 'statistic', header: msg('header.statistic'), type: 'text', only: 'machine' },
      { key: 'estimate', header: msg('header.estimate'), type: 'rate', only: 'machine' },
      ...(analysis ? lowerUpper : []),
      ...statusColumns(r.statusKeys),
    ],
    rows: r.rows,
    // Machine formats: the summary statistics follow the series rows (part "summary").
    apart: [],
    notes: [...notes, ...r.ruleNotes],
    ...(r.hidden ? { hidden: r.hidden } : {}),
    made: r.made,
    document: {
      series: r.rows.map(withoutPart),
      summary: r.series.map(({ series, summary }) => summaryObject(series, summary, r.measure)),
      ...(analysis ? { break: breakObject(analysis) } : {}),
    },
  };
}

/** One line per series (region or method): first and last year, CAGR, fitted growth, doubling time, sparkline. */
function spanTable(r: TrendSpanResult): ResultTable {
  const by = r.by;
  const active = ruleActive(r.rule);
  const hidden = new Map<ResultRow, Set<string>>();
  const rowOf = (line: SpanLine): ResultRow => {
    const { series: s, summary: sum, hiddenYears: gone, first, last } = line;
    const values = seriesValues(s);
    const row: ResultRow = {
      region_code: s.code,
      region: s.name,
      method: s.method,
      first_year: first?.year ?? null,
      first_count: first?.count ?? null,
      last_year: last?.year ?? null,
      last_count: last?.count ?? null,
      cagr_pct: sum.cagrPct,
      fitted_growth_pct: sum.fittedGrowthPct,
      doubling_years: sum.doublingYears,
      series: values.map((p) => (gone.has(p.year) ? HIDDEN_MARKER : p.value === null ? '' : r.measure === 'rate' ? (Math.round(p.value * 10) / 10).toString() : p.value)).join(' '),
      spark: sparkline(values.map((p) => p.value)),
    };
    if (active) {
      row.first_count_status = line.firstStatus ?? null;
      row.last_count_status = line.lastStatus ?? null;
      const keys = new Set([...(first && gone.has(first.year) ? ['first_count'] : []), ...(last && gone.has(last.year) ? ['last_count'] : [])]);
      if (keys.size) hidden.set(row, keys);
    }
    return row;
  };
  const rows = r.lines.map(rowOf);
  const apart = r.apart.map(rowOf);
  const all = [...r.lines, ...r.apart];
  const label = (s: Series): Text => (by === 'method' ? s.method || msg('trend.treatments') : s.name);
  const why = all.map((l) => missingGrowthNote(label(l.series), seriesValues(l.series), l.summary, l.hiddenYears)).filter((n) => n !== undefined);
  const left = all.map((l) => hiddenNote(label(l.series), l.hiddenYears, r.rule, false)).filter((n) => n !== undefined);
  const statusColumnsOfSpan: Column[] = [
    { key: 'first_count_status', header: msg('header.first-count-status'), type: 'text', only: 'machine' },
    { key: 'last_count_status', header: msg('header.last-count-status'), type: 'text', only: 'machine' },
  ];
  return {
    title: trendTitle(r),
    columns: [
      { key: 'region_code', header: msg('header.code'), type: 'text', only: by === 'method' ? 'machine' : undefined },
      { key: 'region', header: msg('header.region'), type: 'text', only: by === 'method' ? 'machine' : undefined },
      { key: 'method', header: msg('header.method'), type: 'text', only: by === 'region' ? 'machine' : undefined },
      { key: 'first_year', header: msg('header.from'), type: 'text' },
      { key: 'first_count', header: msg('header.first-count'), type: 'integer' },
      { key: 'last_year', header: msg('header.to'), type: 'text' },
      { key: 'last_count', header: msg('header.last-count'), type: 'integer' },
      { key: 'spark', header: msg('header.trend'), type: 'text', only: 'table' },
      { key: 'cagr_pct', header: msg(r.measure === 'rate' ? 'header.cagr-of-rate' : 'header.cagr'), type: 'signed-percent', digits: 1 },
      { key: 'fitted_growth_pct', header: msg('header.fitted'), type: 'signed-percent', digits: 1 },
      { key: 'doubling_years', header: msg('header.doubling-years'), type: 'rate', empty: '' },
      { key: 'series', header: msg('header.series'), type: 'text', only: 'machine' },
      ...(active ? statusColumnsOfSpan : []),
    ],
    rows,
    apart,
    notes: [...why, ...left, ...r.notes, ...r.ruleNotes],
    ...(hidden.size ? { hidden } : {}),
    made: r.made,
    document: {
      series: r.rows.map(withoutPart),
      summary: all.map((l) => summaryObject(l.series, l.summary, r.measure)),
    },
  };
}

/** A series row as JSON's `series` gives it: the part is said by where it is. */
function withoutPart(row: SeriesRow): Row {
  const copy: Row = { ...row };
  delete copy.part;
  return copy;
}

/** The summary of one series as JSON keys. */
function summaryObject(series: Series, s: SpanSummary, measure: TrendMeasure): ResultRow {
  return {
    region_code: series.code,
    region: series.name,
    method: series.method,
    measure,
    first_year: s.firstYear,
    first_value: s.firstValue,
    last_year: s.lastYear,
    last_value: s.lastValue,
    cagr_pct: s.cagrPct,
    fitted_growth_pct: s.fittedGrowthPct,
    doubling_years: s.doublingYears,
  };
}

/** The three summary statistics as CSV rows (part "summary"). */
function summaryRows(series: Series, s: SpanSummary): ResultRow[] {
  const stat = (statistic: string, estimate: number | null): ResultRow => ({
    part: 'summary',
    region_code: series.code,
    region: series.name,
    method: series.method,
    statistic,
    estimate,
  });
  return [stat('cagr_pct', s.cagrPct), stat('fitted_growth_pct', s.fittedGrowthPct), stat('doubling_years', s.doublingYears)];
}

/** Why a series has no CAGR or fitted growth, when it has none: never a blank without a reason. */
function missingGrowthNote(label: Text, values: readonly { year: number; value: number | null }[], s: SpanSummary, hidden: ReadonlySet<number>): Message | undefined {
  if (s.cagrPct !== null && s.fittedGrowthPct !== null) return undefined;
  const zero = values.find((p) => p.value === 0);
  if (zero) return msg(s.cagrPct === null ? 'note.trend-zero-cagr' : 'note.trend-zero', { label, year: zero.year });
  if (values.filter((p) => p.value !== null).length < 2) return msg(hidden.size ? 'note.trend-too-few-shown' : 'note.trend-too-few', { label });
  return undefined;
}

/** "CAGR 2009–2015: +12% per year." and the fit, for the notes under a human table. */
function summaryLines(s: SpanSummary, measure: TrendMeasure, points: number): Message[] {
  // One decimal, as the table shows them.
  const pct = (v: number) => msg('percent.signed', { sign: v >= 0 ? '+' : '', value: Math.round(v * 10) / 10 });
  const rate = measure === 'rate';
  const out: Message[] = [];
  if (s.cagrPct !== null) out.push(msg(rate ? 'note.trend-cagr-rate' : 'note.trend-cagr', { from: s.firstYear ?? '–', to: s.lastYear ?? '–', pct: pct(s.cagrPct) }));
  if (s.fittedGrowthPct !== null) {
    const fit = { n: points, pct: pct(s.fittedGrowthPct) };
    out.push(
      s.doublingYears !== null
        ? msg(rate ? 'note.trend-fit-rate-doubling' : 'note.trend-fit-doubling', { ...fit, years: Math.round(s.doublingYears * 10) / 10 })
        : msg(rate ? 'note.trend-fit-rate' : 'note.trend-fit', fit),
    );
  }
  return out;
}

/** The years a series leaves out under --suppress, in one note. */
function hiddenNote(label: Text, hidden: ReadonlySet<number>, rule: PublishRule, model: boolean): Message | undefined {
  if (!hidden.size) return undefined;
  const years = [...hidden].sort((a, b) => a - b).join(', ');
  const what = { years, marker: HIDDEN_MARKER, threshold: rule.suppress };
  if (label === '') return msg(model ? 'note.trend-hidden-model' : 'note.trend-hidden', what);
  return msg(model ? 'note.trend-hidden-model-of' : 'note.trend-hidden-of', { label, ...what });
}

function breakColumns(a: BreakResult, per: number): Column[] {
  const cols: Column[] = [
    { key: 'fitted', header: msg('header.fitted-count'), type: 'rate', only: 'machine' },
    { key: 'counterfactual', header: msg('header.counterfactual-count'), type: 'rate', only: 'machine' },
    { key: 'fitted_rate', header: msg('header.fitted'), type: 'rate' },
    { key: 'counterfactual_rate', header: msg('header.no-break'), type: 'rate' },
  ];
  if (a.kind === 'vs-rest') {
    cols.push(
      { key: 'rest_count', header: msg('header.rest-count'), type: 'integer', only: 'machine' },
      { key: 'rest_population', header: msg('header.rest-population'), type: 'integer', only: 'machine' },
      { key: 'rest_rate', header: msg('header.rest-per', { per }), type: 'rate' },
      { key: 'rate_ratio', header: msg('header.ratio-rest'), type: 'rate', digits: 2 },
      ...intervalColumns('ratio_lower', 'ratio_upper', msg('header.ci', { level: 95 }), 2),
    );
  }
  return cols;
}

const ratioObject = (r: RatioEstimate) => ({ estimate: r.estimate, lower: r.lower, upper: r.upper });

/** The "break" member of trend's JSON. */
function breakObject(a: BreakResult): Record<string, unknown> {
  return {
    year: a.breakYear,
    comparison: a.kind === 'vs-rest' ? 'rest of Sweden' : 'none',
    model:
      a.kind === 'vs-rest'
        ? 'count ~ (year + after + years_after) * is_region, offset log(population), quasi-Poisson'
        : 'count ~ year + after + years_after, offset log(population), quasi-Poisson',
    level_change: ratioObject(a.fit.levelChange),
    slope_change: ratioObject(a.fit.slopeChange),
    ...(a.kind === 'alone' ? { trend_before: ratioObject(a.fit.trendBefore) } : {}),
    dispersion: a.fit.dispersion,
    df_residual: a.fit.dfResidual,
  };
}

/** The break estimates as CSV rows (part "break"), the break year in the year column. */
function breakRows(a: BreakResult, series: Series): ResultRow[] {
  const row = (statistic: string, r: { estimate: number; lower: number | null; upper: number | null }): ResultRow => ({
    part: 'break',
    region_code: series.code,
    region: series.name,
    method: series.method,
    year: a.breakYear,
    statistic,
    estimate: r.estimate,
    lower: r.lower,
    upper: r.upper,
  });
  return [
    row(a.kind === 'vs-rest' ? 'level_change_vs_rest' : 'level_change', a.fit.levelChange),
    row(a.kind === 'vs-rest' ? 'slope_change_vs_rest' : 'slope_change', a.fit.slopeChange),
    ...(a.kind === 'alone' ? [row('trend_before', a.fit.trendBefore)] : []),
    row('dispersion', { estimate: a.fit.dispersion, lower: null, upper: null }),
  ];
}
