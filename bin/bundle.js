// Loads the CLI: dist/rehab-stats.cjs, one script holding src/ and its dependencies (scripts/build.mjs),
// compiled with V8's code cache, dist/rehab-stats.v8cache, when there is one made for it.
//
// Why: compiling the half-megabyte script, and then each function it runs on first call, was a
// third of start-up's time over Node's own. The cache holds the bytecode of every function a
// typical run compiled (written by the build after running the CLI on the bundled data), so those
// are read, not compiled. V8 refuses a cache made by another V8 version or with other flags (a
// different Node.js): the script is then compiled as usual, and runs the same.
//
// V8 checks the cache against the script's length, not its bytes: so the cache starts with the
// build's id — the SHA-256 of the script, which also ends the script's first line — and is used
// only when the two agree. A cache from another build is never given to V8.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'rehab-stats.cjs');
const CODE_CACHE = join(DIST, 'rehab-stats.v8cache');
/** The bundle's first line: `//build:` and its id (64 hex digits). */
const ID_PREFIX = '//build:';
const ID_LENGTH = 64;

/** The bundle's exports, and a function that writes the code cache of what has run so far (for the build). */
function loadBundle() {
  // UTF-8: esbuild escapes non-ASCII characters in strings but not in regular expressions (å, ä, ö, –).
  const source = readFileSync(BUNDLE, 'utf8');
  const id = source.startsWith(ID_PREFIX) ? source.slice(ID_PREFIX.length, ID_PREFIX.length + ID_LENGTH) : undefined;
  const cachedData = id ? cacheFor(id) : undefined;
  // The same wrapper as Node's own for a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, DIST);
  return {
    exports: bundle.exports,
    writeCodeCache() {
      if (!id) throw new Error(`${BUNDLE} has no build id`);
      writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]));
    },
  };
}

/** The cache's V8 data if it was made for the build `id`. */
function cacheFor(id) {
  let data;
  try {
    data = readFileSync(CODE_CACHE);
  } catch {
    return undefined; // none made (a build without one, or removed): compiled as usual
  }
  return data.subarray(0, ID_LENGTH).toString('latin1') === id ? data.subarray(ID_LENGTH) : undefined;
}

exports.loadBundle = loadBundle;
