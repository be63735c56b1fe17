import { Command, Option } from 'commander';
import { dataError, usageError } from '../errors.js';
import { loadUnits } from '../ingest/units.js';
import { unitRankResult } from '../domain/unit-ranking.js';
import { unitRankTable } from '../render/units.js';
import { buildStrata, type RankedRegion, type RankResult } from '../domain/ranking.js';
import { keepRegions, chooseMethod, resolveRegions, selectCounts, yearsOf, latestYear } from '../domain/select.js';
import { matchKey } from '../domain/text.js';
import { ESP2013, type AgeStratum } from '../stats/dsr.js';
import { poissonMethodUsed, type PoissonMethod } from '../stats/poisson.js';
import type { OverdispersionEstimate, OverdispersionKind } from '../stats/overdispersion.js';
import { ruleActive } from '../domain/publish.js';
import { protectedRanking } from '../domain/publish-ranking.js';
import { addPublishOptions, populationMade, publishRule, type PublishOptions } from './publish.js';
import { levelPercent } from '../render/columns.js';
import { rankTable, styleRankCell } from '../render/rank.js';
import { addDataOptions, parseDenominator, parseLevel, parseSexOption, type DataOptions, addRateOptions, refuseUnused } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, populationNotes, sourceName } from './notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { msg, sexWord, type Message, type Text } from '../messages/index.js';

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
  method?: string;
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

export function rankCommand(): Command {
  const cmd = new Command('rank')
    .summary('rank regions by treatments per inhabitant, with confidence intervals')
    .description('Rank the regions by treatments per inhabitant for one method and year.');
  addRateOptions(cmd, {
    year: 'year to rank (default: the latest year in the data)',
    denominator: 'population to divide by: all (ages) or 16-67 (the target group); with --by: the denominator column',
  });
  cmd
    .addOption(new Option('--ci <level>', 'confidence level in percent: 90, 95, 99 or 99.8').argParser(parseLevel).default(0.95, '95'))
    .addOption(
      new Option(
        '--ci-method <method>',
        "exact Poisson, Byar's approximation, or PHE's rule (exact below 10, Byar from 10); with --standard: the DSR total's limits (default Byar, as PHE)",
      )
        .choices(['exact', 'byar', 'phe'])
        .default('exact'),
    )
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
    );
  addDataOptions(cmd);
  addOutputOptions(cmd);
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: RankOptions, command: Command) => {
    // Units of a column are counted or proportioned, never divided by a population.
    if (opts.by) refuseUnused(command, ['--per', '--sex', '--population', '--above-population', '--ci-method'], msg('unused.rank-by'), msg('unused.leave-out.hint'));
    return runRank(opts, command.getOptionValueSource('ciMethod') === 'cli');
  });
  return cmd;
}

async function runRank(opts: RankOptions, ciMethodGiven = false): Promise<void> {
  if (opts.overdispersion) {
    if (opts.standard) throw usageError(msg('rank.overdispersion-standard'), msg('rank.overdispersion-standard.hint'));
    if (opts.by) throw usageError(msg('rank.overdispersion-by'));
    opts.funnel = true;
  }
  if (opts.rankInterval && (opts.standard || opts.by)) throw usageError(msg('rank.rank-interval-standard'));
  if (opts.by) {
    if (opts.region?.length) throw usageError(msg('rank.region-by'), msg('rank.region-by.hint'));
    return runRankByUnit(opts, opts.by);
  }
  const { result, warnings } = await rankRegions(opts, ciMethodGiven);
  await emit(rankTable(result), opts, warnings, styleRankCell);
}

/** The regions ranked as published, from the inputs the options name; what to tell about the inputs besides. */
async function rankRegions(opts: RankOptions, ciMethodGiven: boolean): Promise<{ result: RankResult; warnings: Text[] }> {
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  // Only this method (as resolveMethod matches it) and year become observations; a reader may
  // keep the rest as columns. Without --method every method is kept, to find the data's only one.
  const wanted = opts.method === undefined ? undefined : matchKey(opts.method);
  const keep = (m: string, y: number) => (wanted === undefined || m === '' || matchKey(m) === wanted) && (opts.year === undefined || y === opts.year);
  const data = await loadCounts(opts, regions, { ...(opts.year !== undefined ? { defaultYear: opts.year } : {}), keep });
  const all = data.all ?? data.observations;
  const method = chooseMethod(all, opts.method, sourceName(data));
  // The method as asked for (or found): names the counts of a file without a method column.
  const asked = opts.method ?? method;
  const sex = parseSexOption(opts.sex);
  const age = parseDenominator(opts.denominator);
  const years = yearsOf(all, method);
  const year = opts.year ?? latestYear(years);
  const counts = selectCounts(data.observations, { method, year, sex, absentIsZero: data.recordLevel });
  if (counts.size === 0) {
    throw dataError(
      sex !== 'total' ? msg('select.no-counts-for-year-group', { method: asked, year, group: sexWord(sex) }) : msg('select.no-counts-for-year', { method: asked, year }),
      { file: sourceName(data) },
      msg('select.years-with-counts.hint', { method: asked, years: years.length ? years.join(', ') : msg('select.none') }),
    );
  }
  const population = await loadPopulation(opts, regions, data);
  let strata: Map<string, AgeStratum[]> | undefined;
  let standardNote: Text | undefined;
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
    const limits = ciMethod === 'exact' ? msg('dsr.limits.exact') : msg('dsr.limits.byar');
    standardNote = msg('note.standardised', { bands: built.bands.join(', '), level: levelPercent(opts.ci), limits });
  }
  const rule = publishRule(opts);
  // Rates come from the counts as shown: rounded ones when --round-counts asks (README "Publishing").
  // The interval can differ by row (PHE's rule picks by count size): each row says which it got.
  const perRowMethod = opts.ciMethod === 'phe' ? 'human' : ruleActive(rule) ? 'machine' : false;
  const intervalMethods = (rows: RankedRegion[], national: RankedRegion) => {
    if (perRowMethod)
      for (const r of [...rows, national])
        r.interval_method = r.rate_lower === null ? null : strata ? 'dobson' : r.count === null ? null : poissonMethodUsed(r.count, opts.ciMethod);
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
  const methodName = method || asked;
  const notes: Text[] = [
    dataNote(data),
    ...populationNotes(population),
    ...(opts.standard
      ? []
      : [msg('note.rank-interval-method', { method: opts.ciMethod === 'exact' ? msg('interval.exact') : opts.ciMethod === 'byar' ? msg('interval.byar') : msg('interval.phe') })]),
  ];
  notes.push(msg('note.vs-riket', { level: levelPercent(opts.ci) }));
  if (dispersion) notes.push(dispersionNote(dispersion, opts.overdispersion));
  if (opts.rankInterval) notes.push(msg('note.rank-interval'));
  if (opts.funnel && !opts.overdispersion) notes.push(msg('note.funnel', { target: opts.standard ? msg('funnel.target.weighted') : msg('funnel.target.national') }));
  if (standardNote) notes.push(standardNote);
  if (method === '') notes.push(msg('note.no-method-column', { method: asked }));
  if (selected.length) notes.push(msg('note.ranks-among', { n: allRows.filter((r) => typeof r.rank === 'number').length, names: selected.map((r) => r.name) }));
  if (missingRegions.length) notes.push(msg('note.not-in-input', { year, regions: missingRegions }));
  // Year and method on every row (set in place: the suppression marks know rows by identity).
  for (const r of [...rows, ...whole.apart]) Object.assign(r, { year, method: methodName });
  const result: RankResult = {
    method: methodName,
    year,
    sex,
    age,
    per: opts.per,
    level: opts.ci,
    standardised: opts.standard !== undefined,
    funnel: opts.funnel === true,
    rankInterval: opts.rankInterval === true,
    intervalMethod: perRowMethod,
    rows,
    national,
    notes: [...notes, ...whole.notes],
    ...(whole.hidden ? { hidden: whole.hidden } : {}),
    ...(whole.statusKeys ? { statusKeys: whole.statusKeys } : {}),
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
  return { result, warnings: inputWarnings(data) };
}

/**
 * What the overdispersion estimate says, in one note: φ and τ², whether the limits were adjusted
 * and how — or, for plain Poisson limits, that they are too narrow for this spread and what to use.
 */
function dispersionNote(d: OverdispersionEstimate, kind: OverdispersionKind | undefined): Message {
  const estimate = msg('overdispersion.estimate', { phi: d.phi, tau2: d.tau2, n: d.n });
  const note = (verdict: Message) => msg('note.overdispersion', { estimate, verdict });
  if (kind === 'multiplicative') return note(d.phi > 1 ? msg('overdispersion.multiplicative', { factor: Math.sqrt(d.phi) }) : msg('overdispersion.multiplicative-none'));
  if (kind === 'additive') return note(d.tau2 > 0 ? msg('overdispersion.additive') : msg('overdispersion.additive-none'));
  return d.overdispersed ? msg('note.overdispersion-more', { estimate, verdict: msg('overdispersion.too-much', { df: d.n - 1 }) }) : note(msg('overdispersion.within-chance'));
}

function intervalName(method: PoissonMethod): string {
  return method === 'exact' ? 'exact Poisson' : method === 'byar' ? "Byar's approximation" : 'exact Poisson below 10, Byar from 10 (per row: interval_method)';
}

/** rank --by COLUMN: any unit in the file, by count or by proportion. */
async function runRankByUnit(opts: RankOptions, by: string): Promise<void> {
  const numerator = opts.numerator;
  const denominator = numerator ? opts.denominator : undefined;
  if (numerator && (!denominator || denominator === 'all')) throw usageError(msg('option.numerator-needs-denominator'));
  // In rank, --denominator is a population group unless --numerator makes it a column.
  const { units, file, filtered, notes } = await loadUnits({ ...opts, by, denominator });
  const result = unitRankResult({
    units,
    file,
    filtered,
    readNotes: notes,
    by,
    numerator,
    denominator,
    count: opts.count,
    level: opts.ci,
    funnel: opts.funnel === true,
    rule: publishRule(opts),
  });
  await emit(unitRankTable(result), opts);
}
