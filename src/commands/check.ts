import { Command, Option } from 'commander';
import { ExitCode, RehabError } from '../errors.js';
import { readTable, type LoadedTable, readOptions } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import type { Region, RegionIndex } from '../domain/regions.js';
import { methodsOf, resolveRegions, yearsOf } from '../domain/select.js';
import type { ColumnPlan } from '../ingest/shape.js';
import { displayName } from '../io/read.js';
import { writeStdout } from '../io/output.js';
import { addHelp } from './help.js';
import { addReadOptions, addRegionOption, addRowOptions, langOption, type DataOptions, refuseUnused } from './options.js';
import { loadPopulation, loadRegions } from '../ingest/counts.js';
import { aboveTheirPopulation, describeAbove } from '../ingest/validate.js';
import type { PopulationTable } from '../domain/population.js';
import { currentIo, setExitStatus } from '../io/context.js';
import type { Checked, FileReport, ProblemText } from '../domain/check-report.js';
import { renderReport } from '../render/check.js';
import { english, msg, resolveLang, type Message } from '../messages/index.js';

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

/** A problem as people read it: message and hint as catalogue messages. */
/** A column's role as check's report names it (JSON: English; text: in the output's language). */
function roleOf(c: ColumnPlan): Message {
  if (c.use === 'year-values') return msg('check.role.year-values', { year: c.year ?? '–' });
  if (c.use === 'method-values') return msg('check.role.method-values', { method: c.method ?? '–' });
  return msg(`role.${c.use}`);
}

/**
 * The part of a table that belongs to the selected regions: their values, missing values and
 * problems, and every problem whose row's region could not be read (it may be theirs). Pure.
 */
export function onlyRegions(t: LoadedTable, selected: readonly Region[]): { table: LoadedTable; leftOut: NonNullable<FileReport['left_out']> } {
  const codes = new Set(selected.map((r) => r.code));
  const mine = (region: string | undefined) => region === undefined || codes.has(region);
  const observations = t.observations.filter((o) => codes.has(o.region));
  const missing = t.missing.filter((m) => mine(m.region));
  const problems = t.problems.filter((p) => mine(p.region));
  return {
    table: { ...t, observations, missing, problems },
    leftOut: { values: t.observations.length - observations.length, missing: t.missing.length - missing.length, problems: t.problems.length - problems.length },
  };
}

/** Everything `check` says about one loaded table (with --region, the selected regions' part of it). Pure. */
export function describeTable(t: LoadedTable, regions: RegionIndex, selected: readonly Region[] = [], leftOut?: FileReport['left_out']): Checked {
  const present = new Set(t.observations.map((o) => o.region));
  const named = (r: Region) => `${r.code} ${r.name}`;
  // A selected region without a single row is a problem: what was asked about is not in the file.
  const absentSelected = selected.filter((r) => !present.has(r.code));
  const problems: ProblemText[] = [
    ...t.problems.map(withoutRegion),
    ...absentSelected.map((r) => ({
      message: msg('check.no-rows-for', { region: named(r) }),
      hint: t.national ? msg('check.national.hint') : msg('check.without-region.hint'),
    })),
  ];
  const columns = t.columns.map((c) => ({ column: c.header || msg('check.column-n', { n: c.index + 1 }), role: roleOf(c), ...(c.note ? { note: c.note } : {}) }));
  const report: FileReport = {
    file: t.file,
    ok: problems.length === 0,
    ...(selected.length ? { only_regions: selected.map(named), left_out: leftOut ?? { values: 0, missing: 0, problems: 0 } } : {}),
    ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
    encoding: t.encoding,
    bom: t.bom,
    delimiter: t.delimiter === '\t' ? 'tab' : t.delimiter,
    decimal_mark: t.decimal,
    shape: t.shape,
    ...(t.recordLevelBy ? { reading: t.recordLevelBy === 'option' ? 'as asked (--records)' : 'because no column holds counts' } : {}),
    header_line: t.headerLine,
    columns: columns.map((c) => ({ column: english(c.column), role: english(c.role), ...(c.note ? { note: english(c.note) } : {}) })),
    not_data_lines: t.skippedLines,
    rows: t.rowsRead,
    values: t.observations.length,
    years: yearsOf(t.observations),
    methods: methodsOf(t.observations).filter(Boolean),
    regions: selected.length
      ? selected.filter((r) => present.has(r.code)).map(named)
      : [...(present.has('00') ? ['00 Riket'] : []), ...regions.regions.filter((r) => present.has(r.code)).map(named)],
    regions_absent: (selected.length ? selected : regions.regions).filter((r) => !present.has(r.code)).map(named),
    national: t.national,
    missing: t.missing.map(withoutRegion),
    problems: problems.map(englishProblem),
  };
  return { report, problems, columns };
}

/** A problem as the JSON report gives it: its message and hint in English. */
function englishProblem(p: ProblemText): FileReport['problems'][number] {
  const { message, hint, ...where } = p;
  return { ...where, message: english(message), ...(hint !== undefined ? { hint: english(hint) } : {}) };
}

function failedReport(file: string, e: RehabError): Checked {
  const problem: ProblemText = {
    ...(e.location?.line !== undefined ? { line: e.location.line } : {}),
    ...(e.location?.column !== undefined ? { column: e.location.column } : {}),
    ...(e.location?.cell !== undefined ? { cell: e.location.cell } : {}),
    message: e.text,
    ...(e.hintText !== undefined && e.hintText !== '' ? { hint: e.hintText } : {}),
  };
  return {
    report: { file, ok: false, ...(e.location?.sheet !== undefined ? { sheet: e.location.sheet } : {}), problems: [englishProblem(problem)] },
    problems: [problem],
    columns: [],
  };
}

/** A problem or missing value as check reports it: the region is said elsewhere. */
function withoutRegion<T extends { region?: unknown }>(item: T): Omit<T, 'region'> {
  const copy = { ...item };
  delete copy.region;
  return copy;
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
