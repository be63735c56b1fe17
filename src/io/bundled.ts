import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { buildRegionIndex, type RegionIndex, type RegionRecord } from '../domain/regions.js';
import type { Observation } from '../domain/observation.js';

/**
 * The bundled data: CSV files in src/data/ (the source of truth, with their source notes),
 * and, after `npm run build`, a JSON snapshot of them as parsed (dist/data-snapshot.json) so
 * that a command on the bundled data does not parse CSV at every start. The snapshot records
 * the SHA-256 of every CSV it was made from and is ignored when any differs. Content, not
 * modification time: installing the package (npm pack, npm install -g) changes every file's
 * time but not its bytes, and a snapshot ignored there would cost every start the CSV parse.
 */

/** The package root: the nearest folder above this module with src/data/regions.csv (works from src/, dist/ and the bundle). */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'src', 'data', 'regions.csv'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('rehab-stats: cannot find its bundled data (src/data/regions.csv)');
})();
const DATA_DIR = join(ROOT, 'src', 'data');

/** A path inside the installed package (e.g. dist/scan.wasm). */
export function packagePath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
export const SNAPSHOT_PATH = join(ROOT, 'dist', 'data-snapshot.json');

export function bundledPath(name: string): string {
  return join(DATA_DIR, name);
}

export function readBundled(name: string): Uint8Array {
  return readFileSync(bundledPath(name));
}

/** What the snapshot holds: parsed regions and the observations of each bundled table. */
export interface Snapshot {
  sources: Record<string, { sha256: string }>;
  regions: RegionRecord[];
  tables: Record<string, Observation[]>;
}

export const SNAPSHOT_FILES = ['regions.csv', 'population.csv', 'treatments.csv', 'treatments-by-sex.csv'];

export function sourceStamps(): Snapshot['sources'] {
  return Object.fromEntries(SNAPSHOT_FILES.map((f) => [f, { sha256: createHash('sha256').update(readBundled(f)).digest('hex') }]));
}

let snapshot: Snapshot | null | undefined;

/** The snapshot if it exists and matches the CSV files, else null. */
function freshSnapshot(): Snapshot | null {
  if (snapshot !== undefined) return snapshot;
  snapshot = null;
  try {
    const s = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Snapshot;
    const now = sourceStamps();
    if (SNAPSHOT_FILES.every((f) => s.sources[f]?.sha256 === now[f]!.sha256)) snapshot = s;
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
  return freshSnapshot()?.regions ?? (parse(readBundled('regions.csv'), { columns: true, bom: true }) as RegionRecord[]);
}

let regionIndex: RegionIndex | undefined;

/** The 21 regions and Riket from src/data/regions.csv, built once per process. */
export function bundledRegions(): RegionIndex {
  regionIndex ??= buildRegionIndex(regionRecords());
  return regionIndex;
}
