import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { currentIo, type Io } from './context.js';

/**
 * Where `rehab-stats population fetch` keeps SCB's figures: $XDG_CACHE_HOME/rehab-stats/
 * (default ~/.cache/rehab-stats/). A relative XDG_CACHE_HOME is ignored, as the XDG Base
 * Directory specification asks; the home folder is the run's HOME, else the user's.
 */
export function populationCachePath(env: Io['env'] = currentIo().env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeFolder(env), '.cache');
  return join(base, 'rehab-stats', 'population-scb.csv');
}

/** The user's home folder: the run's HOME, else the account's. */
export function homeFolder(env: Io['env'] = currentIo().env): string {
  return env.HOME || homedir();
}

/** The cache file's bytes, or undefined when nothing has been fetched. */
export function readPopulationCache(path: string): Uint8Array | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}
