import type { ChalkInstance } from 'chalk';
import { Command, Option } from 'commander';
import { dataError, usageError } from '../errors.js';
import { loadUnits, rankUnits } from './units.js';
import { ALL_AGES } from '../domain/observation.js';
import { buildStrata } from '../domain/ranking.js';
import { keepRegions, resolveMethod, resolveRegions, selectCounts, yearsOf } from '../domain/select.js';
import { matchKey } from '../domain/text.js';
import { SMALL_COUNT } from '../stats/rate.js';
import { ESP2013, type AgeStratum } from '../stats/dsr.js';
import { poissonMethodUsed, type PoissonMethod } from '../stats/poisson.js';
import type { OverdispersionEstimate, OverdispersionKind } from '../stats/overdispersion.js';
import { protectTable, ruleActive } from '../domain/publish.js';
import { unitRankSpec } from '../domain/publish-specs.js';
import { roundCount } from '../stats/round-count.js';
import { protectedRanking } from '../domain/publish-ranking.js';
import { addPublishOptions, populationMade, publishRule, type PublishOptions } from './publish.js';
import type { Column, ResultRow, ResultTable } from '../render/model.js';
import { FUNNEL_COLUMNS, intervalColumns } from '../render/columns.js';
import {
  addDataOptions,
  addHelp,
  addOutputOptions,
  BUNDLED_DATA_LABEL,
  populationNotes,
  emit,
  inputWarnings,
  loadCounts,
  loadPopulation,
  loadRegions,
  parseDenominator,
  parseLevel,
  parsePositive,
  parseSexOption,
  parseYearOption,
  type DataOptions,
  type OutputOptions,
} from './common.js';

const EXAMPLES = [
  'rehab-stats rank --method KBT  # latest year in the bundled data',
  'rehab-stats rank --method IPT --year 2014 --per 10000',
  'rehab-stats rank --method KBT --denominator 16-67  # per inhabitant aged 16–67',
  'rehab-stats rank --method KBT --funnel  # which regions lie outside funnel limits',
  'rehab-stats rank --method KBT --by mottagning --numerator behandlade --denominator remitterade --input clinics.csv',
  'rehab-stats rank --method MMR --input counts.csv --format csv > ranked.csv',
  'cat counts.csv | rehab-stats rank --method KBT --input - --format json',
];

const DETAILS = `
Ranks regions by treatments per --per inhabitants, highest first, with a confidence
interval (exact Poisson by default). Ranks compare the exact rates (count ÷ population),
whatever --per: regions share a rank (1, 2, 2, 4) only when their rates are exactly equal. Riket, the whole country, is shown apart from the ranking.
Counts below 10 are flagged: their rates are unstable.
CSV/TSV/JSON/xlsx columns: year, method, rank, region_code, region, count, population,
rate, rate_lower, rate_upper, ratio_to_national, vs_national, [funnel_95_lower,
funnel_95_upper, funnel_998_lower, funnel_998_upper, funnel with --funnel,] note.`;

interface RankOptions extends DataOptions, OutputOptions, PublishOptions {
  method: string;
  year?: number;
  per: number;
  ci: number;
  ciMethod: PoissonMethod;
  sex?: string;
  denominator?: string;
  funnel?: boolean;
  overdispersion?: OverdispersionKind;
  rankInterval?: boolean;
  standard?: string;
  by?: string;
  numerator?: string;
  count?: string;
}

/** A confidence level as people write it: 0.95 → "95%", 0.998 → "99.8%". */
function pctOf(level: number): string {
  return `${Math.round(level * 1000) / 10}%`;
}

export function rankColumns(
  level: number,
  perLabel: string,
  funnel = false,
  barScale?: number,
  intervalMethod: 'human' | 'machine' | false = false,
  rankInterval = false,
): Column[] {
  const pct = `${Math.round(level * 1000) / 10}%`;
  const funnelColumns: readonly Column[] = funnel ? FUNNEL_COLUMNS : [];
  return [
    // Year and method in every row of the machine formats, so the outputs of several runs stack.
    { key: 'year', header: 'Year', type: 'text', only: 'machine' },
    { key: 'method', header: 'Method', type: 'text', only: 'machine' },
    { key: 'rank', header: 'Rank', type: 'integer', empty: '' },
    ...(rankInterval ? intervalColumns('rank_lower', 'rank_upper', 'Rank 95%', 0) : []),
    { key: 'region_code', header: 'Code', type: 'text' },
    { key: 'region', header: 'Region', type: 'text' },
    { key: 'count', header: 'Count', type: 'integer' },
    { key: 'population', header: 'Population', type: 'integer' },
    { key: 'rate', header: `Per ${perLabel}`, type: 'rate' },
    ...intervalColumns('rate_lower', 'rate_upper', `${pct} CI`),
    ...(barScale ? [{ key: 'rate', header: '', type: 'bar', keys: ['rate_lower', 'rate_upper'], scale: barScale, width: 16, only: 'table' } as Column] : []),
    { key: 'ratio_to_national', header: 'Ratio', type: 'rate', digits: 2, only: 'machine' },
    { key: 'vs_national', header: 'vs Riket', type: 'text', empty: '' },
    ...funnelColumns,
    ...(intervalMethod ? [{ key: 'interval_method', header: 'Interval', type: 'text', empty: '', ...(intervalMethod === 'machine' ? { only: 'machine' } : {}) } as Column] : []),
    { key: 'note', header: 'Note', type: 'text', empty: '' },
  ];
}

export function rankCommand(): Command {
  const cmd = new Command('rank')
    .summary('rank regions by treatments per inhabitant, with confidence intervals')
    .description('Rank the regions by treatments per inhabitant for one method and year.')
    .requiredOption('-m, --method <method>', 'treatment method, e.g. KBT, IPT, MMR')
    .option('-y, --year <year>', 'year to rank (default: the latest year in the data)', parseYearOption('--year'))
    .option('--per <n>', 'rate per this many inhabitants', parsePositive('--per'), 100000)
    .addOption(new Option('--ci <level>', 'confidence level in percent: 90, 95, 99 or 99.8').argParser(parseLevel).default(0.95, '95'))
    .addOption(
      new Option(
        '--ci-method <method>',
        "exact Poisson, Byar's approximation, or PHE's rule (exact below 10, Byar from 10); with --standard: the DSR total's limits (default Byar, as PHE)",
      )
        .choices(['exact', 'byar', 'phe'])
        .default('exact'),
    )
    .addOption(new Option('--sex <sex>', 'count and population of one sex').choices(['all', 'women', 'men']).default('all'))
    .option('--by <column>', 'rank the units of this column (clinic, programme …) instead of regions; needs --input')
    .option('--numerator <column>', 'with --by: rank by the proportion numerator ÷ --denominator COLUMN, with Wilson intervals')
    .option('--count <column>', 'with --by: add up this column (default: count the rows)')
    .addOption(new Option('--standard <population>', 'age-standardise directly against this standard population (needs counts and population by age group)').choices(['esp2013']))
    .option('--funnel', "add funnel-plot control limits (95% and 99.8%) around the national rate for each region's size")
    .option('--rank-interval', "each region's 95% interval of rank, by simulating its count (Poisson, 2000 runs, fixed seed; Goldstein & Spiegelhalter 1996)")
    .addOption(
      new Option('--overdispersion <kind>', 'funnel limits widened for overdispersion (Spiegelhalter 2005): multiplicative φ or additive τ²; implies --funnel').choices([
        'multiplicative',
        'additive',
      ]),
    )
    .option('--denominator <group>', 'population to divide by: all (ages) or 16-67 (the target group); with --by: the denominator column', 'all');
  addDataOptions(cmd);
  addOutputOptions(cmd);
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: RankOptions, command: Command) => runRank(opts, command.getOptionValueSource('ciMethod') === 'cli'));
  return cmd;
}

async function runRank(opts: RankOptions, ciMethodGiven = false): Promise<void> {
  if (opts.overdispersion) {
    if (opts.standard) throw usageError('--overdispersion works on crude rates, not with --standard', "drop --standard, or use --funnel alone for PHE's funnels of DSRs");
    if (opts.by) throw usageError('--overdispersion works on ranks of regions, not with --by');
    opts.funnel = true;
  }
  if (opts.rankInterval && (opts.standard || opts.by)) throw usageError('--rank-interval works on crude rates of regions, not with --standard or --by');
  if (opts.by) {
    if (opts.region?.length) throw usageError('--region goes with ranks of regions, not with --by', 'filter the rows of your file before ranking its units');
    return runRankByUnit(opts);
  }
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  // Only this method (as resolveMethod matches it) and year become observations; a reader may
  // keep the rest as columns.
  const wanted = matchKey(opts.method);
  const keep = (m: string, y: number) => (m === '' || matchKey(m) === wanted) && (opts.year === undefined || y === opts.year);
  const data = await loadCounts(opts, regions, { ...(opts.year !== undefined ? { defaultYear: opts.year } : {}), keep });
  const all = data.all ?? data.observations;
  const method = resolveMethod(all, opts.method, data.source);
  const sex = parseSexOption(opts.sex);
  const age = parseDenominator(opts.denominator);
  const years = yearsOf(all, method);
  const year = opts.year ?? years[years.length - 1]!;
  const counts = selectCounts(data.observations, { method, year, sex, absentIsZero: data.recordLevel });
  if (counts.size === 0) {
    throw dataError(
      `no ${opts.method} counts for ${year}${sex !== 'total' ? ` (${sex})` : ''}`,
      { file: data.source },
      `years with ${opts.method} counts: ${years.join(', ') || 'none'}`,
    );
  }
  const population = await loadPopulation(opts, regions, data);
  let strata: Map<string, AgeStratum[]> | undefined;
  let standardNote: string | undefined;
  // a DSR's limits are Byar's for the total count unless --ci-method says otherwise (PHE's rule is Byar from 10 events, the least a DSR needs)
  const ciMethod: PoissonMethod = opts.standard && !ciMethodGiven ? 'byar' : opts.ciMethod;
  if (opts.standard) {
    const built = buildStrata(
      data.observations,
      { method, year, sex, absentIsZero: data.recordLevel },
      population,
      regions,
      ESP2013,
      'the European Standard Population 2013',
      data.source,
    );
    strata = built.strata;
    for (const [code, why] of built.problems) counts.set(code, { value: null, lines: counts.get(code)?.lines ?? [], note: why });
    const limits =
      ciMethod === 'exact'
        ? "exact Poisson limits for the total count (--ci-method exact; PHE's calculate_dsr uses Byar's)"
        : "Byar's limits for the total count, as PHEindicatormethods' calculate_dsr";
    standardNote = `Age-standardised directly to the European Standard Population 2013 over the age groups ${built.bands.join(', ')}; ${pctOf(opts.ci)} intervals by Dobson's method with ${limits}; no DSR below 10 events.`;
  }
  const rule = publishRule(opts);
  // Rates come from the counts as shown: rounded ones when --round-counts asks (README "Publishing").
  // The interval can differ by row (PHE's rule picks by count size): each row says which it got.
  const perRowMethod = opts.ciMethod === 'phe' ? 'human' : ruleActive(rule) ? 'machine' : false;
  const intervalMethods = (rows: ResultRow[], national: ResultRow) => {
    if (perRowMethod)
      for (const r of [...rows, national]) r.interval_method = typeof r.rate_lower !== 'number' ? null : strata ? 'dobson' : poissonMethodUsed(r.count as number, opts.ciMethod);
  };
  // Rates come from the counts as shown: rounded ones when --round-counts asks (README "Publishing").
  // Suppression is decided on the whole ranking, before --region picks rows from it.
  const {
    table: whole,
    national,
    missingRegions,
    dispersion,
  } = protectedRanking(
    {
      counts,
      population,
      regions,
      year,
      sex,
      age,
      per: opts.per,
      level: opts.ci,
      ciMethod,
      funnel: opts.funnel,
      ...(opts.rankInterval ? { rankInterval: true } : {}),
      ...(opts.overdispersion ? { overdispersion: opts.overdispersion } : {}),
      ...(strata ? { strata } : {}),
    },
    counts,
    rule,
    intervalMethods,
  );
  const allRows = whole.rows;

  // Ranks stay those among all regions: Stockholm is 5th of 21, shown alone.
  const rows = keepRegions(whole.rows, selected);
  const perLabel = opts.per.toLocaleString('en-US');
  const methodName = method || opts.method;
  const who = [sex !== 'total' ? sex : '', age !== ALL_AGES ? `aged ${age}` : ''].filter(Boolean).join(' ');
  const notes = [
    ...(data.bundled ? [BUNDLED_DATA_LABEL] : [`Data: ${data.source}.`]),
    ...populationNotes(population),
    ...(opts.standard
      ? []
      : [
          `Interval: ${opts.ciMethod === 'exact' ? 'exact Poisson' : opts.ciMethod === 'byar' ? "Byar's approximation" : 'exact Poisson below 10, Byar from 10'}; regions share a rank only when their rates are exactly equal.`,
        ]),
  ];
  notes.push(`vs Riket: higher or lower when the region's ${Math.round(opts.ci * 1000) / 10}% interval lies wholly above or below the national rate.`);
  if (dispersion) notes.push(dispersionNote(dispersion, opts.overdispersion));
  if (opts.rankInterval)
    notes.push(
      "Rank 95%: the 2.5th–97.5th percentiles of each region's rank over 2000 simulations of every count from Poisson(observed), fixed seed (Goldstein & Spiegelhalter 1996).",
    );
  if (opts.funnel && !opts.overdispersion)
    notes.push(
      `Funnel: the region's count judged against the count expected at the ${opts.standard ? "funnel's weighted average rate (PHE)" : 'national rate'} at 95% and 99.8% (exact Poisson below 10, Byar from 10), as PHEindicatormethods' funnels; Spiegelhalter 2005.`,
    );
  if (standardNote) notes.push(standardNote);
  if (method === '') notes.push(`The input has no method column: every count is taken as ${opts.method}.`);
  if (selected.length)
    notes.push(`Ranks are among all ${allRows.filter((r) => typeof r.rank === 'number').length} ranked regions; only ${selected.map((r) => r.name).join(', ')} shown.`);
  if (missingRegions.length) notes.push(`Not in the input for ${year}: ${missingRegions.join(', ')}.`);
  // Year and method on every row (set in place: the suppression marks know rows by identity).
  for (const r of [...rows, ...(whole.apart ?? [])]) Object.assign(r, { year, method: methodName });
  const table: ResultTable = {
    ...whole,
    title: `${methodName} treatments per ${perLabel} inhabitants${who ? ` (${who})` : ''}${opts.standard ? ', age-standardised' : ''}, ${year}`,
    // The bars' scale from the rows still shown, so that a hidden rate does not set it.
    columns: [
      ...rankColumns(
        opts.ci,
        perLabel,
        opts.funnel,
        Math.max(...[...rows, national].map((r) => (typeof r.rate_upper === 'number' ? r.rate_upper : 0))),
        perRowMethod,
        opts.rankInterval === true,
      ),
      ...whole.columns,
    ],
    rows,
    notes: [...notes, ...whole.notes],
    made: {
      ...populationMade(population, [year]),
      methods: {
        interval: opts.standard ? "Dobson's method for directly standardised rates" : intervalName(opts.ciMethod),
        ...(opts.funnel
          ? {
              funnel: opts.overdispersion
                ? `Spiegelhalter (2005): ${opts.overdispersion} overdispersion-adjusted limits, 95% and 99.8%, around the national rate`
                : 'PHEindicatormethods: Poisson control limits, 95% and 99.8%, around the national rate (Spiegelhalter 2005)',
            }
          : {}),
        ...(opts.standard ? { standard_population: 'European Standard Population 2013' } : {}),
      },
    },
  };
  await emit(table, opts, inputWarnings(data), styleRankCell);
}

/**
 * What the overdispersion estimate says, in one note: φ and τ², whether the limits were adjusted
 * and how — or, for plain Poisson limits, that they are too narrow for this spread and what to use.
 */
function dispersionNote(d: OverdispersionEstimate, kind: OverdispersionKind | undefined): string {
  const est = `φ = ${d.phi.toFixed(2)}, τ² = ${d.tau2.toPrecision(3)} (${d.n} regions, z-scores on the square-root scale winsorised at 10%)`;
  if (kind === 'multiplicative') {
    return d.phi > 1
      ? `Overdispersion: ${est}; multiplicative adjustment: the limits' width on the square-root scale × √φ = ${Math.sqrt(d.phi).toFixed(2)} (Spiegelhalter 2005).`
      : `Overdispersion: ${est}; φ ≤ 1, so no multiplicative adjustment: Poisson-width limits on the square-root scale (Spiegelhalter 2005).`;
  }
  if (kind === 'additive') {
    return d.tau2 > 0
      ? `Overdispersion: ${est}; additive adjustment: between-region variance τ² added on the square-root scale (random effects; Spiegelhalter 2005).`
      : `Overdispersion: ${est}; τ² = 0, so no additive adjustment: Poisson-width limits on the square-root scale (Spiegelhalter 2005).`;
  }
  return d.overdispersed
    ? `Overdispersion: ${est} — more spread than chance allows (nφ above χ²(${d.n - 1})'s 95th percentile): the Poisson limits flag regions for real between-region variation; --overdispersion additive (or multiplicative) widens them.`
    : `Overdispersion: ${est}; within what chance allows, so the Poisson limits suit.`;
}

function intervalName(method: PoissonMethod): string {
  return method === 'exact' ? 'exact Poisson' : method === 'byar' ? "Byar's approximation" : 'exact Poisson below 10, Byar from 10 (per row: interval_method)';
}

/**
 * Colour for meaning, in the terminal only: bright blue above the national rate, yellow below
 * (when the interval says so) — the terminal's nearest to the charts' blue/orange, which readers
 * with red–green colour blindness tell apart; the words higher/lower stay as the second cue —
 * bold outside the 99.8% funnel limits, magenta for small-number warnings.
 */
export function styleRankCell(col: Column, row: ResultRow, text: string, chalk: ChalkInstance): string {
  if (col.key === 'vs_national' || (col.key === 'rate' && col.type === 'rate') || col.type === 'bar') {
    if (row.vs_national === 'higher') return chalk.blueBright(text);
    if (row.vs_national === 'lower') return chalk.yellow(text);
  }
  if (col.key === 'funnel' && typeof row.funnel === 'string' && row.funnel.includes('99.8')) return chalk.bold(text);
  if (col.key === 'note' && typeof row.count === 'number' && row.count < SMALL_COUNT) return chalk.magenta(text);
  return text;
}

/** rank --by COLUMN: any unit in the file, by count or by proportion. */
async function runRankByUnit(opts: RankOptions): Promise<void> {
  const numerator = opts.numerator;
  const denominator = numerator ? opts.denominator : undefined;
  if (numerator && (!denominator || denominator === 'all')) throw usageError('--numerator needs --denominator COLUMN');
  // In rank, --denominator is a population group unless --numerator makes it a column.
  const { units, file, filtered, notes } = await loadUnits({ ...opts, by: opts.by!, denominator });
  const rule = publishRule(opts);
  // Proportions, intervals and ranks from the counts as shown (rounded with --round-counts); hiding on the true counts.
  const shownUnits =
    rule.roundTo > 1
      ? units.map((u) => ({
          ...u,
          numerator: roundCount(u.numerator, rule.roundTo),
          ...(u.denominator !== undefined ? { denominator: roundCount(u.denominator, rule.roundTo) } : {}),
        }))
      : units;
  const { table: ranked } = rankUnits(shownUnits, opts.ci, opts.funnel);
  const truth = new Map(units.map((u) => [u.unit, u]));
  const table = protectTable(
    { ...ranked, notes: [] },
    unitRankSpec(
      ranked.rows,
      truth,
      units.every((u) => u.denominator !== undefined),
    ),
    rule,
  );
  const what = numerator ? `${numerator} of ${denominator}` : opts.count ? opts.count : 'rows';
  await emit(
    {
      ...table,
      title: `${what} by ${opts.by}${filtered.length ? ` (${filtered.join(', ')})` : ''}`,
      made: {
        population: null,
        methods: {
          interval: numerator ? `Wilson score, ${pctOf(opts.ci)}` : `exact Poisson, ${pctOf(opts.ci)}`,
          ...(opts.funnel && numerator ? { funnel: 'Wilson-score control limits, 95% and 99.8%, around the overall percentage (PHEindicatormethods; Spiegelhalter 2005)' } : {}),
        },
      },
      notes: [
        `Data: ${file}.`,
        numerator
          ? 'Percent with Wilson score intervals; "vs overall" is higher or lower when the whole interval lies above or below the overall percentage.'
          : 'Counts with exact Poisson intervals.',
        ...(opts.funnel && numerator
          ? [
              'Funnel: outside the 95% or 99.8% control limits around the overall percentage for a unit of that size (Wilson-score limits as PHEindicatormethods; Spiegelhalter 2005).',
            ]
          : []),
        ...notes,
        ...table.notes,
      ],
    },
    opts,
  );
}
