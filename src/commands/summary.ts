import { Command, Option } from 'commander';
import { resolveRegions } from '../domain/select.js';
import { countsOfYear, leftOutNote } from '../domain/year-counts.js';
import { summaryResult, summaryValues } from '../domain/summary.js';
import { summaryTable } from '../render/summary.js';
import { populationMade, type Made } from '../domain/provenance.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseDenominator, parseSexOption, type DataOptions, addRateOptions, refuseUnused, yearRead } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, populationNotes, sourceName } from '../domain/source-notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { msg } from '../messages/index.js';

const EXAMPLES = ['rehab-stats summary --method KBT --year 2014  # how unequal is access across regions?', 'rehab-stats summary --method MMR --measure count --format json'];

const DETAILS = `
The spread of one measure across the regions: the lowest and highest (and which regions),
quartiles and median (type 7 interpolation, as R and NumPy), mean, standard deviation (n − 1),
coefficient of variation (sd ÷ mean) and the ratio of highest to lowest.
--measure rate (default) uses treatments per --per inhabitants; count uses the counts.
CSV/TSV/JSON columns: statistic (min, q1, median, q3, max, mean, sd, cv, max_min_ratio), value, region.`;

interface SummaryOptions extends DataOptions, OutputOptions, PublishOptions {
  method?: string;
  year?: number;
  measure: 'rate' | 'count';
  per: number;
  sex?: string;
  denominator?: string;
}

export function summaryCommand(): Command {
  const cmd = new Command('summary')
    .summary('spread across regions: min, max, quartiles, CV, max/min ratio')
    .description('How unequal one measure is across the regions.')
    .addOption(new Option('--measure <measure>', 'rate per inhabitant or raw count').choices(['rate', 'count']).default('rate'));
  addRateOptions(cmd, { denominator: 'population to divide by: all (ages) or 16-67 (the target group); with --measure rate' });
  addDataOptions(cmd);
  addOutputOptions(cmd, { formulas: false });
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: SummaryOptions, command: Command) => {
    if (opts.measure === 'count') refuseUnused(command, ['--per', '--denominator', '--population', '--above-population'], msg('unused.summary'), msg('unused.summary.hint'));
    const regions = loadRegions();
    const selected = new Set(resolveRegions(opts.region ?? [], regions).map((r) => r.code));
    // As rank: a file without a year column holds the counts of --year.
    const data = await loadCounts(opts, regions, yearRead(opts.year));
    const sex = parseSexOption(opts.sex);
    const { method, asked, year, counts } = countsOfYear(data, { method: opts.method, year: opts.year, sex, source: sourceName(data) });
    const input = { counts, rule: publishRule(opts), regions, selected };
    // A region the input gives no count for is left out of the spread, and named (as funnel does).
    const withoutCount = leftOutNote(
      counts,
      regions.regions.filter((r) => selected.size === 0 || selected.has(r.code)),
      method || asked,
      year,
    );
    const population = opts.measure === 'rate' ? await loadPopulation(opts, regions, data) : undefined;
    const { values, notes } = summaryValues(population ? { ...input, rate: { population, year, sex, age: parseDenominator(opts.denominator), per: opts.per } } : input);
    // The population's notes once the rates are computed: they name the sources and Riket figures used.
    const made: Made = population ? { ...populationMade(population, [year]), methods: {} } : { population: null, methods: {} };
    const about = {
      measure: opts.measure,
      method: method || asked,
      year,
      per: opts.per,
      notes: [dataNote(data), ...withoutCount, ...notes, ...(population ? populationNotes(population) : [])],
      made,
    };
    await emit(summaryTable(summaryResult(values, about, sourceName(data), asked)), opts, inputWarnings(data));
  });
  return cmd;
}
