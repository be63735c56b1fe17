import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { loadUnits } from '../ingest/units.js';
import { unitRankResult } from '../domain/unit-ranking.js';
import { unitRankTable } from '../render/units.js';
import type { RankResult } from '../domain/ranking.js';
import { regionRankResult } from '../domain/region-ranking.js';
import { resolveRegions } from '../domain/select.js';
import { countsOfYear } from '../domain/year-counts.js';
import { sourceName } from '../domain/source-notes.js';
import { matchKey } from '../domain/text.js';
import type { PoissonMethod } from '../stats/poisson.js';
import type { OverdispersionKind } from '../stats/overdispersion.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import { rankTable, styleRankCell } from '../render/rank.js';
import { addDataOptions, parseDenominator, parseLevel, parseSexOption, type DataOptions, addRateOptions, refuseUnused, yearRead } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { msg, type Text } from '../messages/index.js';

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
  const data = await loadCounts(opts, regions, { ...yearRead(opts.year), keep });
  const sex = parseSexOption(opts.sex);
  const selection = countsOfYear(data, { method: opts.method, year: opts.year, sex, source: sourceName(data) });
  const age = parseDenominator(opts.denominator);
  const population = await loadPopulation(opts, regions, data);
  const result = regionRankResult(data, selection, population, regions, {
    age,
    per: opts.per,
    level: opts.ci,
    ciMethod: opts.ciMethod,
    ciMethodGiven,
    funnel: opts.funnel === true,
    ...(opts.overdispersion ? { overdispersion: opts.overdispersion } : {}),
    rankInterval: opts.rankInterval === true,
    standard: opts.standard !== undefined,
    rule: publishRule(opts),
    selected,
  });
  return { result, warnings: inputWarnings(data) };
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
