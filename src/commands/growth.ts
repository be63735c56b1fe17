import { Command } from 'commander';
import { populationMade } from '../domain/provenance.js';
import { usageError } from '../errors.js';
import { addPerCapita, growthRows, type GrowthResult } from '../domain/growth-rows.js';
import { keepRegions, resolveRegions } from '../domain/select.js';
import { countsOfYears } from '../domain/year-counts.js';
import { growthTable } from '../render/growth.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from '../domain/regions.js';
import { protectTable, roundCells } from '../domain/publish.js';
import { growthSpec } from '../domain/publish-specs.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import type { PopulationTable } from '../domain/population.js';
import {
  addDataOptions,
  parseSexOption,
  parseYearOption,
  type DataOptions,
  addDeprecatedSpelling,
  addMethodOption,
  addPerOption,
  addSexOption,
  addYearRange,
  refuseUnused,
} from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, populationNotes, sourceName } from '../domain/source-notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions, type CountData } from '../ingest/counts.js';
import { msg, type Text } from '../messages/index.js';

const EXAMPLES = [
  'rehab-stats growth --method KBT --from 2009  # to the latest year',
  'rehab-stats growth --method MMR --from 2009 --to 2014',
  'rehab-stats growth --method KBT --from 2010 --format csv',
  'rehab-stats growth --method KBT --from 2009 --to 2014 --per-capita  # is the rise more than noise?',
];

const DETAILS = `
Per region and for the whole country: the count in the base year and in the end year, the
change, the percent change and the compound annual growth rate (CAGR). A base of zero gives
no percentage and says so.
CSV/TSV/JSON columns: region_code, region, base_year, base_count, year, count, change,
change_pct, cagr_pct, note. With --per-capita: region_code, region, base_year, base_count,
year, count, base_rate, rate, change_pct, cagr_pct (of the rate), rate_ratio, ratio_lower,
ratio_upper, significant, note.`;

interface GrowthOptions extends DataOptions, OutputOptions, PublishOptions {
  method?: string;
  /** The base year (--from; --since is its older spelling). */
  from?: number;
  to?: number;
  sex?: string;
  perCapita?: boolean;
  per: number;
}

export function growthCommand(): Command {
  const cmd = new Command('growth')
    .summary('growth in treatments since a base year, per region and nationally')
    .description('Growth in the number of treatments between two years: change, percent change and CAGR.');
  addMethodOption(cmd);
  addYearRange(cmd, 'base year (required)', 'end year (default: the latest year in the data)');
  addDeprecatedSpelling(cmd, '--since', '--from', parseYearOption('--since'));
  addSexOption(cmd, 'count (and with --per-capita, population) of one sex');
  cmd.option('--per-capita', 'compare rates per inhabitant, not counts, with the rate ratio and its exact 95% interval');
  addPerOption(cmd, 'with --per-capita: rate per this many inhabitants');
  addDataOptions(cmd);
  addOutputOptions(cmd, { formulas: false });
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: GrowthOptions, command: Command) => {
    if (!opts.perCapita) refuseUnused(command, ['--per', '--population', '--above-population'], msg('unused.growth'), msg('unused.add-per-capita.hint'));
    return runGrowth(opts);
  });
  return cmd;
}

/** growth: the inputs → the typed result → the table, written as --format asks. */
async function runGrowth(opts: GrowthOptions): Promise<void> {
  // The command line is checked before anything is read.
  if (opts.from === undefined) throw usageError(msg('growth.needs-from'), msg('growth.needs-from.hint'));
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  const data = await loadCounts(opts, regions);
  await emit(growthTable(await computeGrowth({ ...opts, from: opts.from }, { data, regions, selected })), opts, inputWarnings(data));
}

/** Growth between two years as published: reads the inputs, computes, applies the publishing rule. */
async function computeGrowth(
  opts: GrowthOptions & { from: number },
  { data, regions, selected }: { data: CountData; regions: RegionIndex; selected: readonly Region[] },
): Promise<GrowthResult> {
  const from = opts.from;
  const sex = parseSexOption(opts.sex);
  const { method, asked, to: year, base: baseCounts, end: endCounts } = countsOfYears(data, { method: opts.method, from, to: opts.to, sex, source: sourceName(data) });
  const rule = publishRule(opts);
  // Change, percentages and rates come from the counts as shown: rounded ones with --round-counts.
  const { rows, national, summed } = growthRows(regions, roundCells(baseCounts, rule), roundCells(endCounts, rule), from, year);
  const span = msg('span.years', { n: year - from });
  // A region with a count in one of the years has its row, which says which is missing; one in
  // neither year has none, and is named (as summary and funnel name the regions they leave out).
  const scope = selected.length ? selected.filter((r) => r.code !== NATIONAL_CODE) : regions.regions;
  const withRow = new Set(rows.map((r) => r.region_code));
  const neither = scope.filter((r) => !withRow.has(r.code)).map((r) => r.name);
  const notes: Text[] = [dataNote(data), ...(neither.length ? [msg('note.left-out-no-count-either', { method: method || asked, from, to: year, regions: neither })] : [])];
  let populationTable: PopulationTable | undefined;
  if (opts.perCapita) {
    const population = await loadPopulation(opts, regions, data);
    populationTable = population;
    const withBoth = rows.filter((r) => typeof r.base_count === 'number' && typeof r.count === 'number').map((r) => r.region_code);
    addPerCapita(
      rows,
      national,
      summed,
      (code, y) => population.require(code, y, sex),
      opts.per,
      (y) => withBoth.reduce((s, c) => s + population.require(c, y, sex), 0),
    );
    notes.push(...populationNotes(population));
    notes.push(msg('note.growth-per-capita', { span, to: year, from }));
  } else notes.push(msg('note.growth-cagr', { span }));
  // Suppression is decided on the whole table, before --region picks rows from it.
  const whole = protectTable({ rows, apart: [national], notes }, growthSpec(rows, baseCounts, endCounts), rule);
  return {
    method: method || asked,
    sex,
    from,
    to: year,
    ...(opts.perCapita ? { per: opts.per } : {}),
    rows: keepRegions(whole.rows, selected),
    national,
    notes: whole.notes,
    ...(whole.hidden ? { hidden: whole.hidden } : {}),
    ...(whole.statusKeys ? { statusKeys: whole.statusKeys } : {}),
    made: {
      ...(populationTable ? populationMade(populationTable, [from, year]) : { population: null }),
      methods: { ...(opts.perCapita ? { interval: 'rate ratio with its exact interval (conditional binomial)' } : {}) },
    },
  };
}
