import { Command, Option } from 'commander';
import { ExitCode, RehabError } from '../errors.js';
import { readTable, readOptions } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import { resolveRegions } from '../domain/select.js';
import { displayName } from '../io/read.js';
import { writeStdout } from '../io/output.js';
import { addHelp } from './help.js';
import { addReadOptions, addRegionOption, addRowOptions, langOption, type DataOptions, refuseUnused } from './options.js';
import { loadPopulation, loadRegions } from '../ingest/counts.js';
import { aboveTheirPopulation, describeAbove } from '../ingest/validate.js';
import type { PopulationTable } from '../domain/population.js';
import { currentIo, setExitStatus } from '../io/context.js';
import type { Checked } from '../domain/check-report.js';
import { renderReport } from '../render/check.js';
import { describeTable, failedReport, onlyRegions } from '../ingest/check.js';
import { msg, resolveLang } from '../messages/index.js';

const EXAMPLES = [
  'rehab-stats check export.csv  # what was understood, and every problem',
  'rehab-stats check kbt-2013.csv kbt-2014.csv',
  'rehab-stats check folkmangd.csv --kind population',
  'rehab-stats check export.csv --format json',
  "rehab-stats check export.csv --region Jönköping  # only that region's rows",
];

const DETAILS = `
For each file: the encoding, delimiter and decimal mark detected, the shape of the table
(long, years as columns, methods as columns, or one row per treatment — and why), which
column plays which role, the lines that are not data (titles, footnotes), the years, methods
and regions found, values marked missing, and every problem with its line and column: rows
with more or fewer cells than the header, values that cannot be read, counts that are not
whole numbers, counts above the population (the bundled one, or --population FILE).
With --region only those regions' rows are checked (and rows whose region cannot be read, which
may belong to them); the report says so and how much of other regions it left out.
Exit code 0 when every file can be used as it is, 6 when any has a problem.`;

interface CheckOptions extends Omit<DataOptions, 'input'> {
  kind: 'counts' | 'population';
  format: 'text' | 'json';
  lang?: string;
}

export function checkCommand(): Command {
  const cmd = new Command('check')
    .summary('show what rehab-stats understands of a file, and every problem in it')
    .description('Check input files: encoding, delimiter, shape, column roles, years, methods, regions and problems.')
    .argument('<files...>', 'files to check ("-" for stdin)')
    .addOption(new Option('--kind <kind>', 'what the files hold').choices(['counts', 'population']).default('counts'))
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-p, --population <file>', 'population to compare counts with (default: the bundled SCB table)')
    .addOption(langOption());
  addRegionOption(addRowOptions(addReadOptions(cmd), { skipInvalid: false }));
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (files: string[], opts: CheckOptions, command: Command) => {
    if (opts.kind === 'population') refuseUnused(command, ['--population'], msg('unused.check-population'), msg('unused.check-population.hint'));
    const regions = loadRegions();
    const selected = resolveRegions(opts.region ?? [], regions);
    const measure: Measure = opts.kind === 'population' ? 'population' : 'count';
    const reports: Checked[] = [];
    let population: PopulationTable | undefined;
    for (const f of files) {
      const name = displayName(f);
      try {
        const read = await readTable(f, measure, regions, readOptions(opts, { collectProblems: true }));
        const { table, leftOut } = selected.length ? onlyRegions(read, selected) : { table: read, leftOut: undefined };
        if (measure === 'count') {
          population ??= await loadPopulation({ ...(opts.population ? { population: opts.population } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}) }, regions);
          for (const a of aboveTheirPopulation(table.observations, population)) {
            table.problems.push({
              ...(a.o.line > 0 ? { line: a.o.line } : {}),
              region: a.o.region,
              message: describeAbove(a.o, a.population, regions),
              hint: msg('check.above-population.hint'),
            });
          }
        }
        reports.push(describeTable(table, regions, selected, leftOut));
      } catch (e) {
        if (e instanceof RehabError && e.exitCode !== ExitCode.usage) reports.push(failedReport(name, e));
        else throw e;
      }
    }
    const lang = resolveLang(opts.lang, currentIo().env);
    writeStdout(
      opts.format === 'json'
        ? JSON.stringify(
            reports.map((c) => c.report),
            null,
            2,
          ) + '\n'
        : reports.map((c) => renderReport(c, lang)).join('\n'),
    );
    if (reports.some((c) => !c.report.ok)) setExitStatus(ExitCode.checkFailed);
  });
  return cmd;
}
