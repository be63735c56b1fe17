import { Command } from 'commander';
import { usageError } from '../errors.js';
import { populationCoverage, populationLookup } from '../domain/population-listing.js';
import { loadPopulationRows, loadSourceLocations } from '../ingest/population-rows.js';
import { loadRegions } from '../ingest/counts.js';
import { coverageTable, lookupTable } from '../render/population.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { parseYearOption } from './options.js';
import { fetchCommand } from './population-fetch.js';
import { msg } from '../messages/index.js';

const EXAMPLES = [
  'rehab-stats population  # which years, sexes and age groups are covered',
  'rehab-stats population --region 06 --year 2022  # every figure for Jönköping in 2022, with its source',
  'rehab-stats population fetch --from 2016 --to 2025  # by sex and 16–67 from SCB (see: population fetch --help)',
  'rehab-stats population --format csv',
];

const DETAILS = `
The bundled population is SCB's (Statistics Sweden) population on 31 December per county,
table BE0101N1, CC0: totals for all 21 regions and Riket every year 2000–2025; by sex and
aged 16–67 complete for 2000–2015, by sex for some regions after. Each cell of the overview
counts the regions (of 21) that have the figure. --region and --year list the figures
themselves with their sources (src/data/population-sources.csv).

From reference year 2025 SCB adds a small random perturbation to every published cell (the
Cell Key Method), so the 2025 regions sum to 6 more than Riket as published. Riket is shown
and used as published; every result that uses such a figure says so.

Where a figure is missing, pass your own population with --population FILE, or fetch SCB's
(rehab-stats population fetch --help): the data commands then use the fetched figures where
the bundled table has none, and say so in their notes.`;

interface PopulationOptions extends OutputOptions {
  region?: string;
  year?: number;
}

function runCoverage(opts: PopulationOptions): Promise<void> {
  const regions = loadRegions();
  return emit(coverageTable(populationCoverage(loadPopulationRows(regions), regions, loadSourceLocations())), opts);
}

function runLookup(opts: PopulationOptions): Promise<void> {
  const regions = loadRegions();
  const region = opts.region === undefined ? undefined : regions.resolve(opts.region);
  if (opts.region !== undefined && !region) {
    const near = regions.suggest(opts.region);
    throw usageError(msg('select.unknown-region', { text: opts.region }), near.length ? msg('select.closest.hint', { names: near.join('; ') }) : msg('select.see-regions.hint'));
  }
  return emit(lookupTable(populationLookup(loadPopulationRows(regions), regions, loadSourceLocations(), region, opts.year)), opts);
}

export function populationCommand(): Command {
  const cmd = new Command('population')
    .summary('show the population table: coverage per year, each figure with its source; fetch from SCB')
    .description('Show which years, sexes and age groups the population covers, or (with --region/--year) the figures themselves and where each comes from.')
    .option('-r, --region <region>', 'list the figures of this region (code or name)')
    .option('-y, --year <year>', 'list the figures of this year', parseYearOption('--year'));
  addOutputOptions(cmd, { formulas: false });
  addHelp(cmd, EXAMPLES, DETAILS);
  // population's own --output and --format must not swallow fetch's options.
  cmd.enablePositionalOptions().addCommand(fetchCommand());
  cmd.action((opts: PopulationOptions) => (opts.region !== undefined || opts.year !== undefined ? runLookup(opts) : runCoverage(opts)));
  return cmd;
}
