import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');
let loaded: Iconv | undefined;

/**
 * iconv-lite, loaded on first use: its code tables cost start-up time that UTF-8 input (and
 * the bundled data) never needs. Kept out of the esbuild bundle by the runtime require.
 */
export function iconv(): Iconv {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require() gives any; the package's own type declarations describe what it exports.
  loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return loaded;
}
