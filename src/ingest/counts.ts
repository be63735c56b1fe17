import { sep } from 'node:path';
import { formatLocation, usageError } from '../errors.js';
import { msg, resolveLang, t, type Message, type Text } from '../messages/index.js';
import { sourceName } from '../domain/source-notes.js';
import { currentIo } from '../io/context.js';
import { readTable, readOptions, type LoadedTable, type ReadOptions } from './index.js';
import { loadTable } from './load.js';
import type { ReadFlags } from './options.js';
import { countsAbovePopulation } from './validate.js';
import type { Observation } from '../domain/observation.js';
import { PopulationTable, type PopulationLayer } from '../domain/population.js';
import { parsePopulationRows, rowsToObservations, type PopulationRow } from '../domain/population-rows.js';
import type { RegionIndex } from '../domain/regions.js';
import { homeFolder, populationCachePath, readPopulationCache } from '../io/population-cache.js';
import { bundledRegions, snapshotTable } from '../domain/bundled.js';
import { requireCounts } from '../domain/select.js';
import { readBundled } from '../io/bundled.js';
import { displayName } from '../io/read.js';
import { writeStderr } from '../io/output.js';

/**
 * What a command reads, the same way for every command: the counts (--input or the bundled
 * dataset), the population (--population or the bundled SCB table with the figures `population
 * fetch` cached), the region index, and what to tell the user about what was read.
 */

/** Where the counts and the population come from, and how to read them (the reading options of ingest/options.ts). */
export interface InputOptions extends ReadFlags {
  input?: string;
  population?: string;
  /** Counts larger than their population are allowed (repeat treatments of one person), with a note. */
  abovePopulation?: boolean;
  /** Say on stderr what was read and how. */
  verbose?: boolean;
  /** The language of what is said on stderr (--lang, set for every run). */
  lang?: string;
}

/** One line for --verbose: what was read and how. */
export function describeRead(t: LoadedTable): Message {
  const regions = new Set<string>();
  let values = 0;
  for (const o of t.all ?? t.observations) {
    regions.add(o.region);
    values++;
  }
  const encoding = t.bom ? msg('check.with-bom', { encoding: t.encoding }) : t.encoding;
  const how =
    t.sheet !== undefined
      ? msg('verbose.sheet', { sheet: t.sheet })
      : msg('verbose.text', { encoding, delimiter: t.delimiter === '\t' ? msg('delimiter.tab') : `"${t.delimiter}"` });
  return msg('verbose.read', {
    file: t.file,
    how,
    shape: msg(`verbose.shape.${t.shape}`),
    at: t.sheet !== undefined ? msg('check.at-row', { line: t.headerLine }) : msg('check.at-line', { line: t.headerLine }),
    rows: t.rowsRead,
    values,
    regions: regions.size,
    path: msg(`verbose.path.${t.readBy ?? 'general'}`),
  });
}

/** --sheet chooses a sheet of the --input workbook: without --input it would be ignored. */
export function refuseSheetWithoutInput(opts: { input?: string; sheet?: string }): void {
  if (opts.sheet !== undefined && !opts.input) throw usageError(msg('sheet.needs-input', { sheet: opts.sheet }), msg('sheet.needs-input.hint'));
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
  notes?: Text[];
}

export async function loadCounts(opts: InputOptions, regions: RegionIndex, extra: Partial<ReadOptions> = {}): Promise<CountData> {
  refuseSheetWithoutInput(opts);
  if (opts.input) {
    const file = displayName(opts.input);
    const started = performance.now();
    const table = await readTable(opts.input, 'count', regions, readOptions(opts, extra));
    if (opts.verbose) writeStderr(`${t(resolveLang(opts.lang, currentIo().env), 'verbose.timed', { read: describeRead(table), ms: Math.round(performance.now() - started) })}\n`);
    // Every command reads its counts here: one place to stop when none are left to compute from.
    requireCounts(table.all ?? table.observations, file);
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
export async function loadPopulation(opts: InputOptions, regions: RegionIndex, counts?: CountData): Promise<PopulationTable> {
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
  if (counts) (counts.notes ??= []).push(...countsAbovePopulation(counts.all ?? counts.observations, population, regions, sourceName(counts), opts.abovePopulation === true));
  return population;
}

export const BUNDLED_POPULATION_SOURCE = 'the bundled SCB population table';
/** The bundled counts' `source` (LoadedCounts); messages name them by sourceName, in the output's language. */
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
