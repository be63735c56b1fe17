import { Command, Option } from 'commander';
import { dataError, usageError } from '../errors.js';
import { NATIONAL_CODE, type Region } from '../domain/regions.js';
import { methodsOf, resolveMethod, resolveRegions, yearsOf } from '../domain/select.js';
import { nationalSeries, type BreakResult } from '../domain/break-analysis.js';
import type { RatioEstimate } from '../stats/wald-ratio.js';
import { breakChart } from '../render/break-chart.js';
import { localText } from '../render/localise.js';
import { breakSentences } from '../render/break-text.js';
import { writeFiles } from '../io/write.js';
import { countSeries, seriesSubjects, seriesValues, spanSummary, withRates, type Series, type SpanSummary } from '../domain/trend-series.js';
import { growth } from '../stats/growth.js';
import { sparkline } from '../stats/trend.js';
import type { Column, ResultRow, ResultTable } from '../render/model.js';
import { intervalColumns, statusColumns } from '../render/columns.js';
import { HIDDEN_MARKER, ruleActive, type PublishRule } from '../domain/publish.js';
import { breakOnShown, protectSeries, restCounts, type ProtectedSeries, type SeriesTotal } from '../domain/publish-trend.js';
import { addPublishOptions, populationMade, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseYearOption, type DataOptions, addMethodOption, addPerOption, addYearRange, refuseUnused } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, outputProtection, type OutputOptions } from './output.js';
import { dataNote, populationNotes } from './notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { resolveLang, msg, type Message, type Text } from '../messages/index.js';
import { currentIo } from '../io/context.js';

const EXAMPLES = [
  'rehab-stats trend --method KBT  # national series, year on year',
  "rehab-stats trend --method KBT --region Jönköping --per-capita  # one region's rate per 100 000, exact intervals",
  'rehab-stats trend --method MMR --by region  # one line per region with a sparkline',
  'rehab-stats trend --by method  # when each method starts, and how fast it grows',
  'rehab-stats trend -i fixtures/its-illustrative.csv -m MMR --region 06 --break 2021 --vs rest --svg its.svg',
  'rehab-stats trend --input fixtures/internet-1177.csv  # 5 000 → 25 000 → 60 000: doubling time',
];

const DETAILS = `
A series over the years: the count, the change from the year before, and over the whole span
the compound annual growth rate (CAGR, from the first and last known year only) and a
log-linear least-squares fit ln(value) = a + b·year, whose annual growth e^b − 1 and doubling
time ln 2 / b use every year. With --per-capita the series also has the population, the rate
per --per inhabitants and its exact Poisson 95% interval, and the summary is of the rate.
A year without data stays empty (a method that starts in 2025 starts there, never at zero).
--region: the series of that region (repeatable) instead of Riket; with --by region only those
regions, and Riket for comparison.
JSON: one object {series, summary}: series has one object per region and year (region_code,
region, method, year, count, change, change_pct, [population, rate, rate_lower, rate_upper]),
summary one per series (region_code, region, method, measure, first_year, first_value,
last_year, last_value, cagr_pct, fitted_growth_pct, doubling_years); years are numbers.
CSV/TSV, national or --region: part (series or summary), region_code, region, year, count,
change, change_pct, [population, rate, rate_lower, rate_upper,] statistic (cagr_pct,
fitted_growth_pct, doubling_years), estimate. With --by region or method: region_code, region,
method, first_year, first_count, last_year, last_count, cagr_pct, fitted_growth_pct,
doubling_years, series.
--break YEAR (one series): segmented Poisson regression of the counts, offset log(population),
terms year, after (1 from YEAR on) and years_after (year − YEAR from YEAR on); dispersion as R's
glm(family = quasipoisson), Pearson χ² / (n − p); Wald 95% limits as R's confint.default.
level_change = rate ratio at the break against the pre-break trend continued; slope_change =
ratio of the yearly growth factors after and before. At least 3 years on each side.
--vs rest: the region and the rest of Sweden (Riket minus the region) in one model,
count ~ (year + after + years_after) * is_region: the changes relative to the rest, and each
year's rate ratio region/rest with its exact interval.
With --break, series rows also have fitted, counterfactual, fitted_rate, counterfactual_rate
([rest_count, rest_population, rest_rate, rate_ratio, ratio_lower, ratio_upper]); JSON has
"break": {year, comparison, model, level_change, slope_change, [trend_before,] dispersion,
df_residual}, each change {estimate, lower, upper}; CSV has part "break" rows (statistic
level_change, slope_change, trend_before, dispersion — "_vs_rest" with --vs rest) with
estimate, lower, upper.
--suppress N: a hidden year (×) hides its change, rate and the next change, and is left out of
the CAGR, the fit and --break's model (at least 3 shown years each side); all regions, all
methods, or a region and the rest of Sweden are protected against the published total.`;

interface TrendOptions extends DataOptions, OutputOptions, PublishOptions {
  method?: string;
  by: 'nation' | 'region' | 'method';
  from?: number;
  to?: number;
  perCapita?: boolean;
  per: number;
  break?: number;
  vs?: 'rest';
  svg?: string;
}

/** Year-on-year rows for one series: count, change and percent change. Pure. */
export function seriesRows(series: Series): ResultRow[] {
  const known = series.points;
  return known.map((p, i) => {
    const prev = known[i - 1];
    const g = prev && prev.count !== null && p.count !== null ? growth(prev.count, p.count, prev.year, p.year) : undefined;
    const row: ResultRow = {
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

/** The summary of one series as JSON keys. */
function summaryObject(series: Series, s: SpanSummary, measure: 'count' | 'rate'): ResultRow {
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
function missingGrowthNote(label: Text, values: readonly { year: number; value: number | null }[], s: SpanSummary, hidden: ReadonlySet<number> = new Set()): Message | undefined {
  if (s.cagrPct !== null && s.fittedGrowthPct !== null) return undefined;
  const zero = values.find((p) => p.value === 0);
  if (zero) return msg(s.cagrPct === null ? 'note.trend-zero-cagr' : 'note.trend-zero', { label, year: zero.year });
  if (values.filter((p) => p.value !== null).length < 2) return msg(hidden.size ? 'note.trend-too-few-shown' : 'note.trend-too-few', { label });
  return undefined;
}

/** "CAGR 2009–2015: +12% per year." and the fit, for the notes under a human table. */
function summaryLines(s: SpanSummary, measure: 'count' | 'rate', points: number): Message[] {
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

export function trendCommand(): Command {
  const cmd = new Command('trend')
    .summary('a series over the years: change, CAGR, fitted growth and doubling time')
    .description('Trend of a method over the years, nationally, per region or per method.')
    .addOption(new Option('--by <unit>', 'one series (Riket or --region), one line per region, or one line per method').choices(['nation', 'region', 'method']).default('nation'));
  addMethodOption(cmd);
  addYearRange(cmd, 'first year', 'last year');
  cmd.option('--per-capita', 'add the population, the rate per --per inhabitants and its exact 95% interval each year; summarise the rate');
  addPerOption(cmd, 'with --per-capita or --break: rate per this many inhabitants');
  cmd
    .option('--break <year>', 'segmented Poisson regression of one series (Riket or one --region) with a break at this year: level and slope change', parseYearOption('--break'))
    .addOption(new Option('--vs <comparison>', 'with --break and --region: the change relative to the rest of Sweden (Riket minus the region)').choices(['rest']))
    .option('--svg <file>', 'also write the series as an SVG chart (with --break: the fitted segments and the pre-break trend continued)');
  addDataOptions(cmd);
  addOutputOptions(cmd);
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: TrendOptions, command: Command) => {
    if (!opts.perCapita && opts.break === undefined) refuseUnused(command, ['--per', '--population', '--above-population'], msg('unused.trend'), msg('unused.add-per-capita.hint'));
    return runTrend(opts);
  });
  return cmd;
}

async function runTrend(opts: TrendOptions): Promise<void> {
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  const data = await loadCounts(opts, regions);
  const inRange = (y: number) => (opts.from === undefined || y >= opts.from) && (opts.to === undefined || y <= opts.to);
  if (opts.vs && opts.break === undefined) throw usageError(msg('option.vs-needs-break'));
  if (opts.break !== undefined && opts.by !== 'nation') throw usageError(msg('option.break-one-series', { by: opts.by }));
  // A break model is of rates: it needs the population even without --per-capita.
  const population = opts.perCapita || opts.break !== undefined ? await loadPopulation(opts, regions, data) : undefined;
  const measure = opts.perCapita ? 'rate' : 'count';
  // Called once the rates are computed: the population notes name the sources actually used.
  const label = (): Text[] => [dataNote(data), ...(population ? [...populationNotes(population), msg('note.trend-rate', { per: opts.per })] : [])];
  const rule = publishRule(opts);
  const counts = (region: Region, method: string, years: number[]): Series => countSeries(data.observations, regions, region, method, years, data.recordLevel);
  const rated = (s: Series): Series => (population ? withRates(s, population, opts.per) : s);
  // The rule on series of true counts: rows, rates and sums from the counts as shown (README "Publishing").
  const protect = (list: Series[], total: SeriesTotal, vsRest = false): ProtectedSeries =>
    protectSeries(list, rule, total, (shown) => {
      const rows = shown.map(rated).flatMap(seriesRows);
      // Cells computed later (the rest of Sweden, the ratio) are named now, so a hidden year marks them.
      if (vsRest && ruleActive(rule)) for (const r of rows) Object.assign(r, { rest_count: null, rest_rate: null, rate_ratio: null, ratio_lower: null, ratio_upper: null });
      return rows;
    });
  const made = (years: number[]) => ({
    ...(population ? populationMade(population, years) : { population: null }),
    methods: { interval: population ? 'exact Poisson, 95%' : 'none' },
  });

  if (opts.by === 'method') {
    const subjects = seriesSubjects(data.observations, regions, selected);
    if (subjects.length > 1) throw usageError(msg('option.by-method-one-region'), msg('option.pass-one-region.hint'));
    const [subject] = subjects;
    if (!subject) throw new Error('seriesSubjects gives at least Riket');
    const methods = opts.method ? [resolveMethod(data.observations, opts.method, data.source)] : methodsOf(data.observations);
    const all = methods.map((m) => counts(subject, m, yearsOf(data.observations.filter((o) => o.method === m)).filter(inRange)));
    // Each method over its own years: one that starts in 2025 starts there.
    const present = all.filter((s) => s.points.some((p) => p.count !== null));
    if (present.length === 0) throw dataError(msg('trend.no-counts-in-range'), { file: data.source }, msg('trend.check-range.hint'));
    // Every method together is the subject's count of all treatments, which share --by method publishes.
    const guarded = protect(present, opts.method ? { kind: 'none' } : { kind: 'known-sum' });
    const table = spanTable(guarded.shown.map(rated), measure, msg('title.trend-by-method', { region: subject.name }), label(), 'method', 0, { guarded, rule });
    return emit({ ...table, made: made(present.flatMap((s) => s.points.map((p) => p.year))) }, opts, inputWarnings(data));
  }

  const methods = methodsOf(data.observations);
  if (!opts.method && methods.length > 1) throw usageError(msg('option.which-method'), msg('select.methods-in-data.hint', { methods }));
  const method = opts.method ? resolveMethod(data.observations, opts.method, data.source) : (methods[0] ?? '');
  const name: Text = method || opts.method || msg('trend.treatments');
  const years = yearsOf(data.observations.filter((o) => o.method === method)).filter(inRange);
  if (years.length < 2) throw dataError(msg('trend.too-few-years', { name }), { file: data.source }, msg('trend.too-few-years.hint'));
  const span = `${years[0]}–${years[years.length - 1]}`;
  const coversRegions = (codes: readonly string[]) => regions.regions.every((r) => codes.includes(r.code));

  if (opts.by === 'region') {
    const codes = new Set(selected.map((r) => r.code));
    const all = regions.regions.filter((r) => codes.size === 0 || codes.has(r.code)).map((r) => counts(r, method, years));
    const present = all.filter((s) => s.points.some((p) => p.count !== null));
    if (present.length === 0) throw dataError(msg('trend.no-regional-counts', { name }), { file: data.source }, msg('trend.national-only.hint'));
    // Riket for comparison under the chosen regions, when the data gives it.
    const national = selected.length && !codes.has(NATIONAL_CODE) ? counts(regions.national, method, years) : undefined;
    const apart = national && national.points.every((p) => p.count !== null) ? [national] : [];
    // All 21 regions add up to Riket, which trend publishes (and prints here when asked).
    const total: SeriesTotal = coversRegions(all.map((s) => s.code)) ? { kind: 'known-sum', ...(apart.length ? { totalIndex: present.length } : {}) } : { kind: 'none' };
    const guarded = protect([...present, ...apart], total);
    const table = spanTable(guarded.shown.map(rated), measure, msg('title.trend-by-region', { name, span }), [msg('note.trend-by-region'), ...label()], 'region', apart.length, {
      guarded,
      rule,
    });
    return emit({ ...table, made: made(years) }, opts, inputWarnings(data));
  }

  const subjects = seriesSubjects(data.observations, regions, selected);
  const trueSeries = subjects.map((r) => counts(r, method, years));
  const empty = trueSeries.filter((s) => s.points.every((p) => p.count === null));
  if (empty.length) {
    const present = [...new Set(data.observations.filter((o) => o.method === method).map((o) => o.region))].sort().map((c) => regions.byScbCode(c)?.name ?? c);
    throw dataError(
      msg('trend.no-counts-for-regions', { name, regions: empty.map((s) => s.name) }),
      { file: data.source },
      msg('trend.regions-with-counts.hint', { name, regions: present.length ? present : msg('select.none') }),
    );
  }
  if (opts.break !== undefined && trueSeries.length !== 1) throw usageError(msg('option.break-one-at-a-time'), msg('option.one-region-or-riket.hint'));
  // With --break there is one series (checked above), and a population (loaded for --break).
  const [firstTrue] = trueSeries;
  if (opts.vs === 'rest' && firstTrue?.code === NATIONAL_CODE) throw usageError(msg('option.vs-rest-region'), msg('option.pass-one-region.hint'));
  const vsRest = opts.break !== undefined && opts.vs === 'rest' && population !== undefined && firstTrue !== undefined;
  const nationalTrue = vsRest ? nationalSeries(data.observations, regions, method, years, population, opts.per, data.recordLevel, data.source) : undefined;
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
    opts.break !== undefined && first
      ? breakOnShown(first, guarded.hiddenYears[0] ?? new Set(), opts.break, rule, nationalTrue, data.source, {
          break: `--break ${opts.break}`,
          rule: `--suppress ${rule.suppress}`,
        })
      : undefined;
  const analysis = modelled?.analysis;
  // Each series with its summary and the years the rule hides in it.
  const summarised = series.map((s, i) => ({ s, summary: spanSummary(seriesValues(s)), hidden: guarded.hiddenYears[i] ?? new Set<number>() }));
  const several = series.length > 1;
  const notes: Text[] = [];
  for (const { s, summary, hidden } of summarised) {
    const values = seriesValues(s).map((p) => p.value);
    notes.push(`${several ? `${s.name}: ` : ''}${sparkline(values)}  ${span}`);
    notes.push(...summaryLines(summary, measure, values.filter((v) => v !== null).length));
    const why = missingGrowthNote(s.name, seriesValues(s), summary, hidden);
    if (why) notes.push(why);
    const left = hiddenNote(several ? s.name : '', hidden, rule, !!analysis);
    if (left) notes.push(left);
  }
  if (analysis && first) notes.push(...breakSentences(analysis, first.name));
  notes.push(...label());
  const rows = guarded.rows;
  if (analysis) addBreakColumns(rows, analysis, opts.per);
  const rateColumns: Column[] = population
    ? [
        { key: 'population', header: msg('header.population'), type: 'integer' },
        { key: 'rate', header: msg('header.per', { per: opts.per }), type: 'rate' },
        ...intervalColumns('rate_lower', 'rate_upper', msg('header.ci', { level: 95 })),
      ]
    : [];
  const title = msg('title.trend', { name, regions: subjects.map((r) => r.name), span });
  const table: ResultTable = {
    title,
    columns: [
      { key: 'part', header: msg('header.part'), type: 'text', only: 'machine' },
      { key: 'region_code', header: msg('header.code'), type: 'text', only: several ? undefined : 'machine' },
      { key: 'region', header: msg('header.region'), type: 'text', only: several ? undefined : 'machine' },
      { key: 'method', header: msg('header.method'), type: 'text', only: 'machine' },
      { key: 'year', header: msg('header.year'), type: 'text' },
      { key: 'count', header: msg('header.count'), type: 'integer' },
      // With a break the table is wide enough: the year-on-year change stays in CSV/JSON.
      { key: 'change', header: msg('header.change'), type: 'signed-integer', ...(analysis ? { only: 'machine' as const } : {}) },
      { key: 'change_pct', header: msg('header.change-pct'), type: 'signed-percent', digits: 1, ...(analysis ? { only: 'machine' as const } : {}) },
      ...rateColumns,
      ...(analysis ? breakColumns(analysis, opts.per) : []),
      { key: 'statistic', header: msg('header.statistic'), type: 'text', only: 'machine' },
      { key: 'estimate', header: msg('header.estimate'), type: 'rate', only: 'machine' },
      ...(analysis
        ? [
            { key: 'lower', header: msg('header.lower'), type: 'rate', only: 'machine' } as Column,
            { key: 'upper', header: msg('header.upper'), type: 'rate', only: 'machine' } as Column,
          ]
        : []),
      ...statusColumns(guarded.table.statusKeys),
    ],
    rows,
    // Machine formats: the summary statistics follow the series rows (part "summary").
    apart: [],
    notes: [...notes, ...guarded.table.notes],
    ...(guarded.table.hidden ? { hidden: guarded.table.hidden } : {}),
    made: made(years),
    document: {
      series: rows.map(withoutPart),
      summary: summarised.map(({ s, summary }) => summaryObject(s, summary, measure)),
      ...(analysis ? { break: breakObject(analysis) } : {}),
    },
  };
  const machineRows = [...summarised.flatMap(({ s, summary }) => summaryRows(s, summary)), ...(analysis && first ? breakRows(analysis, first) : [])];
  if (opts.svg) {
    const chartSeries = modelled?.series ?? first;
    if (series.length !== 1 || !chartSeries) throw usageError(msg('option.svg-one-series'), msg('option.one-region-or-riket.hint'));
    const lang = resolveLang(opts.lang, currentIo().env);
    // A hidden year has no point: left out of the model's series, or a gap in the plain one.
    await writeFiles([{ path: opts.svg, data: breakChart(chartSeries, analysis, opts.per, localText(title, lang), lang) + '\n' }], outputProtection([opts.input, opts.population]));
  }
  await emit(withMachineRows(table, machineRows, opts), opts, inputWarnings(data));
}

/** A series row as JSON's `series` gives it: the part is said by where it is. */
function withoutPart(row: ResultRow): ResultRow {
  const copy = { ...row };
  delete copy.part;
  return copy;
}

/** The years a series leaves out under --suppress, in one note. */
function hiddenNote(label: Text, hidden: ReadonlySet<number>, rule: PublishRule, model: boolean): Message | undefined {
  if (!hidden.size) return undefined;
  const years = [...hidden].sort((a, b) => a - b).join(', ');
  const what = { years, marker: HIDDEN_MARKER, threshold: rule.suppress };
  if (label === '') return msg(model ? 'note.trend-hidden-model' : 'note.trend-hidden', what);
  return msg(model ? 'note.trend-hidden-model-of' : 'note.trend-hidden-of', { label, ...what });
}

/** Fitted values and the counterfactual (counts and rates), and with --vs rest the rest and the rate ratio, on each series row. */
function addBreakColumns(rows: ResultRow[], a: BreakResult, per: number): void {
  const fit = a.kind === 'alone' ? a.fit : a.fit.region;
  // By year: a year left out of the model (hidden by --suppress) has no fitted values.
  const index = new Map(a.points.map((p, i) => [p.year, i]));
  rows.forEach((row) => {
    const i = typeof row.year === 'number' ? index.get(row.year) : undefined;
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

/** Rows only machine formats carry (CSV/TSV/xlsx: the summary after the series). */
function withMachineRows(table: ResultTable, extra: ResultRow[], opts: OutputOptions): ResultTable {
  return opts.format === 'csv' || opts.format === 'tsv' || opts.format === 'xlsx' ? { ...table, rows: [...table.rows, ...extra] } : table;
}

/** One line per series (region or method): first and last year, CAGR, fitted growth, doubling time, sparkline. */
function spanTable(
  series: Series[],
  measure: 'count' | 'rate',
  title: Text,
  notes: Text[],
  by: 'region' | 'method',
  apartCount = 0,
  publish?: { guarded: ProtectedSeries; rule: PublishRule },
): ResultTable {
  const hiddenYears = (i: number): ReadonlySet<number> => publish?.guarded.hiddenYears[i] ?? new Set();
  const statusOf = (i: number, year: number | undefined) => {
    if (year === undefined) return 'missing';
    const s = series[i];
    return publish?.guarded.rows.find((r) => r.region_code === s?.code && r.method === s?.method && r.year === year)?.count_status ?? 'shown';
  };
  const hidden = new Map<ResultRow, Set<string>>();
  const rows = series.map((s, i) => {
    const values = seriesValues(s);
    const sum = spanSummary(values);
    const gone = hiddenYears(i);
    // First and last year with data: a hidden one shows the marker, not the next shown year.
    const first = s.points.find((p) => p.count !== null || gone.has(p.year));
    const last = [...s.points].reverse().find((p) => p.count !== null || gone.has(p.year));
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
      series: values.map((p) => (gone.has(p.year) ? HIDDEN_MARKER : p.value === null ? '' : measure === 'rate' ? (Math.round(p.value * 10) / 10).toString() : p.value)).join(' '),
      spark: sparkline(values.map((p) => p.value)),
    };
    if (publish && ruleActive(publish.rule)) {
      row.first_count_status = statusOf(i, first?.year);
      row.last_count_status = statusOf(i, last?.year);
      const keys = new Set([...(first && gone.has(first.year) ? ['first_count'] : []), ...(last && gone.has(last.year) ? ['last_count'] : [])]);
      if (keys.size) hidden.set(row, keys);
    }
    return { row, summary: summaryObject(s, sum, measure) };
  });
  const label = (s: Series): Text => (by === 'method' ? s.method || msg('trend.treatments') : s.name);
  const why = series.map((s, i) => missingGrowthNote(label(s), seriesValues(s), spanSummary(seriesValues(s)), hiddenYears(i))).filter((n) => n !== undefined);
  const left = publish ? series.map((s, i) => hiddenNote(label(s), hiddenYears(i), publish.rule, false)).filter((n) => n !== undefined) : [];
  const main = rows.slice(0, rows.length - apartCount);
  const apart = rows.slice(rows.length - apartCount);
  const active = publish && ruleActive(publish.rule);
  return {
    title,
    columns: [
      { key: 'region_code', header: msg('header.code'), type: 'text', only: by === 'method' ? 'machine' : undefined },
      { key: 'region', header: msg('header.region'), type: 'text', only: by === 'method' ? 'machine' : undefined },
      { key: 'method', header: msg('header.method'), type: 'text', only: by === 'region' ? 'machine' : undefined },
      { key: 'first_year', header: msg('header.from'), type: 'text' },
      { key: 'first_count', header: msg('header.first-count'), type: 'integer' },
      { key: 'last_year', header: msg('header.to'), type: 'text' },
      { key: 'last_count', header: msg('header.last-count'), type: 'integer' },
      { key: 'spark', header: msg('header.trend'), type: 'text', only: 'table' },
      { key: 'cagr_pct', header: msg(measure === 'rate' ? 'header.cagr-of-rate' : 'header.cagr'), type: 'signed-percent', digits: 1 },
      { key: 'fitted_growth_pct', header: msg('header.fitted'), type: 'signed-percent', digits: 1 },
      { key: 'doubling_years', header: msg('header.doubling-years'), type: 'rate', empty: '' },
      { key: 'series', header: msg('header.series'), type: 'text', only: 'machine' },
      ...(active
        ? ([
            { key: 'first_count_status', header: msg('header.first-count-status'), type: 'text', only: 'machine' },
            { key: 'last_count_status', header: msg('header.last-count-status'), type: 'text', only: 'machine' },
          ] as Column[])
        : []),
    ],
    rows: main.map((r) => r.row),
    apart: apart.map((r) => r.row),
    notes: [...why, ...left, ...notes, ...(publish?.guarded.table.notes ?? [])],
    ...(hidden.size ? { hidden } : {}),
    document: {
      series: (publish ? publish.guarded.rows : series.flatMap(seriesRows)).map(withoutPart),
      summary: rows.map((r) => r.summary),
    },
  };
}
