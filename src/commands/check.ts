import { Command, Option } from 'commander';
import { ExitCode, formatLocation, RehabError } from '../errors.js';
import { readTable, type LoadedTable } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { methodsOf, yearsOf } from '../domain/select.js';
import type { ColumnPlan } from '../ingest/shape.js';
import { displayName } from '../io/read.js';
import { writeStdout } from '../io/output.js';
import { addHelp, addReadOptions, addRowOptions, plural, loadPopulation, loadRegions, readOptions, type DataOptions } from './common.js';
import { aboveTheirPopulation, describeAbove } from '../ingest/validate.js';
import type { PopulationTable } from '../domain/population.js';

const EXAMPLES = [
  'rehab-stats check export.csv  # what was understood, and every problem',
  'rehab-stats check kbt-2013.csv kbt-2014.csv',
  'rehab-stats check folkmangd.csv --kind population',
  'rehab-stats check export.csv --format json',
];

const DETAILS = `
For each file: the encoding, delimiter and decimal mark detected, the shape of the table
(long, years as columns, methods as columns, or one row per treatment — and why), which
column plays which role, the lines that are not data (titles, footnotes), the years, methods
and regions found, values marked missing, and every problem with its line and column: rows
with more or fewer cells than the header, values that cannot be read, counts that are not
whole numbers, counts above the population (the bundled one, or --population FILE).
Exit code 0 when every file can be used as it is, 6 when any has a problem.`;

interface CheckOptions extends Omit<DataOptions, 'input'> {
  kind: 'counts' | 'population';
  format: 'text' | 'json';
}

export interface FileReport {
  file: string;
  ok: boolean;
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
  problems: { line?: number; column?: string; message: string; hint?: string }[];
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

/** Everything `check` says about one loaded table. Pure. */
export function describeTable(t: LoadedTable, regions: RegionIndex): FileReport {
  const present = new Set(t.observations.map((o) => o.region));
  return {
    file: t.file,
    ok: t.problems.length === 0,
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
    regions: [...(present.has('00') ? ['00 Riket'] : []), ...regions.regions.filter((r) => present.has(r.code)).map((r) => `${r.code} ${r.name}`)],
    regions_absent: regions.regions.filter((r) => !present.has(r.code)).map((r) => `${r.code} ${r.name}`),
    national: t.national,
    missing: t.missing,
    problems: t.problems,
  };
}

function failedReport(file: string, e: RehabError): FileReport {
  return {
    file,
    ok: false,
    problems: [{ ...(e.location?.line !== undefined ? { line: e.location.line } : {}), ...(e.location?.column !== undefined ? { column: e.location.column } : {}), message: e.message, ...(e.hint ? { hint: e.hint } : {}) }],
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
  if (r.encoding !== undefined) {
    item('encoding', `${r.encoding}${r.bom ? ' with BOM' : ''}`);
    item('delimiter', `${r.delimiter === 'tab' ? 'tab' : `"${r.delimiter}"`}, decimal mark "${r.decimal_mark}"`);
    item('shape', `${SHAPES[r.shape!] ?? r.shape}${r.reading ? ` ${r.reading}` : ''}, header on line ${r.header_line}`);
    item('columns', r.columns!.map((c) => `"${c.column}" → ${c.role}${c.note ? ` (${c.note})` : ''}`).join('\n             '));
    if (r.not_data_lines!.length) item('not data', r.not_data_lines!.map((l) => `line ${l.line}: ${l.text.length > 60 ? l.text.slice(0, 59) + '…' : l.text}`).join('\n             '));
    item('rows', `${plural(r.rows!, 'data row')} → ${plural(r.values!, 'value')}`);
    item('years', r.years!.length ? ranges(r.years!) : 'none');
    item('methods', r.methods!.length ? r.methods!.join(', ') : 'none named (no method column)');
    const found = r.regions!.length;
    if (r.national) item('regions', 'no region column: every row is national (Riket)');
    else if (!r.regions_absent!.length) item('regions', `${found} found (all 21)`);
    else if (found === 0) item('regions', 'none found');
    else if (found <= r.regions_absent!.length) item('regions', `${found} found: ${r.regions!.join(', ')}; ${r.regions_absent!.length} absent`);
    else item('regions', `${found} found; absent: ${r.regions_absent!.join(', ')}`);
    if (r.missing!.length) item('missing', `${plural(r.missing!.length, 'value')} marked missing: ${r.missing!.slice(0, 10).map((m) => `line ${m.line} "${m.column}" (${m.marker || 'empty'})`).join(', ')}${r.missing!.length > 10 ? ', …' : ''}`);
  }
  if (r.problems.length === 0) item('problems', 'none');
  else {
    item('problems', String(r.problems.length));
    for (const p of r.problems) {
      lines.push(`    ${formatLocation({ file: r.file, ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}) })}: ${p.message}`);
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
    .option('-p, --population <file>', 'population to compare counts with (default: the bundled SCB table)');
  addRowOptions(addReadOptions(cmd), { skipInvalid: false });
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (files: string[], opts: CheckOptions) => {
    const regions = loadRegions();
    const measure: Measure = opts.kind === 'population' ? 'population' : 'count';
    const reports: FileReport[] = [];
    let population: PopulationTable | undefined;
    for (const f of files) {
      const name = displayName(f);
      try {
        const table = await readTable(f, measure, regions, readOptions(opts, { collectProblems: true }));
        if (measure === 'count') {
          population ??= await loadPopulation({ ...(opts.population ? { population: opts.population } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}) }, regions);
          for (const a of aboveTheirPopulation(table.observations, population)) {
            table.problems.push({ ...(a.o.line > 0 ? { line: a.o.line } : {}), message: describeAbove(a.o, a.population, regions), hint: 'check the count and the population; if one person can be counted more than once, pass --above-population to the other commands' });
          }
        }
        reports.push(describeTable(table, regions));
      } catch (e) {
        if (e instanceof RehabError && e.exitCode !== ExitCode.usage) reports.push(failedReport(name, e));
        else throw e;
      }
    }
    writeStdout(opts.format === 'json' ? JSON.stringify(reports, null, 2) + '\n' : reports.map(renderReport).join('\n'));
    if (reports.some((r) => !r.ok)) process.exitCode = ExitCode.checkFailed;
  });
  return cmd;
}
