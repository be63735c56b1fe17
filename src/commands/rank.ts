import type { ChalkInstance } from 'chalk';
import { Command, Option } from 'commander';
import { dataError, populationError, usageError } from '../errors.js';
import { loadUnits, rankUnits } from './units.js';
import { ALL_AGES, type Observation, type Sex } from '../domain/observation.js';
import type { PopulationTable } from '../domain/population.js';
import { NATIONAL_CODE, type RegionIndex } from '../domain/regions.js';
import { resolveMethod, selectCounts, yearsOf, type CountCell } from '../domain/select.js';
import { crudeRate, SMALL_COUNT } from '../stats/rate.js';
import { directlyStandardisedRate, ESP2013, type AgeStratum } from '../stats/dsr.js';
import { competitionRanks } from '../stats/rank.js';
import type { PoissonMethod } from '../stats/poisson.js';
import type { Column, ResultRow, ResultTable } from '../render/model.js';
import { FUNNEL_COLUMNS, intervalColumns } from '../render/columns.js';
import { compareWithBenchmark } from '../stats/compare.js';
import { funnelLabel, rateFunnelLimits } from '../stats/funnel.js';
import {
  addDataOptions, addHelp, addOutputOptions, BUNDLED_DATA_LABEL, BUNDLED_POPULATION_LABEL, emit, inputWarnings, loadCounts,
  loadPopulation, loadRegions, parseDenominator, parseLevel, parsePositive, parseSexOption, parseYearOption,
  type DataOptions, type OutputOptions,
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
interval (exact Poisson by default). Rates equal at the printed precision (one decimal)
share a rank (1, 2, 2, 4). Riket, the whole country, is shown apart from the ranking.
Counts below 10 are flagged: their rates are unstable.
CSV/TSV/JSON columns: rank, region_code, region, count, population, rate, rate_lower,
rate_upper, ratio_to_national, vs_national, [funnel_95_lower, funnel_95_upper,
funnel_998_lower, funnel_998_upper, funnel with --funnel,] note.`;

interface RankOptions extends DataOptions, OutputOptions {
  method: string;
  year?: number;
  per: number;
  ci: number;
  ciMethod: PoissonMethod;
  sex?: string;
  denominator?: string;
  funnel?: boolean;
  standard?: string;
  by?: string;
  numerator?: string;
  count?: string;
}

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
  /** Age-standardise: each region's counts and population by age group with the standard's weights. */
  strata?: Map<string, AgeStratum[]>;
}

/**
 * The ranked rows and the national row. Pure apart from the population lookups, which throw
 * when a needed figure is missing.
 */
export function rankRows(input: RankInput): { rows: ResultRow[]; national: ResultRow; missingRegions: string[] } {
  const { counts, population, regions, year, sex, age, per, level, ciMethod } = input;
  const rateRow = (code: string, name: string, cell: CountCell | undefined, pop: number): ResultRow => {
    const base = { rank: null, region_code: code, region: name, population: pop };
    if (!cell || cell.value === null) {
      return { ...base, count: null, rate: null, rate_lower: null, rate_upper: null, note: cell?.note ?? `missing in input${cell ? ` (line ${cell.lines.join(', ')})` : ''}` };
    }
    const strata = input.strata?.get(code);
    const r = strata ? directlyStandardisedRate(strata, per, level) : crudeRate(cell.value, pop, per, level, ciMethod);
    return { ...base, count: cell.value, rate: r.rate, rate_lower: r.lower, rate_upper: r.upper, note: cell.value < SMALL_COUNT ? `fewer than ${SMALL_COUNT} treatments: rate unstable` : '' };
  };
  const populationOf = (code: string) => (input.strata?.has(code) ? input.strata.get(code)!.reduce((s, x) => s + x.population, 0) : population.require(code, year, sex, age));

  const present = regions.regions.filter((r) => counts.has(r.code));
  const rows = present.map((r) => rateRow(r.code, r.name, counts.get(r.code), populationOf(r.code)));
  const ranked = rows.filter((r) => typeof r.rate === 'number');
  const ranks = competitionRanks(ranked.map((r) => Math.round((r.rate as number) * 10)));
  ranked.forEach((r, i) => (r.rank = ranks[i]!));
  rows.sort((a, b) => (a.rank === null ? 1 : 0) - (b.rank === null ? 1 : 0) || ((a.rank as number) ?? 0) - ((b.rank as number) ?? 0) || String(a.region_code).localeCompare(String(b.region_code)));

  const missingRegions = regions.regions.filter((r) => !counts.has(r.code)).map((r) => r.name);
  const reported = counts.get(NATIONAL_CODE);
  let national: ResultRow;
  if (reported) {
    national = rateRow(NATIONAL_CODE, 'Riket', reported, population.require(NATIONAL_CODE, year, sex, age));
    national.note = national.note || 'as reported in the input';
  } else {
    const usable = ranked;
    const sum = usable.reduce((s, r) => s + (r.count as number), 0);
    const complete = usable.length === regions.regions.length;
    if (input.strata) input.strata.set(NATIONAL_CODE, sumStrata(usable.map((r) => input.strata!.get(r.region_code as string)!)));
    const pop = input.strata ? populationOf(NATIONAL_CODE) : complete ? population.require(NATIONAL_CODE, year, sex, age) : usable.reduce((s, r) => s + (r.population as number), 0);
    const some = `${usable.length} region${usable.length === 1 ? '' : 's'}`;
    national = rateRow(NATIONAL_CODE, complete ? 'Riket' : `Total of ${some}`, { value: sum, lines: [] }, pop);
    national.note = complete ? 'sum of the 21 regions' : `sum of the ${some} with counts`;
  }
  addComparisons(rows, national, input);
  return { rows, national, missingRegions };
}

/** Age groups added up across regions (same groups, same order). */
function sumStrata(list: AgeStratum[][]): AgeStratum[] {
  return list[0]!.map((s, i) => ({ count: list.reduce((t, l) => t + l[i]!.count, 0), population: list.reduce((t, l) => t + l[i]!.population, 0), weight: s.weight }));
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
  standardName: string,
  source: string,
): { strata: Map<string, AgeStratum[]>; bands: string[]; problems: Map<string, string> } {
  const rows = obs.filter((o) => o.method === sel.method && o.year === sel.year && o.age !== ALL_AGES && (o.sex === sel.sex || (sel.sex === 'total' && o.sex !== 'total')));
  const bands = [...new Set(rows.map((o) => o.age))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  if (bands.length === 0) throw dataError('the input has no counts by age group, so there is nothing to standardise', { file: source }, 'age standardisation needs an age column with groups such as 15-19, 20-24, …');
  const unknown = bands.filter((b) => standard[b] === undefined);
  if (unknown.length) throw dataError(`age group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} not in ${standardName}`, { file: source }, `${standardName} has: ${Object.keys(standard).join(', ')}`);
  const strata = new Map<string, AgeStratum[]>();
  const problems = new Map<string, string>();
  for (const r of regions.regions) {
    const mine = rows.filter((o) => o.region === r.code);
    if (!mine.length) continue;
    const list: AgeStratum[] = [];
    for (const band of bands) {
      const inBand = mine.filter((o) => o.age === band);
      if (!inBand.length && !sel.absentIsZero) {
        problems.set(r.code, `no count for age group ${band}`);
        break;
      }
      if (inBand.some((o) => o.value === null)) {
        problems.set(r.code, `count for age group ${band} missing in input`);
        break;
      }
      const pop = population.get(r.code, sel.year, sel.sex, band);
      if (pop === undefined) {
        throw populationError(`${population.source} has no population for ${r.name} (${r.code}) aged ${band} in ${sel.year}`, 'age standardisation needs the population in the same age groups as the counts: pass it with --population');
      }
      list.push({ count: inBand.reduce((t, o) => t + (o.value as number), 0), population: pop, weight: standard[band]! });
    }
    if (!problems.has(r.code)) strata.set(r.code, list);
  }
  return { strata, bands, problems };
}

/**
 * Each region against the national rate: the ratio, whether its interval lies wholly above or
 * below it, and with funnel limits where it falls against the 95% and 99.8% limits for its size.
 */
function addComparisons(rows: ResultRow[], national: ResultRow, input: RankInput): void {
  const benchmark = national.rate;
  for (const r of rows) {
    if (typeof r.rate !== 'number' || typeof benchmark !== 'number' || benchmark === 0) {
      Object.assign(r, { ratio_to_national: null, vs_national: null, ...(input.funnel ? { funnel: null } : {}) });
      continue;
    }
    r.ratio_to_national = r.rate / benchmark;
    r.vs_national = compareWithBenchmark(r.rate_lower as number, r.rate_upper as number, benchmark);
    if (!input.funnel) continue;
    const pop = r.population as number;
    const l95 = rateFunnelLimits(benchmark, pop, input.per, 0.95);
    const l998 = rateFunnelLimits(benchmark, pop, input.per, 0.998);
    Object.assign(r, { funnel_95_lower: l95.lower, funnel_95_upper: l95.upper, funnel_998_lower: l998.lower, funnel_998_upper: l998.upper, funnel: funnelLabel(r.rate, l95, l998) });
  }
  Object.assign(national, { ratio_to_national: typeof benchmark === 'number' ? 1 : null, vs_national: null, ...(input.funnel ? { funnel: null } : {}) });
}

export function rankColumns(level: number, perLabel: string, funnel = false, barScale?: number): Column[] {
  const pct = `${Math.round(level * 1000) / 10}%`;
  const funnelColumns: readonly Column[] = funnel ? FUNNEL_COLUMNS : [];
  return [
    { key: 'rank', header: 'Rank', type: 'integer', empty: '' },
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
    .addOption(new Option('--ci-method <method>', 'exact Poisson, Byar\'s approximation, or PHE\'s rule (exact below 10, Byar from 10)').choices(['exact', 'byar', 'phe']).default('exact'))
    .addOption(new Option('--sex <sex>', 'count and population of one sex').choices(['all', 'women', 'men']).default('all'))
    .option('--by <column>', 'rank the units of this column (clinic, programme …) instead of regions; needs --input')
    .option('--numerator <column>', 'with --by: rank by the proportion numerator ÷ --denominator COLUMN, with Wilson intervals')
    .option('--count <column>', 'with --by: add up this column (default: count the rows)')
    .addOption(new Option('--standard <population>', 'age-standardise directly against this standard population (needs counts and population by age group)').choices(['esp2013']))
    .option('--funnel', 'add funnel-plot control limits (95% and 99.8%) around the national rate for each region\'s size')
    .option('--denominator <group>', 'population to divide by: all (ages) or 16-67 (the target group); with --by: the denominator column', 'all');
  addDataOptions(cmd);
  addOutputOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: RankOptions) => runRank(opts));
  return cmd;
}

async function runRank(opts: RankOptions): Promise<void> {
  if (opts.by) return runRankByUnit(opts);
  const regions = loadRegions();
  const data = await loadCounts(opts, regions, opts.year !== undefined ? { defaultYear: opts.year } : {});
  const method = resolveMethod(data.observations, opts.method, data.source);
  const sex = parseSexOption(opts.sex);
  const age = parseDenominator(opts.denominator);
  const ofMethod = data.observations.filter((o) => o.method === method);
  const years = yearsOf(ofMethod);
  const year = opts.year ?? years[years.length - 1]!;
  const counts = selectCounts(data.observations, { method, year, sex, absentIsZero: data.recordLevel });
  if (counts.size === 0) {
    throw dataError(`no ${opts.method} counts for ${year}${sex !== 'total' ? ` (${sex})` : ''}`, { file: data.source }, `years with ${opts.method} counts: ${years.join(', ') || 'none'}`);
  }
  const population = await loadPopulation(opts, regions);
  let strata: Map<string, AgeStratum[]> | undefined;
  let standardNote: string | undefined;
  if (opts.standard) {
    const built = buildStrata(data.observations, { method, year, sex, absentIsZero: data.recordLevel }, population, regions, ESP2013, 'the European Standard Population 2013', data.source);
    strata = built.strata;
    for (const [code, why] of built.problems) counts.set(code, { value: null, lines: counts.get(code)?.lines ?? [], note: why });
    standardNote = `Age-standardised directly to the European Standard Population 2013 over the age groups ${built.bands.join(', ')}; 95% intervals by Dobson's method.`;
  }
  const { rows, national, missingRegions } = rankRows({ counts, population, regions, year, sex, age, per: opts.per, level: opts.ci, ciMethod: opts.ciMethod, funnel: opts.funnel, ...(strata ? { strata } : {}) });

  const perLabel = opts.per.toLocaleString('en-US');
  const methodName = method || opts.method;
  const who = [sex !== 'total' ? sex : '', age !== ALL_AGES ? `aged ${age}` : ''].filter(Boolean).join(' ');
  const notes = [
    ...(data.bundled ? [BUNDLED_DATA_LABEL] : [`Data: ${data.source}.`]),
    population.bundled ? BUNDLED_POPULATION_LABEL : `Population: ${population.source}.`,
    ...(opts.standard ? [] : [`Interval: ${opts.ciMethod === 'exact' ? 'exact Poisson' : opts.ciMethod === 'byar' ? "Byar's approximation" : 'exact Poisson below 10, Byar from 10'}; rates equal to one decimal share a rank.`]),
  ];
  notes.push(`vs Riket: higher or lower when the region's ${Math.round(opts.ci * 1000) / 10}% interval lies wholly above or below the national rate.`);
  if (opts.funnel) notes.push('Funnel: outside the 95% or 99.8% control limits for a region of that size if its true rate were the national one (Spiegelhalter 2005).');
  if (standardNote) notes.push(standardNote);
  if (method === '') notes.push(`The input has no method column: every count is taken as ${opts.method}.`);
  if (missingRegions.length) notes.push(`Not in the input for ${year}: ${missingRegions.join(', ')}.`);
  const table: ResultTable = {
    title: `${methodName} treatments per ${perLabel} inhabitants${who ? ` (${who})` : ''}${opts.standard ? ', age-standardised' : ''}, ${year}`,
    columns: rankColumns(opts.ci, perLabel, opts.funnel, Math.max(...rows.map((r) => (typeof r.rate_upper === 'number' ? r.rate_upper : 0)))),
    rows,
    apart: [national],
    notes,
  };
  emit(table, opts, inputWarnings(data), styleRankCell);
}

/**
 * Colour for meaning, in the terminal only: green above the national rate, red below (when the
 * interval says so), bold outside the 99.8% funnel limits, yellow for small-number warnings.
 */
export function styleRankCell(col: Column, row: ResultRow, text: string, chalk: ChalkInstance): string {
  if (col.key === 'vs_national' || (col.key === 'rate' && col.type === 'rate') || col.type === 'bar') {
    if (row.vs_national === 'higher') return chalk.green(text);
    if (row.vs_national === 'lower') return chalk.red(text);
  }
  if (col.key === 'funnel' && typeof row.funnel === 'string' && row.funnel.includes('99.8')) return chalk.bold(text);
  if (col.key === 'note' && typeof row.count === 'number' && row.count < SMALL_COUNT) return chalk.yellow(text);
  return text;
}

/** rank --by COLUMN: any unit in the file, by count or by proportion. */
async function runRankByUnit(opts: RankOptions): Promise<void> {
  const numerator = opts.numerator;
  const denominator = numerator ? opts.denominator : undefined;
  if (numerator && (!denominator || denominator === 'all')) throw usageError('--numerator needs --denominator COLUMN');
  // In rank, --denominator is a population group unless --numerator makes it a column.
  const { units, file, filtered } = await loadUnits({ ...opts, by: opts.by!, denominator });
  const { table } = rankUnits(units, opts.ci, opts.funnel);
  const what = numerator ? `${numerator} of ${denominator}` : opts.count ? opts.count : 'rows';
  emit(
    {
      ...table,
      title: `${what} by ${opts.by}${filtered.length ? ` (${filtered.join(', ')})` : ''}`,
      notes: [
        `Data: ${file}.`,
        numerator ? 'Percent with Wilson score intervals; "vs overall" is higher or lower when the whole interval lies above or below the overall percentage.' : 'Counts with exact Poisson intervals.',
        ...(opts.funnel && numerator ? ['Funnel: outside the 95% or 99.8% control limits around the overall percentage for a unit of that size (Spiegelhalter 2005).'] : []),
      ],
    },
    opts,
  );
}
