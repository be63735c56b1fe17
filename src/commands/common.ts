import { sep } from 'node:path';
import { Option, type Command } from 'commander';
import { formatLocation, usageError } from '../errors.js';
import { msg, resolveLang as languageOf, t, type Message, type Text } from '../messages/index.js';
import { readTable, readOptions, type LoadedTable, type ReadOptions } from '../ingest/index.js';
import { loadTable } from '../ingest/load.js';
import type { ReadFlags } from '../ingest/options.js';
import { countsAbovePopulation } from '../ingest/validate.js';
import type { Observation, Sex } from '../domain/observation.js';
import { ALL_AGES, TARGET_AGES } from '../domain/observation.js';
import { groupInParentheses, PopulationTable, type NationalDifference, type PopulationLayer } from '../domain/population.js';
import { parsePopulationRows, rowsToObservations, type PopulationRow } from '../domain/population-rows.js';
import { homeFolder, populationCachePath, readPopulationCache } from '../io/population-cache.js';
import type { RegionIndex } from '../domain/regions.js';
import { ROLES } from '../domain/vocabulary.js';
import { bundledRegions, snapshotTable } from '../domain/bundled.js';
import { bundledPath, readBundled, SNAPSHOT_PATH } from '../io/bundled.js';
import { displayName } from '../io/read.js';
import { writeStderr, writeStdout } from '../io/output.js';
import { writeFiles, type OutputFile, type Protection } from '../io/write.js';
import { chalkFor, colorLevel } from '../io/terminal.js';
import { render } from '../render/index.js';
import { defaultSheetName, renderXlsx } from '../render/xlsx.js';
import { localise, localText } from '../render/localise.js';
import { FORMATS, type Column, type Format, type Lang, type ResultRow, type ResultTable } from '../render/model.js';
import { markHidden } from '../domain/publish.js';
import { provenanceOutput, provenancePath, type PublishOptions } from './publish.js';
import { currentIo } from '../io/context.js';

export { readOptions, parseMap } from '../ingest/index.js';

/** The label every output built on the default dataset carries. */
export const BUNDLED_DATA_LABEL = msg('note.data', { source: msg('source.bundled-data') });

/** The counts' source in messages: the file, or "the bundled dataset" in the output's language. */
export function sourceName(data: Pick<CountData, 'bundled' | 'source'>): Text {
  return data.bundled ? msg('source.bundled-dataset') : data.source;
}

/** "Data: …" — where the counts come from. */
export function dataNote(data: Pick<CountData, 'bundled' | 'source'>): Message {
  return data.bundled ? BUNDLED_DATA_LABEL : msg('note.data', { source: data.source });
}

/**
 * The notes on the population a result used, once it is computed: its sources (the bundled
 * table, figures fetched from SCB, a user file) and every published Riket figure used that
 * differs from the sum of the regions, with the reason.
 */
export function populationNotes(population: PopulationTable): Message[] {
  const [source, ...rest] = populationLabels(population);
  return [msg('note.population', { source: source! }), ...rest];
}

/** The same without "Population:" in front of the first: the source, then the other notes. */
export function populationLabels(population: PopulationTable): [Text, ...Message[]] {
  const source: Text = population.bundled ? msg('source.bundled-population') : population.label;
  const also = population.bundled ? population.furtherLabelsUsed().map((s) => msg('note.population-also', { source: s })) : [];
  return [source, ...also, ...population.nationalDifferences().map((d) => nationalDifferenceNote(d))];
}

/** Why Riket is not the sum of the regions, and which of the two is used. */
export function nationalDifferenceNote(d: NationalDifference, inRates = true): Message {
  const diff = d.sumOfRegions - d.published;
  const params = {
    year: d.year,
    group: groupInParentheses(d.sex, d.age),
    published: d.published,
    sum: d.sumOfRegions,
    diff: `${diff > 0 ? '+' : ''}${diff}`,
    why: d.year >= CKM_FROM ? msg('why.ckm') : msg('why.both-given'),
  };
  return inRates ? msg('note.national-difference-in-rates', params) : msg('note.national-difference', params);
}

/** SCB's first reference year with Cell Key Method perturbation of published cells. */
export const CKM_FROM = 2025;

/** Options every data-reading command shares. */
export interface DataOptions extends ReadFlags {
  input?: string;
  population?: string;
  /** Counts larger than their population are allowed (repeat treatments of one person), with a note. */
  abovePopulation?: boolean;
  /** Say on stderr what was read and how. */
  verbose?: boolean;
  /** --region: only these regions (codes, names or aliases), repeatable. */
  region?: string[];
}

export interface OutputOptions extends PublishOptions {
  format: Format;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  output?: string;
  excel?: boolean;
  formulas?: boolean;
  /** Inputs named on the command line, which --output must not overwrite. */
  input?: string;
  population?: string;
}

/** Reading the counts (and, for commands that divide, the population): --input, --population, the reading options, --region, --verbose. */
export function addDataOptions(cmd: Command, o: { population?: boolean } = {}): Command {
  cmd.option('-i, --input <file>', 'treatment counts to read (CSV/TSV/xlsx, "-" for stdin); default: the bundled illustrative dataset');
  // Only commands that divide by the population offer it (share, for one, never does).
  if (o.population !== false) {
    cmd
      .option('-p, --population <file>', 'population to divide by (same formats); default: the bundled SCB table')
      .option('--above-population', 'accept counts larger than their population (one person treated more than once), with a note');
  }
  addRegionOption(addRowOptions(addReadOptions(cmd), { skipInvalid: true }));
  return addVerboseOption(cmd);
}

/** --verbose: what was read and how; offered by the commands that read counts (loadCounts says it). */
export function addVerboseOption(cmd: Command): Command {
  return cmd.option('-v, --verbose', 'say on stderr what was read and how (encoding, delimiter, shape, path, time)');
}

/** --region: keep only these regions (Riket stays for comparison where the command has it). */
export function addRegionOption(cmd: Command): Command {
  return cmd.option('-r, --region <region>', 'only this region: SCB code, name or alias (e.g. 06, Jönköping, "Region Stockholm"); repeatable', collect, []);
}

/** How to read a file when detection is wrong: every command that reads a user's file has these. */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .option('--encoding <name>', 'input encoding when detection is wrong: utf-8, windows-1252, utf-16le')
    .option('--delimiter <char>', 'input delimiter when sniffing is wrong: ";", "," or "tab"')
    .option('--sheet <name|n>', 'the sheet of an xlsx input to read, by name or position (default: the first)')
    .option('--map <role=column,...>', `say which column plays which role (${ROLES.join(', ')}, count), e.g. --map count=Antal,region=Landsting; repeatable`, collect, []);
}

/** What to do with rows: --skip-invalid (not for check, which lists every problem anyway), --sum-duplicates, --records. */
export function addRowOptions(cmd: Command, opts: { skipInvalid: boolean }): Command {
  if (opts.skipInvalid) cmd.option('--skip-invalid', 'leave out rows that cannot be used, listing them on stderr, instead of stopping');
  return cmd
    .option('--sum-duplicates', 'add up rows for the same region, year, method and sex instead of stopping')
    .option('--records', 'count every row as one treatment (record-level file), even if it has numeric columns');
}

/**
 * How a result is written. `formulas: false` for tables without text from the input (region names
 * are the tool's own), where --no-formulas would have nothing to keep.
 */
export function addOutputOptions(cmd: Command, o: { formulas?: boolean; quiet?: boolean } = {}): Command {
  cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS as string[]).default('table'))
    .addOption(langOption())
    .option('-o, --output <file>', 'write the result to this file (atomically, never over an input) instead of stdout')
    .option('--excel', 'with --format csv: what Swedish Excel opens by double-click (UTF-8 BOM, ";", decimal comma)');
  if (o.formulas !== false)
    cmd.option('--no-formulas', "keep text cells starting with = + - @ as they are in CSV/TSV (by default they get a leading ' so a spreadsheet cannot run them)");
  cmd.option('--no-color', 'no colour in the terminal table (also NO_COLOR=1 or TERM=dumb)');
  if (o.quiet !== false) cmd.option('-q, --quiet', 'no notes on stderr');
  return cmd;
}

/** --lang: the language of what people read (tables, notes, errors); machine formats stay English. */
export function langOption(): Option {
  return new Option('--lang <lang>', 'language of human output (default from LANG)').choices(['en', 'sv']);
}

/**
 * Help that leads with examples (clig.dev): the examples come before the usage line, the
 * longer explanation after the options.
 */
export function addHelp(cmd: Command, examples: string[], details: string): Command {
  const width = Math.max(...examples.map((e) => e.split('  #')[0]!.trimEnd().length));
  const lines = examples.map((e) => {
    const [code, comment] = e.split('  #');
    return `  $ ${comment ? code!.trimEnd().padEnd(width) + '  #' + comment : code}`;
  });
  cmd.addHelpText('before', `Examples:\n${lines.join('\n')}\n`);
  cmd.addHelpText('after', `\n${details.trim()}`);
  return cmd;
}

/** Commander helper: a repeatable option collects its values. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Singular or plural noun after a number: "1 value", "3 values". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** One line for --verbose: what was read and how. */
export function describeRead(t: LoadedTable): string {
  const regions = new Set<string>();
  let values = 0;
  for (const o of t.all ?? t.observations) {
    regions.add(o.region);
    values++;
  }
  const how = t.sheet !== undefined ? `sheet "${t.sheet}"` : `${t.encoding}${t.bom ? ' with BOM' : ''}, delimiter ${t.delimiter === '\t' ? 'tab' : `"${t.delimiter}"`}`;
  return `read ${t.file}: ${how}, ${t.shape} table (header on ${t.sheet !== undefined ? 'row' : 'line'} ${t.headerLine}), ${t.rowsRead} rows → ${values} values in ${regions.size} regions, ${t.readBy ?? 'general path'}`;
}

/** --sheet chooses a sheet of the --input workbook: without --input it would be ignored. */
export function refuseSheetWithoutInput(opts: { input?: string; sheet?: string }): void {
  if (opts.sheet !== undefined && !opts.input) throw usageError(`--sheet ${opts.sheet} needs --input FILE.xlsx`, 'the bundled data has no sheets; give the workbook with --input');
}

/** Treatment counts from --input or the bundled dataset, with what to tell the user about them. */
export interface CountData {
  /** With ReadOptions.select, possibly only those of the method and year asked for. */
  observations: Observation[];
  /** Every observation, when `observations` holds only those ReadOptions.keep kept: one reused object each (copy what you keep). */
  all?: Iterable<Observation>;
  /** Name in messages: the file, or "the bundled dataset". */
  source: string;
  bundled: boolean;
  /** One row per treatment: absent groups had none. */
  recordLevel: boolean;
  tables: LoadedTable[];
  /** What to tell the user about the data beyond each table's own problems. */
  notes?: string[];
}

export async function loadCounts(opts: DataOptions, regions: RegionIndex, extra: Partial<ReadOptions> = {}): Promise<CountData> {
  refuseSheetWithoutInput(opts);
  if (opts.input) {
    const file = displayName(opts.input);
    const started = performance.now();
    const table = await readTable(opts.input, 'count', regions, readOptions(opts, extra));
    if (opts.verbose) writeStderr(`${describeRead(table)} in ${Math.round(performance.now() - started)} ms\n`);
    return {
      observations: table.observations,
      ...(table.all ? { all: table.all } : {}),
      source: file,
      bundled: false,
      recordLevel: table.shape === 'record-level',
      tables: [table],
    };
  }
  // The bundled tables are clean (checked by the tests), so there is nothing to report about them.
  const observations = ['treatments.csv', 'treatments-by-sex.csv'].flatMap((name) => bundledObservations(name, regions));
  return { observations, source: BUNDLED_DATASET, bundled: true, recordLevel: false, tables: [] };
}

/**
 * The population to divide by. With the counts given, a count above its population is an
 * error unless --above-population, and then a note among the counts' notes.
 */
export async function loadPopulation(opts: DataOptions, regions: RegionIndex, counts?: CountData): Promise<PopulationTable> {
  let population: PopulationTable;
  if (opts.population) {
    // Only the encoding and --skip-invalid carry over: --delimiter and --map describe the counts file.
    const table = await readTable(opts.population, 'population', regions, {
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.skipInvalid ? { skipInvalid: true } : {}),
    });
    population = new PopulationTable(table.observations, table.file, regions, false);
  } else {
    const cached = loadCachedPopulation(regions);
    population = new PopulationTable(
      bundledObservations('population.csv', regions),
      BUNDLED_POPULATION_SOURCE,
      regions,
      true,
      cached ? [cached.layer] : [],
      msg('source.bundled-population-table'),
    );
  }
  if (counts) (counts.notes ??= []).push(...countsAbovePopulation(counts.all ?? counts.observations, population, regions, counts.source, opts.abovePopulation === true));
  return population;
}

export const BUNDLED_POPULATION_SOURCE = 'the bundled SCB population table';
/** The name of the bundled counts in messages: data.source, compared by errors that name it. */
export const BUNDLED_DATASET = 'the bundled dataset';

/**
 * The figures `rehab-stats population fetch` cached, if any: they fill what the bundled table
 * lacks (by sex, 16–67, later years) and the notes of every result that uses them say so.
 */
export function loadCachedPopulation(regions: RegionIndex): { rows: PopulationRow[]; layer: PopulationLayer; file: string } | undefined {
  const path = populationCachePath();
  const bytes = readPopulationCache(path);
  if (!bytes) return undefined;
  const file = homeRelative(path);
  const rows = parsePopulationRows(bytes, file, regions);
  const retrieved = [...new Set(rows.map((r) => /retrieved (\d{4}-\d\d-\d\d)/.exec(r.note)?.[1]).filter((d): d is string => !!d))].sort();
  const when = retrieved.length ? ` on ${retrieved.join(', ')}` : '';
  const label = retrieved.length ? msg('source.population-cache-on', { dates: retrieved.join(', '), file }) : msg('source.population-cache', { file });
  return { rows, file, layer: { observations: rowsToObservations(rows), source: `SCB's API (BE0101N1) as fetched${when} into ${file}`, label } };
}

/** ~/.cache/… rather than /home/someone/.cache/… in notes. */
export function homeRelative(path: string): string {
  const home = homeFolder();
  return home && path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}

/** A bundled table's observations: from the build's snapshot when fresh, else parsed from src/data. */
export function bundledObservations(name: string, regions: RegionIndex): Observation[] {
  return snapshotTable(name) ?? loadTable(readBundled(name), `bundled ${name}`, name === 'population.csv' ? 'population' : 'count', regions).observations;
}

/** Regions and the counts/population sources, ready for a command. */
export function loadRegions(): RegionIndex {
  return bundledRegions();
}

/** Notes for stderr about what was read: skipped rows and missing values, never silently. */
export function inputWarnings(data: CountData): Text[] {
  const out: Text[] = [];
  for (const t of data.tables) {
    // Which reading was chosen, when the tool chose it: one row per treatment.
    if (t.recordLevelBy === 'no-count-column') out.push(msg('note.records-no-count-column', { file: t.file, n: t.rowsRead }));
    for (const p of t.problems) {
      // In a workbook: "book.xlsx, sheet "Blad1", row 7 (Blad1!C7)"; in a text file: "file line 7".
      const where =
        t.sheet !== undefined
          ? formatLocation({ file: t.file, sheet: t.sheet, ...(p.line !== undefined ? { line: p.line } : {}), ...(p.cell ? { cell: p.cell } : {}) })
          : undefined;
      out.push(
        where !== undefined
          ? msg('note.skipped', { file: where, problem: p.message })
          : p.line !== undefined
            ? msg('note.skipped-line', { file: t.file, line: p.line, problem: p.message })
            : msg('note.skipped', { file: t.file, problem: p.message }),
      );
    }
    if (t.missing.length) {
      const first = t.missing.slice(0, 5).map((m) => msg('note.missing-value', { line: m.line, column: m.column, marker: m.marker || msg('note.empty-marker') }));
      const params = { file: t.file, n: t.missing.length, first };
      out.push(t.missing.length > 5 ? msg('note.missing-values-more', params) : msg('note.missing-values', params));
    }
  }
  out.push(...(data.notes ?? []));
  return out;
}

export function parseSexOption(v: string | undefined): Sex {
  if (v === undefined || v === 'all' || v === 'total') return 'total';
  if (v === 'women' || v === 'men') return v;
  throw usageError(msg('option.sex', { value: v }));
}

export function parseDenominator(v: string | undefined): string {
  if (v === undefined || v === 'all') return ALL_AGES;
  if (v === '16-67') return TARGET_AGES;
  throw usageError(msg('option.denominator', { value: v }));
}

export function parsePositive(name: string) {
  return (v: string): number => {
    const n = Number(v.replace(/[ _]/g, ''));
    if (!(n > 0) || !Number.isFinite(n)) throw usageError(msg('option.positive', { option: name, value: v }));
    return n;
  };
}

export function parseYearOption(name: string) {
  return (v: string): number => {
    if (!/^(19|20)\d\d$/.test(v.trim())) throw usageError(msg('option.year', { option: name, value: v }));
    return Number(v);
  };
}

/** A confidence level as a percentage, for messages ({level:g}%): 0.95 → 95, 0.998 → 99.8. */
export function levelPercent(level: number): number {
  return Math.round(level * 1000) / 10;
}

/** --ci 95|99|99.8 → 0.95 … */
export function parseLevel(v: string): number {
  const n = Number(v);
  if (![90, 95, 99, 99.8].includes(n)) throw usageError(msg('option.ci', { value: v }));
  return n / 100;
}

/** The language of a command's human output: --lang, which run() sets to the run's language (src/run.ts). */
export function resolveLang(opt: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  return languageOf(opt, env);
}

/** What no output may replace: the command's inputs, its config file and the bundled data. */
export function outputProtection(inputs: readonly (string | undefined)[], config?: string): Protection {
  return {
    files: [
      ...inputs.filter((p): p is string => !!p).map((path) => ({ path, what: msg('write.what.input') })),
      ...(config ? [{ path: config, what: msg('write.what.config') }] : []),
      { path: SNAPSHOT_PATH, what: msg('write.what.bundled') },
    ],
    folders: [{ path: bundledPath(''), what: msg('write.what.bundled') }],
  };
}

/** Writes a result to a file (safely, see io/write.ts), or to stdout when the path is absent or "-". */
export async function writeResult(path: string | undefined, text: string | Uint8Array, protection: Protection): Promise<void> {
  if (path === undefined || path === '-') writeStdout(text);
  else await writeFiles([{ path, data: text }], protection);
}

/** Renders a result to stdout (or --output) in the chosen format, and notes (unless --quiet) to stderr. */
export async function emit(
  table: ResultTable,
  opts: OutputOptions,
  stderrNotes: Text[] = [],
  style?: (col: Column, row: ResultRow, text: string, chalk: ReturnType<typeof chalkFor>) => string,
): Promise<void> {
  const io = currentIo();
  const lang = resolveLang(opts.lang, io.env);
  if (opts.excel && opts.format !== 'csv') throw usageError(msg('option.excel-needs-csv'));
  if (opts.format === 'xlsx' && (opts.output === undefined || opts.output === '-') && io.stdout.isTTY) {
    throw usageError(msg('option.xlsx-to-terminal'), msg('option.xlsx-to-terminal.hint'));
  }
  const chalk = chalkFor(opts.format === 'table' && !opts.output ? colorLevel(io.stdout, io.env, opts.color) : 0);
  const human = opts.format === 'table' || opts.format === 'markdown';
  // Checked before anything is rendered: a bad --provenance is a usage error, whatever the data.
  provenancePath(opts);
  // Machine formats have no room for notes in stdout; the data label goes to stderr instead.
  // A workbook carries the table's notes on its own sheet.
  const notes = human || opts.format === 'xlsx' ? stderrNotes : [...table.notes, ...stderrNotes];
  // Hidden cells: a marker for people, an empty cell and a status column for machines.
  const marked = human ? markHidden(table) : table;
  const shown = localise(marked, human || opts.format === 'xlsx' ? lang : 'en');
  const text =
    opts.format === 'xlsx'
      ? await renderXlsx([{ name: defaultSheetName(lang), table: shown }], lang)
      : render(shown, {
          format: opts.format,
          lang,
          chalk,
          excel: opts.excel === true,
          // --no-formulas sets formulas to false: keep formula-like text as it is.
          allowFormulas: opts.formulas === false,
          ...(style ? { style: (c, r, t) => style(c, r, t, chalk) } : {}),
        });
  // The result file and the provenance file are written together (both or neither, never one
  // path for both); stdout only once they are in place, so it stays empty when a write fails.
  const toStdout = opts.output === undefined || opts.output === '-';
  const files: OutputFile[] = toStdout ? [] : [{ path: opts.output!, data: text }];
  const provenance = provenanceOutput(opts, table.made);
  if (provenance) files.push(provenance);
  if (files.length) await writeFiles(files, outputProtection([opts.input, opts.population]));
  if (toStdout) writeStdout(text);
  if (!opts.quiet && notes.length) writeStderr(formatNotes(notes, lang));
}

/** Notes for stderr, one a line: "note: …" / "obs: …". */
export function formatNotes(notes: readonly Text[], lang: Lang): string {
  return notes.map((n) => `${t(lang, 'label.note')}: ${localText(n, lang)}\n`).join('');
}
