import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { buildRegionIndex, type RegionIndex, type RegionRecord } from '../domain/regions.js';

/**
 * The bundled data files live in src/data/ and ship with the package (see package.json
 * "files"). From the built dist/io/bundled.js that folder is ../../src/data.
 */
const DATA_DIR = fileURLToPath(new URL('../../src/data/', import.meta.url));

export function bundledPath(name: string): string {
  return DATA_DIR + name;
}

export function readBundled(name: string): Uint8Array {
  return readFileSync(bundledPath(name));
}

let regionIndex: RegionIndex | undefined;

/** The 21 regions and Riket from src/data/regions.csv, parsed once per process. */
export function bundledRegions(): RegionIndex {
  if (!regionIndex) {
    const records = parse(readBundled('regions.csv'), { columns: true, bom: true }) as RegionRecord[];
    regionIndex = buildRegionIndex(records);
  }
  return regionIndex;
}
