import { populationError } from '../errors.js';
import { msg, type Text, type Translated } from '../messages/index.js';
import { ALL_AGES, TARGET_AGES, type Observation } from './observation.js';
import { describeYears, PopulationTable, type NationalDifference } from './population.js';
import { rowsToObservations, type PopulationRow } from './population-rows.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from './regions.js';
import { SCB_SOURCE_ID } from './scb-population.js';

/**
 * What `population` shows of the population table itself: per year, how many regions have each
 * sex and age group, with the sources; or (--region, --year) the figures and where each comes from.
 */

/** The sex and age groups the coverage counts, under their machine keys. */
const COVERAGE_GROUPS = {
  total: { sex: 'total', age: ALL_AGES },
  women: { sex: 'women', age: ALL_AGES },
  men: { sex: 'men', age: ALL_AGES },
  total_16_67: { sex: 'total', age: TARGET_AGES },
  women_16_67: { sex: 'women', age: TARGET_AGES },
  men_16_67: { sex: 'men', age: TARGET_AGES },
} as const;

export type CoverageGroup = keyof typeof COVERAGE_GROUPS;

/** Where the bundled sources were read (population-sources.csv's location, in English and Swedish), by source id. */
export type SourceLocations = ReadonlyMap<string, Translated>;

/** The bundled rows and the fetched rows that fill the cells the bundled table lacks. */
export interface PopulationRows {
  rows: readonly PopulationRow[];
  /** The cache file the fetched rows come from, when there is one. */
  cacheFile?: string;
  /** How messages name the table. */
  label: string;
}

export interface CoverageSource {
  id: string;
  /** How many figures of the table come from it. */
  rows: number;
  /** Where it was read, for a bundled source. */
  location: Translated | undefined;
  /** For figures fetched from SCB: the cache file holding them. */
  fetchedInto: string | undefined;
}

/** What `population` computes without --region or --year, ready for render/population.ts. */
export interface PopulationCoverageResult {
  /** Per year, the regions (of 21; Riket not counted) that have a figure for each group. */
  years: { year: number; regions: Record<CoverageGroup, number> }[];
  /** The sources, most figures first. */
  sources: CoverageSource[];
  /** Every published Riket figure that differs from the sum of the regions. */
  differences: NationalDifference[];
  /** The cache of fetched figures, when the table includes some. */
  cacheFile: string | undefined;
}

/** One population figure as looked up, with the region's name as the tool knows it. */
export interface PopulationFigure {
  row: PopulationRow;
  regionName: string;
}

/** What `population --region/--year` computes, ready for render/population.ts. */
export interface PopulationLookupResult {
  region: Region | undefined;
  year: number | undefined;
  figures: PopulationFigure[];
  /** The sources of the figures, in order of first use; the location absent for fetched figures. */
  sources: { id: string; location: Translated | undefined }[];
  differences: NationalDifference[];
}

/** Per year, how many of the 21 regions have each sex and age group, with the sources and Riket's differences. Pure. */
export function populationCoverage(table: PopulationRows, regions: RegionIndex, locations: SourceLocations): PopulationCoverageResult {
  const obs = rowsToObservations(table.rows);
  const have = new Map<string, Set<string>>();
  for (const o of obs) {
    if (o.region === NATIONAL_CODE || o.value === null) continue;
    const k = `${o.year}|${o.sex}|${o.age}`;
    have.set(k, (have.get(k) ?? new Set<string>()).add(o.region));
  }
  const years = [...new Set(obs.map((o) => o.year))].sort((a, b) => a - b);
  const counts = new Map<string, number>();
  for (const r of table.rows) counts.set(r.source_id, (counts.get(r.source_id) ?? 0) + 1);
  return {
    years: years.map((year) => {
      const n = (g: CoverageGroup) => have.get(`${year}|${COVERAGE_GROUPS[g].sex}|${COVERAGE_GROUPS[g].age}`)?.size ?? 0;
      return {
        year,
        regions: { total: n('total'), women: n('women'), men: n('men'), total_16_67: n('total_16_67'), women_16_67: n('women_16_67'), men_16_67: n('men_16_67') },
      };
    }),
    sources: [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, n]) => ({ id, rows: n, location: locations.get(id), fetchedInto: id === SCB_SOURCE_ID ? table.cacheFile : undefined })),
    differences: nationalDifferences(obs, table.label, regions),
    cacheFile: table.cacheFile,
  };
}

/** "Region Jönköpings län (06) in 2022", "Region Jönköpings län (06)" or "2022": what a lookup asked for. */
export function lookupSubject(region: Region | undefined, year: number | undefined): Text {
  const named = region ? `${region.name} (${region.code})` : undefined;
  return named !== undefined && year !== undefined ? msg('select.region-in-year', { region: named, year }) : (named ?? String(year ?? ''));
}

/**
 * The figures of one region, one year or both, with their sources and Riket's differences in
 * that year. Pure; no figure at all is a population error (exit 5) that says which years there are.
 */
export function populationLookup(
  table: PopulationRows,
  regions: RegionIndex,
  locations: SourceLocations,
  region: Region | undefined,
  year: number | undefined,
): PopulationLookupResult {
  const { rows } = table;
  const chosen = rows.filter((r) => (!region || r.region_code === region.code) && (year === undefined || r.year === year));
  if (chosen.length === 0) {
    const years = [...new Set(rows.filter((r) => !region || r.region_code === region.code).map((r) => r.year))].sort((a, b) => a - b);
    const from = year ?? years.at(-1) ?? '';
    throw populationError(
      msg('select.no-population-figures', { what: lookupSubject(region, year), years: describeYears(years) }),
      year === undefined ? msg('select.fetch-population.hint', { from }) : msg('select.fetch-population-to.hint', { from, to: year }),
    );
  }
  return {
    region,
    year,
    figures: chosen.map((r) => ({ row: r, regionName: r.region_code === NATIONAL_CODE ? 'Riket' : (regions.byScbCode(r.region_code)?.name ?? r.region_name) })),
    sources: [...new Set(chosen.map((r) => r.source_id))].map((id) => ({ id, location: locations.get(id) })),
    differences: nationalDifferences(rowsToObservations(rows), table.label, regions, year),
  };
}

/**
 * Every published Riket figure (of the coverage groups) that differs from the sum of the 21
 * regions, in one year or all: the table notes a difference as a figure is looked up, so only
 * the years asked for are looked up.
 */
function nationalDifferences(obs: Observation[], label: string, regions: RegionIndex, year?: number): NationalDifference[] {
  const table = new PopulationTable(obs, label, regions, true);
  for (const y of table.years) if (year === undefined || y === year) for (const g of Object.values(COVERAGE_GROUPS)) table.get(NATIONAL_CODE, y, g.sex, g.age);
  return table.nationalDifferences();
}
