import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readBundled, SNAPSHOT_PATH } from '../io/bundled.js';
import { nodeCrypto } from '../io/lazy.js';
import { buildRegionIndex, type RegionIndex, type RegionRecord } from './regions.js';
import type { Observation } from './observation.js';

/**
 * The bundled data as the commands use it: the regions and the bundled tables' observations,
 * from the JSON snapshot `npm run build` makes of the CSV files in src/data/ (src/io/bundled.ts
 * finds both), so that a command on the bundled data does not parse CSV at every start. The
 * snapshot records the SHA-256 of every CSV it was made from and is ignored when any differs.
 * Content, not modification time: installing the package (npm pack, npm install -g) changes
 * every file's time but not its bytes, and a snapshot ignored there would cost every start the
 * CSV parse.
 */

/** What the snapshot holds: parsed regions and the observations of each bundled table. */
export interface Snapshot {
  sources: Record<string, { sha256: string }>;
  regions: RegionRecord[];
  tables: Record<string, Observation[]>;
}

export const SNAPSHOT_FILES = ['regions.csv', 'population.csv', 'treatments.csv', 'treatments-by-sex.csv'];

export function sourceStamps(): Snapshot['sources'] {
  return Object.fromEntries(SNAPSHOT_FILES.map((f) => [f, { sha256: nodeCrypto().createHash('sha256').update(readBundled(f)).digest('hex') }]));
}

let snapshot: Snapshot | null | undefined;

/** The snapshot if it exists and matches the CSV files, else null. */
function freshSnapshot(): Snapshot | null {
  if (snapshot !== undefined) return snapshot;
  snapshot = null;
  try {
    // The snapshot is made by `npm run build` from the CSV files whose SHA-256 it records, and is used only
    // when those match (below); checking each of its observations again would cost the start-up time it saves.
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- written by this build, not user input
    const s = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Snapshot;
    const now = sourceStamps();
    if (SNAPSHOT_FILES.every((f) => s.sources[f]?.sha256 === now[f]?.sha256)) {
      // Shared by every run in this process, and never changed: frozen, so that what is derived
      // from a table can be kept with it (PopulationTable's index of the bundled population).
      for (const table of Object.values(s.tables)) {
        for (const o of table) Object.freeze(o);
        Object.freeze(table);
      }
      snapshot = s;
    }
  } catch {
    // No snapshot (running from source) or unreadable: parse the CSV files.
  }
  return snapshot;
}

/** The observations of a bundled table from the snapshot, if it is fresh. */
export function snapshotTable(name: string): Observation[] | undefined {
  return freshSnapshot()?.tables[name];
}

export function regionRecords(): RegionRecord[] {
  return freshSnapshot()?.regions ?? parse<RegionRecord>(readBundled('regions.csv'), { columns: true, bom: true });
}

let regionIndex: RegionIndex | undefined;

/** The 21 regions and Riket from src/data/regions.csv, built once per process. */
export function bundledRegions(): RegionIndex {
  regionIndex ??= buildRegionIndex(regionRecords());
  return regionIndex;
}
