import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the package's own files are: the bundled data in src/data/ (CSV files, the source of
 * truth, with their source notes), and what `npm run build` writes into dist/ (the scanning
 * kernel, the JSON snapshot of the bundled data as parsed: src/domain/bundled.ts reads it).
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

/** The built worker entry (npm run build) that counts a file's second part or reads a pipe; undefined when not built, and one thread does all. */
export function countWorkerEntry(): string | undefined {
  const path = packagePath('dist', 'count-worker.mjs');
  return existsSync(path) ? path : undefined;
}

export function bundledPath(name: string): string {
  return join(DATA_DIR, name);
}

export function readBundled(name: string): Uint8Array {
  return readFileSync(bundledPath(name));
}
