import { Command, Option } from 'commander';
import { ExitCode, formatLocation, RehabError } from '../errors.js';
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
import { english, msg, resolveLang, say, t, type Lang, type Message, type MessageId, type Text } from '../messages/index.js';

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
type ProblemText = { line?: number; column?: string; cell?: string; message: Text; hint?: Text };

/** What check found in one file: the JSON report (English) and what the text report needs in the output's language. */
interface Checked {
  report: FileReport;
  problems: ProblemText[];
  columns: { column: Text; role: Text; note?: Text }[];
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

function ranges(ns: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === (ns[j] ?? NaN) + 1) j++;
    out.push(j > i ? `${ns[i]}–${ns[j]}` : String(ns[i]));
    i = j;
  }
  return out.join(', ');
}

/** The human report, in `lang`. Pure. */
export function renderReport(c: Checked, lang: Lang): string {
  const r = c.report;
  const say_ = (m: Text) => say(m, lang);
  const lines = [r.file];
  const item = (label: MessageId & `check.label.${string}`, text: Text) => lines.push(`  ${t(lang, label).padEnd(10)} ${say_(text)}`);
  const more = '\n             ';
  if (r.only_regions && r.left_out) {
    const out = r.left_out;
    item('check.label.only', msg('check.only', { regions: r.only_regions, values: out.values, missing: out.missing, problems: out.problems }));
  }
  // A workbook's lines are the rows of its sheet.
  const at = (line: number) => msg(r.sheet !== undefined ? 'check.at-row' : 'check.at-line', { line });
  if (r.encoding !== undefined) {
    if (r.sheet !== undefined) item('check.label.sheet', msg('check.sheet', { sheet: r.sheet }));
    else {
      item('check.label.encoding', r.bom ? msg('check.with-bom', { encoding: r.encoding }) : r.encoding);
      item('check.label.delimiter', msg('check.delimiter', { delimiter: r.delimiter === 'tab' ? msg('delimiter.tab') : `"${r.delimiter}"`, decimal: r.decimal_mark ?? '' }));
    }
    const shape = r.shape === 'long' || r.shape === 'wide-years' || r.shape === 'wide-methods' || r.shape === 'record-level' ? msg(`check.shape.${r.shape}`) : (r.shape ?? '');
    const reading = r.reading === undefined ? undefined : msg(r.reading === 'as asked (--records)' ? 'check.reading.option' : 'check.reading.no-count-column');
    const header = at(r.header_line ?? 1);
    item('check.label.shape', reading ? msg('check.shape-reading', { shape, reading, at: header }) : msg('check.shape', { shape, at: header }));
    const column = (col: Checked['columns'][number]) =>
      col.note ? msg('check.column-note', { column: col.column, role: col.role, note: col.note }) : msg('check.column', { column: col.column, role: col.role });
    item('check.label.columns', c.columns.map((col) => say_(column(col))).join(more));
    const notData = r.not_data_lines ?? [];
    if (notData.length) item('check.label.not-data', notData.map((l) => `${say_(at(l.line))}: ${l.text.length > 60 ? l.text.slice(0, 59) + '…' : l.text}`).join(more));
    item('check.label.rows', msg('check.rows', { rows: r.rows ?? 0, values: r.values ?? 0 }));
    const years = r.years ?? [];
    item('check.label.years', years.length ? ranges(years) : msg('check.none'));
    const methods = r.methods ?? [];
    item('check.label.methods', methods.length ? methods.join(', ') : r.values === 0 ? msg('check.none') : msg('check.methods-unnamed'));
    const found = r.regions ?? [];
    const absent = r.regions_absent ?? [];
    if (r.national) item('check.label.regions', msg('check.national'));
    else if (r.only_regions) {
      const asked = { n: found.length, of: r.only_regions.length };
      item('check.label.regions', absent.length ? msg('check.regions-asked-absent', { ...asked, absent }) : msg('check.regions-asked', asked));
    } else if (!absent.length) item('check.label.regions', msg('check.regions-all', { n: found.length }));
    else if (found.length === 0) item('check.label.regions', msg('check.regions-none'));
    else if (found.length <= absent.length) item('check.label.regions', msg('check.regions-few', { n: found.length, found, absent: absent.length }));
    else item('check.label.regions', msg('check.regions-most', { n: found.length, absent }));
    const missing = r.missing ?? [];
    if (missing.length) {
      const listed = missing.slice(0, 10).map((m) => msg('check.missing-value', { at: at(m.line), column: m.column, marker: m.marker || msg('note.empty-marker') }));
      item('check.label.missing', msg(missing.length > 10 ? 'check.missing-more' : 'check.missing', { n: missing.length, values: listed }));
    }
  }
  if (c.problems.length === 0) item('check.label.problems', msg('check.none'));
  else {
    item('check.label.problems', String(c.problems.length));
    for (const p of c.problems) {
      const where = formatLocation(
        {
          file: r.file,
          ...(r.sheet !== undefined ? { sheet: r.sheet } : {}),
          ...(p.line !== undefined ? { line: p.line } : {}),
          ...(p.column !== undefined ? { column: p.column } : {}),
          ...(p.cell !== undefined ? { cell: p.cell } : {}),
        },
        lang,
      );
      lines.push(`    ${where}: ${say_(p.message)}`);
      if (p.hint !== undefined && p.hint !== '') lines.push(`      ${t(lang, 'label.hint')}: ${say_(p.hint)}`);
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
