import { Command, Option } from 'commander';
import { ExitCode, formatLocation, RehabError } from '../errors.js';
import { readTable, type LoadedTable } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import type { Region, RegionIndex } from '../domain/regions.js';
import { methodsOf, resolveRegions, yearsOf } from '../domain/select.js';
import type { ColumnPlan } from '../ingest/shape.js';
import { displayName } from '../io/read.js';
import { writeStdout } from '../io/output.js';
import { addHelp, addReadOptions, addRegionOption, addRowOptions, langOption, plural, loadPopulation, loadRegions, readOptions, type DataOptions } from './common.js';
import { aboveTheirPopulation, describeAbove } from '../ingest/validate.js';
import type { PopulationTable } from '../domain/population.js';
import { setExitStatus } from '../io/context.js';
import { english } from '../messages/index.js';
import { refuseUnused } from './options.js';

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
}

export interface FileReport {
  file: string;
  ok: boolean;
  /** --region: the regions whose rows were checked. */
  only_regions?: string[];
  /** --region: what other regions' rows held, not checked. */
  left_out?: { values: number; missing: number; problems: number };
  encoding?: string;
  bom?: boolean;
  delimiter?: string;
  decimal_mark?: string;
  shape?: string;
  /** Why a file is read as one row per treatment. */
  reading?: string;
  header_line?: number;
  columns?: { column: string; role: string; note?: string }[];
  not_data_lines?: { line: number; text: string }[];
  rows?: number;
  values?: number;
  years?: number[];
  methods?: string[];
  regions?: string[];
  regions_absent?: string[];
  /** The file has no region column: every row is national. */
  national?: boolean;
  missing?: { line: number; column: string; marker: string }[];
  problems: { line?: number; column?: string; cell?: string; message: string; hint?: string }[];
  /** The sheet read, for an xlsx workbook (lines are then its rows). */
  sheet?: string;
}

const SHAPES: Record<string, string> = {
  long: 'long table (one value per row)',
  'wide-years': 'wide table, years as columns',
  'wide-methods': 'wide table, methods as columns',
  'record-level': 'record-level: one row per treatment, rows counted',
};

function roleOf(c: ColumnPlan): string {
  if (c.use === 'year-values') return `values for ${c.year}`;
  if (c.use === 'method-values') return `counts of ${c.method}`;
  if (c.use === 'value') return 'value';
  return c.use;
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
export function describeTable(t: LoadedTable, regions: RegionIndex, selected: readonly Region[] = [], leftOut?: FileReport['left_out']): FileReport {
  const present = new Set(t.observations.map((o) => o.region));
  const named = (r: Region) => `${r.code} ${r.name}`;
  // A selected region without a single row is a problem: what was asked about is not in the file.
  const absentSelected = selected.filter((r) => !present.has(r.code));
  const problems = [
    ...t.problems.map(({ region: _region, hint, ...p }) => ({ ...p, message: english(p.message), ...(hint !== undefined ? { hint: english(hint) } : {}) })),
    ...absentSelected.map((r) => ({
      message: `no rows for ${named(r)} (--region)`,
      hint: t.national ? 'the file has no region column: every row is national (Riket)' : 'run check without --region to see which regions the file has',
    })),
  ];
  return {
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
    columns: t.columns.map((c) => ({ column: c.header || `(column ${c.index + 1})`, role: roleOf(c), ...(c.note ? { note: c.note } : {}) })),
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
    missing: t.missing.map(({ region: _region, ...m }) => m),
    problems,
  };
}

function failedReport(file: string, e: RehabError): FileReport {
  return {
    file,
    ok: false,
    ...(e.location?.sheet !== undefined ? { sheet: e.location.sheet } : {}),
    problems: [
      {
        ...(e.location?.line !== undefined ? { line: e.location.line } : {}),
        ...(e.location?.column !== undefined ? { column: e.location.column } : {}),
        ...(e.location?.cell !== undefined ? { cell: e.location.cell } : {}),
        message: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
      },
    ],
  };
}

function ranges(ns: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    out.push(j > i ? `${ns[i]}–${ns[j]}` : String(ns[i]));
    i = j;
  }
  return out.join(', ');
}

/** The human report. Pure. */
export function renderReport(r: FileReport): string {
  const lines = [r.file];
  const item = (label: string, text: string) => lines.push(`  ${label.padEnd(10)} ${text}`);
  if (r.only_regions) {
    const out = r.left_out!;
    const other = [plural(out.values, 'value'), `${out.missing} missing`, plural(out.problems, 'problem')].join(', ');
    item('only', `${r.only_regions.join(', ')} (--region): their rows and rows whose region cannot be read; other regions' ${other} left out`);
  }
  // A workbook's lines are the rows of its sheet.
  const line = r.sheet !== undefined ? 'row' : 'line';
  if (r.encoding !== undefined) {
    if (r.sheet !== undefined) item('sheet', `"${r.sheet}" of an xlsx workbook`);
    else {
      item('encoding', `${r.encoding}${r.bom ? ' with BOM' : ''}`);
      item('delimiter', `${r.delimiter === 'tab' ? 'tab' : `"${r.delimiter}"`}, decimal mark "${r.decimal_mark}"`);
    }
    item('shape', `${SHAPES[r.shape!] ?? r.shape}${r.reading ? ` ${r.reading}` : ''}, header on ${line} ${r.header_line}`);
    item('columns', r.columns!.map((c) => `"${c.column}" → ${c.role}${c.note ? ` (${c.note})` : ''}`).join('\n             '));
    if (r.not_data_lines!.length)
      item('not data', r.not_data_lines!.map((l) => `${line} ${l.line}: ${l.text.length > 60 ? l.text.slice(0, 59) + '…' : l.text}`).join('\n             '));
    item('rows', `${plural(r.rows!, 'data row')} → ${plural(r.values!, 'value')}`);
    item('years', r.years!.length ? ranges(r.years!) : 'none');
    item('methods', r.methods!.length ? r.methods!.join(', ') : r.values === 0 ? 'none' : 'none named (no method column)');
    const found = r.regions!.length;
    if (r.national) item('regions', 'no region column: every row is national (Riket)');
    else if (r.only_regions)
      item('regions', `${r.regions!.length} of ${r.only_regions.length} asked for found${r.regions_absent!.length ? `; absent: ${r.regions_absent!.join(', ')}` : ''}`);
    else if (!r.regions_absent!.length) item('regions', `${found} found (all 21)`);
    else if (found === 0) item('regions', 'none found');
    else if (found <= r.regions_absent!.length) item('regions', `${found} found: ${r.regions!.join(', ')}; ${r.regions_absent!.length} absent`);
    else item('regions', `${found} found; absent: ${r.regions_absent!.join(', ')}`);
    if (r.missing!.length)
      item(
        'missing',
        `${plural(r.missing!.length, 'value')} marked missing: ${r
          .missing!.slice(0, 10)
          .map((m) => `${line} ${m.line} "${m.column}" (${m.marker || 'empty'})`)
          .join(', ')}${r.missing!.length > 10 ? ', …' : ''}`,
      );
  }
  if (r.problems.length === 0) item('problems', 'none');
  else {
    item('problems', String(r.problems.length));
    for (const p of r.problems) {
      lines.push(
        `    ${formatLocation({ file: r.file, ...(r.sheet !== undefined ? { sheet: r.sheet } : {}), ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}), ...(p.cell !== undefined ? { cell: p.cell } : {}) })}: ${p.message}`,
      );
      if (p.hint) lines.push(`      hint: ${p.hint}`);
    }
  }
  return lines.join('\n') + '\n';
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
    if (opts.kind === 'population')
      refuseUnused(
        command,
        ['--population'],
        'with --kind population (it compares counts with a population)',
        'check the population file itself: rehab-stats check FILE --kind population',
      );
    const regions = loadRegions();
    const selected = resolveRegions(opts.region ?? [], regions);
    const measure: Measure = opts.kind === 'population' ? 'population' : 'count';
    const reports: FileReport[] = [];
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
              hint: 'check the count and the population; if one person can be counted more than once, pass --above-population to the other commands',
            });
          }
        }
        reports.push(describeTable(table, regions, selected, leftOut));
      } catch (e) {
        if (e instanceof RehabError && e.exitCode !== ExitCode.usage) reports.push(failedReport(name, e));
        else throw e;
      }
    }
    writeStdout(opts.format === 'json' ? JSON.stringify(reports, null, 2) + '\n' : reports.map(renderReport).join('\n'));
    if (reports.some((r) => !r.ok)) setExitStatus(ExitCode.checkFailed);
  });
  return cmd;
}
