import { parse } from 'csv-parse/sync';
import { msg, type Message } from '../messages/index.js';
import { stringify } from 'csv-stringify/sync';
import { dataError } from '../errors.js';
import { ALL_AGES, TARGET_AGES, type Observation, type Sex } from './observation.js';
import type { RegionIndex } from './regions.js';

/**
 * The population file format rehab-stats writes and bundles (src/data/population.csv, the
 * fetched cache, `population fetch --output`): one figure per row with its source.
 */
export interface PopulationRow {
  region_code: string;
  region_name: string;
  year: number;
  sex: Sex;
  age_group: string;
  population: number;
  source_id: string;
  note: string;
  /** The note in Swedish, where the file has a note_sv column (the bundled table has; see README "Data and licences"). */
  note_sv?: string;
}

export const POPULATION_COLUMNS = ['region_code', 'region_name', 'year', 'sex', 'age_group', 'population', 'source_id', 'note'] as const;

/**
 * Reads that format strictly: every row must have a known region code, a year, a sex, the age
 * group "all" or "16-67" and a whole number — anything else is an error naming the line.
 */
export function parsePopulationRows(text: string | Uint8Array, file: string, regions: RegionIndex): PopulationRow[] {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (e) {
    // csv-parse reports a malformed file with a CsvError; anything else is not the file's fault.
    if (!(e instanceof Error)) throw e;
    throw dataError(msg('population-file.not-ours', { detail: e.message }), { file }, msg('population-file.fetch-again.hint'));
  }
  const header = Object.keys(records[0] ?? {});
  const missing = POPULATION_COLUMNS.filter((c) => !header.includes(c));
  if (records.length && missing.length)
    throw dataError(msg('population-file.missing-columns', { n: missing.length, columns: missing.join(', ') }), { file, line: 1 }, msg('population-file.fetch-again.hint'));
  return records.map((r, i) => {
    const line = i + 2;
    const bad = (column: string, why: Message) =>
      dataError(msg('population-file.bad-value', { value: r[column] ?? '', why }), { file, line, column }, msg('population-file.fetch-again.hint'));
    if (!regions.byScbCode(r.region_code ?? '')) throw bad('region_code', msg('population-file.not-region-code'));
    if (!/^\d{4}$/.test(r.year ?? '')) throw bad('year', msg('population-file.not-year'));
    if (r.sex !== 'total' && r.sex !== 'women' && r.sex !== 'men') throw bad('sex', msg('population-file.not-sex'));
    if (r.age_group !== ALL_AGES && r.age_group !== TARGET_AGES) throw bad('age_group', msg('population-file.not-age-group', { all: ALL_AGES, target: TARGET_AGES }));
    if (!/^\d+$/.test(r.population ?? '')) throw bad('population', msg('population-file.not-whole'));
    return {
      // Checked above to be an SCB region code.
      region_code: r.region_code ?? '',
      region_name: r.region_name ?? '',
      year: Number(r.year),
      sex: r.sex,
      age_group: r.age_group,
      population: Number(r.population),
      source_id: r.source_id ?? '',
      note: r.note ?? '',
      ...(r.note_sv ? { note_sv: r.note_sv } : {}),
    };
  });
}

/** The file format; with a note_sv column when some row has its note in Swedish. */
export function formatPopulationRows(rows: readonly PopulationRow[]): string {
  const swedish = rows.some((r) => r.note_sv !== undefined);
  return stringify(
    rows.map((r) => [...POPULATION_COLUMNS.map((c) => String(r[c])), ...(swedish ? [r.note_sv ?? ''] : [])]),
    { header: true, columns: [...POPULATION_COLUMNS, ...(swedish ? ['note_sv'] : [])] },
  );
}

export function rowsToObservations(rows: readonly PopulationRow[]): Observation[] {
  return rows.map((r, i) => ({ region: r.region_code, year: r.year, method: '', sex: r.sex, age: r.age_group, value: r.population, line: i + 2 }));
}
