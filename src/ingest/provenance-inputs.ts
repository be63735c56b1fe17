import { existsSync } from 'node:fs';
import type { InputDigest, InputRole } from '../domain/provenance.js';
import { msg } from '../messages/index.js';
import { readBundled } from '../io/bundled.js';
import { digestOf, digestOfPath } from '../io/digest.js';
import { populationCachePath } from '../io/population-cache.js';
import { displayName } from '../io/read.js';
import { homeRelative } from './counts.js';

/** Every input's name and SHA-256: the files given, or the bundled tables used in their place. */
export function inputDigests(
  input: string | undefined,
  population: string | undefined,
  usesPopulation: boolean,
  extra: { role: InputRole; path: string; name?: string }[] = [],
): InputDigest[] {
  const bundled = (file: string, role: InputRole): InputDigest => ({ role, name: msg('source.bundled-file', { file }), ...digestOf(readBundled(file)) });
  const given = (path: string, role: InputRole): InputDigest => ({ role, name: displayName(path), ...digestOfPath(path) });
  return [
    ...(input ? [given(input, 'counts')] : [bundled('treatments.csv', 'counts'), bundled('treatments-by-sex.csv', 'counts')]),
    ...(usesPopulation ? [population ? given(population, 'population') : bundled('population.csv', 'population')] : []),
    ...extra.map((e) => ({ ...given(e.path, e.role), ...(e.name ? { name: e.name } : {}) })),
  ];
}

/** The fetched population cache, as an input a provenance record can name and hash (none when it no longer exists). */
export function populationCacheInputs(): { role: InputRole; path: string; name: string }[] {
  const cache = populationCachePath();
  return existsSync(cache) ? [{ role: 'population', path: cache, name: homeRelative(cache) }] : [];
}
