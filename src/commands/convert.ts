import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { readTable } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import type { Observation } from '../domain/observation.js';
import { writeStderr } from '../io/output.js';
import { resolveRegions } from '../domain/select.js';
import { neutraliseFormula } from '../render/machine.js';
import { addHelp, langOption, addReadOptions, addRegionOption, addRowOptions, inputWarnings, loadRegions, outputProtection, readOptions, writeResult, type DataOptions } from './common.js';

const EXAMPLES = [
  'rehab-stats convert export.csv > tidy.csv  # any supported export to one tidy table',
  'rehab-stats convert scb-folkmangd.csv --kind population --output population.csv',
  'rehab-stats convert records.csv --records  # one row per treatment, counted',
];

const DETAILS = `
Writes what rehab-stats understood of a file as one tidy CSV table, one row per region,
year, method, sex and age group: region_code, region, year, method (when the input has
one), sex, age, and count (or population with --kind population). Missing values stay empty, never zero. Sorted by
region code, year, method, sex and age, so the output is stable.
--output writes atomically (a temporary file, then a rename) and never overwrites an input.`;

interface ConvertOptions extends Omit<DataOptions, 'input' | 'population'> {
  kind: 'counts' | 'population';
  output?: string;
  quiet?: boolean;
  formulas?: boolean;
}

/**
 * The tidy table as CSV. Pure. Sorted by region code, year, method, sex and age with the same
 * comparisons as always (locale order for codes and methods), but each distinct value is
 * ranked once, so that a register extract's hundreds of thousands of rows sort by integers; rows
 * are written directly, with csv-stringify only for a row whose cells need quoting.
 */
export function tidyCsv(observations: readonly Observation[], regions: RegionIndex, measure: Measure, allowFormulas = false): string {
  const regionRank = ranks(observations.map((o) => o.region), (a, b) => a.localeCompare(b));
  const methodRank = ranks(observations.map((o) => o.method), (a, b) => a.localeCompare(b));
  const ageRank = ranks(observations.map((o) => o.age), ageOrder);
  const yearRank = new Map([...new Set(observations.map((o) => o.year))].sort((a, b) => a - b).map((y, i) => [y, i]));
  // One number per row orders it by all five parts at once (mixed radix of the distinct counts);
  // ties keep the input order, as a stable sort does.
  const radix = [regionRank.size, yearRank.size, methodRank.size, 4, ageRank.size];
  const key = new Float64Array(observations.length);
  observations.forEach((o, i) => {
    const parts = [regionRank.get(o.region)!, yearRank.get(o.year)!, methodRank.get(o.method)!, sexOrder(o.sex) + 1, ageRank.get(o.age)!];
    key[i] = parts.reduce((k, p, j) => k * radix[j]! + p, 0);
  });
  const exact = radix.reduce((a, b) => a * b, 1) < Number.MAX_SAFE_INTEGER;
  const order = Array.from(observations.keys()).sort((a, b) =>
    exact ? key[a]! - key[b]! || a - b : compareTidy(observations[a]!, observations[b]!, regionRank, methodRank, ageRank) || a - b,
  );
  const sorted = order.map((i) => observations[i]!);
  const valueKey = measure === 'population' ? 'population' : 'count';
  // A file without a method column converts to one without, so the output reads back the same.
  const withMethod = measure === 'count' && observations.some((o) => o.method !== '');
  const columns = ['region_code', 'region', 'year', ...(withMethod ? ['method'] : []), 'sex', 'age', valueKey];
  const names = new Map<string, string>();
  const nameOf = (code: string) => {
    let name = names.get(code);
    if (name === undefined) names.set(code, (name = code === '00' ? 'Riket' : (regions.byScbCode(code)?.name ?? code)));
    return name;
  };
  const lines: string[] = [stringify([columns])];
  for (const o of sorted) {
    const row = [o.region, nameOf(o.region), o.year, ...(withMethod ? [allowFormulas ? o.method : neutraliseFormula(o.method)] : []), o.sex, o.age, o.value ?? ''];
    lines.push(row.some((c) => typeof c === 'string' && NEEDS_QUOTES.test(c)) ? stringify([row]) : `${row.join(',')}\n`);
  }
  return lines.join('');
}

function compareTidy(a: Observation, b: Observation, regionRank: Map<string, number>, methodRank: Map<string, number>, ageRank: Map<string, number>): number {
  return regionRank.get(a.region)! - regionRank.get(b.region)! || a.year - b.year || methodRank.get(a.method)! - methodRank.get(b.method)! || sexOrder(a.sex) - sexOrder(b.sex) || ageRank.get(a.age)! - ageRank.get(b.age)!;
}

/** Cells csv-stringify would quote (or otherwise change): the delimiter, quotes, line breaks. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Each distinct value's place in `order`; values the order finds equal share a place, as they would in a sort. */
function ranks(values: readonly string[], order: (a: string, b: string) => number): Map<string, number> {
  const distinct = [...new Set(values)].sort(order);
  const out = new Map<string, number>();
  let rank = 0;
  distinct.forEach((v, i) => {
    if (i > 0 && order(distinct[i - 1]!, v) !== 0) rank++;
    out.set(v, rank);
  });
  return out;
}

function sexOrder(s: string): number {
  return ['total', 'women', 'men'].indexOf(s);
}

function ageOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'all') return -1;
  if (b === 'all') return 1;
  return parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
}

export function convertCommand(): Command {
  const cmd = new Command('convert')
    .summary('write any supported export as a tidy CSV table')
    .description('Normalise an export (PxWeb, Kolada, Excel, wide, long or record-level) into one tidy CSV table.')
    .argument('<file>', 'the export to read ("-" for stdin)')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(['counts', 'population']).default('counts'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout');
  addRegionOption(addRowOptions(addReadOptions(cmd), { skipInvalid: true }))
    .option('--no-formulas', 'keep method names starting with = + - @ as they are (by default they get a leading \' against CSV injection)')
    .option('-q, --quiet', 'no notes on stderr')
    .addOption(langOption());
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (file: string, opts: ConvertOptions) => {
    const regions = loadRegions();
    const measure: Measure = opts.kind === 'population' ? 'population' : 'count';
    const read = readOptions(opts);
    // Resolved before reading, so a misspelt region stops at once (exit 2).
    const selected = new Set(resolveRegions(opts.region ?? [], regions).map((r) => r.code));
    const table = await readTable(file, measure, regions, read);
    // --region keeps exactly the regions asked for: a tidy extract, without Riket or the rest.
    const kept = selected.size ? table.observations.filter((o) => selected.has(o.region)) : table.observations;
    const csv = tidyCsv(kept, regions, measure, opts.formulas === false);
    await writeResult(opts.output, csv, outputProtection([file]));
    const notes = inputWarnings({ observations: table.observations, source: table.file, bundled: false, recordLevel: table.shape === 'record-level', tables: [table] });
    if (!opts.quiet && notes.length) writeStderr(notes.map((n) => `note: ${n}\n`).join(''));
  });
  return cmd;
}
