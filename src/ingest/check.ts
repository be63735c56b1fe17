import { RehabError } from '../errors.js';
import type { LoadedTable } from './index.js';
import type { Region, RegionIndex } from '../domain/regions.js';
import { methodsOf, yearsOf } from '../domain/select.js';
import type { ColumnPlan } from './shape.js';
import type { Checked, FileReport, ProblemText } from '../domain/check-report.js';
import { english, msg, type Message } from '../messages/index.js';

/** What \`check\` finds in a read table, as the typed result render/check.ts draws. */

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

export function failedReport(file: string, e: RehabError): Checked {
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
