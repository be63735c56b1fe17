import { Command, Option } from 'commander';
import { populationMade } from '../domain/provenance.js';
import { usageError } from '../errors.js';
import { resolveRegions } from '../domain/select.js';
import { computeTrend } from '../domain/trend.js';
import { trendChart, trendTable } from '../render/trend.js';
import { writeFiles } from '../io/write.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseYearOption, type DataOptions, addMethodOption, addPerOption, addYearRange, refuseUnused } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, outputProtection, type OutputOptions } from './output.js';
import { dataNote, populationNotes, sourceName } from '../domain/source-notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { resolveLang, msg } from '../messages/index.js';
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
  if (opts.vs && opts.break === undefined) throw usageError(msg('option.vs-needs-break'));
  if (opts.break !== undefined && opts.by !== 'nation') throw usageError(msg('option.break-one-series', { by: opts.by }));
  // --by region|method gives one line per series, not a series over the years: nothing to draw.
  if (opts.svg !== undefined && opts.by !== 'nation') throw usageError(msg('option.svg-by', { by: opts.by }), msg('option.svg-by.hint'));
  // A break model is of rates: it needs the population even without --per-capita.
  const population = opts.perCapita || opts.break !== undefined ? await loadPopulation(opts, regions, data) : undefined;
  const result = computeTrend({
    observations: data.observations,
    regions,
    selected,
    recordLevel: data.recordLevel,
    source: sourceName(data),
    by: opts.by,
    ...(opts.method !== undefined ? { method: opts.method } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
    ...(population ? { population } : {}),
    measure: opts.perCapita ? 'rate' : 'count',
    per: opts.per,
    ...(opts.break !== undefined ? { breakYear: opts.break } : {}),
    ...(opts.vs ? { vs: opts.vs } : {}),
    rule: publishRule(opts),
    // Called once the rates are computed: the population notes name the sources actually used.
    label: () => [dataNote(data), ...(population ? [...populationNotes(population), msg('note.trend-rate', { per: opts.per })] : [])],
    made: (years) => ({
      ...(population ? populationMade(population, years) : { population: null }),
      methods: { interval: population ? 'exact Poisson, 95%' : 'none' },
    }),
  });
  if (opts.svg && result.kind === 'series') {
    const chart = trendChart(result, resolveLang(opts.lang, currentIo().env));
    if (chart === undefined) throw usageError(msg('option.svg-one-series'), msg('option.one-region-or-riket.hint'));
    await writeFiles([{ path: opts.svg, data: chart }], outputProtection([opts.input, opts.population]));
  }
  await emit(trendTable(result, opts.format), opts, inputWarnings(data));
}
