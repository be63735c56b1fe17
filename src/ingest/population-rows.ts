import { parse } from 'csv-parse/sync';
import type { PopulationRows, SourceLocations } from '../domain/population-listing.js';
import { parsePopulationRows, type PopulationRow } from '../domain/population-rows.js';
import type { RegionIndex } from '../domain/regions.js';
import { readBundled } from '../io/bundled.js';
import { translated } from '../messages/index.js';
import { BUNDLED_POPULATION_SOURCE, loadCachedPopulation } from './counts.js';

/** The bundled population rows and the fetched rows (SCB's API, the cache) that fill the cells the bundled table lacks. */
export function loadPopulationRows(regions: RegionIndex): PopulationRows {
  const bundled = parsePopulationRows(readBundled('population.csv'), 'bundled population.csv', regions);
  const cached = loadCachedPopulation(regions);
  if (!cached) return { rows: bundled, label: BUNDLED_POPULATION_SOURCE };
  const cell = (r: PopulationRow) => `${r.region_code}|${r.year}|${r.sex}|${r.age_group}`;
  const have = new Set(bundled.map(cell));
  return { rows: [...bundled, ...cached.rows.filter((r) => !have.has(cell(r)))], cacheFile: cached.file, label: BUNDLED_POPULATION_SOURCE };
}

/** Where each bundled source was read, in English and Swedish (population-sources.csv's location and location_sv). */
export function loadSourceLocations(): SourceLocations {
  const described = parse<Record<string, string>>(readBundled('population-sources.csv'), { columns: true });
  // The bundled CSV has these columns (test/unit/population.test.ts reads it).
  return new Map(described.map((d) => [d.source_id ?? '', translated(d.location ?? '', d.location_sv ?? '')]));
}
