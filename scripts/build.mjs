#!/usr/bin/env node
// The build, straight from src/ with esbuild (types are checked by `npm run typecheck`, once):
// (1) one script bundling the CLI and its dependencies, so start-up loads one file instead of
// about seventy; (2) the WebAssembly scanning kernel; (3) a JSON snapshot of the bundled CSV
// data as parsed, so commands on the bundled data start without parsing CSV; (4) V8's code
// cache of the script after a run on the bundled data (bin/bundle.js), so start-up does not
// compile it again. Measured in BENCHMARKS.md ("Start-up").
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fingerprint, stamp, stamped, unstamp } from './fingerprint.mjs';

// Nothing to do when neither the inputs nor dist/ changed since the last build (npm test builds
// first, every time): the sources, the bundled data, bin/, this script, the installed packages
// (npm's own record of node_modules), Node's version (the code cache is V8's) and the one switch.
const inputs = fingerprint(
  ['src', 'bin', 'scripts/build.mjs', 'scripts/fingerprint.mjs', 'tsconfig.json', 'package.json', 'node_modules/.package-lock.json'],
  [process.version, process.arch, `readable=${process.env.REHAB_STATS_BUILD_READABLE ?? ''}`],
);
if (stamped('build', `${inputs}\n${fingerprint(['dist'])}`)) {
  console.log('build: dist/ is up to date');
  process.exit(0);
}
unstamp('build');
const { build } = await import('esbuild');
const { default: wabt } = await import('wabt');

mkdirSync('dist', { recursive: true });
// What earlier builds wrote and this one does not: an ES module bundle, a code cache of another build.
rmSync('dist/rehab-stats.mjs', { force: true });
rmSync('dist/rehab-stats.v8cache', { force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // commander and iconv-lite are CommonJS: give the ES module bundle a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

// commander requires node:child_process at load, for subcommands run as executables of their own
// (rehab-stats has none): loading it cost every start milliseconds. Commander gets a stand-in that
// loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

// A CommonJS script, not an ES module: Node 20 keeps no code cache for ES modules, and
// bin/bundle.js compiles this script itself with one. import.meta.url is the script's URL.
{
  const bundled = await build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    entryPoints: ['src/run.ts'],
    write: false,
    // exceljs is loaded only when a workbook is written or read (render/xlsx.ts, ingest/xlsx.ts), from node_modules, so start-up stays small.
    external: ['exceljs'],
    // import('exceljs') as require: a script compiled by bin/bundle.js has no ES module loader of its own.
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__bundleUrl' },
    plugins: [lazyChildProcess],
    banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // REHAB_STATS_BUILD_READABLE=1 keeps names, for a profile (node --cpu-prof) that says where start-up goes.
    minify: process.env.REHAB_STATS_BUILD_READABLE !== '1',
  });
  const text = bundled.outputFiles[0].text;
  // The build's id, which the code cache must carry to be used (bin/bundle.js).
  const id = createHash('sha256').update(text).digest('hex');
  writeFileSync('dist/rehab-stats.cjs', `//build:${id}\n${text}`);
}

// The worker thread that counts the second half of a big record file (src/ingest/split.ts).
await build({
  ...common,
  entryPoints: ['src/parse/count-worker.ts'],
  outfile: 'dist/count-worker.mjs',
  minify: true,
});

// The scanning kernel: WebAssembly text assembled with wabt (no toolchain needed at run time).
{
  const module = (await wabt()).parseWat('scan.wat', readFileSync('src/parse/scan.wat', 'utf8'));
  module.validate();
  writeFileSync('dist/scan.wasm', Buffer.from(module.toBinary({}).buffer));
  module.destroy();
}

// The snapshot, made by the same parsing code the CLI runs (bundled for this step, then removed).
const tools = 'dist/build-snapshot.mjs';
await build({
  ...common,
  stdin: {
    contents: "export { loadTable } from './src/ingest/load.ts'; export * from './src/io/bundled.ts'; export * from './src/domain/bundled.ts';",
    resolveDir: '.',
    loader: 'ts',
  },
  outfile: tools,
});
try {
  const { loadTable, bundledRegions, readBundled, regionRecords, SNAPSHOT_FILES, SNAPSHOT_PATH, sourceStamps } = await import(`../${tools}`);
  const regions = bundledRegions();
  const tables = {};
  for (const name of SNAPSHOT_FILES.filter((f) => f !== 'regions.csv')) {
    const t = loadTable(readBundled(name), `bundled ${name}`, name === 'population.csv' ? 'population' : 'count', regions);
    if (t.problems.length || t.missing.length) throw new Error(`bundled ${name} is not clean`);
    tables[name] = t.observations;
  }
  writeFileSync(SNAPSHOT_PATH, JSON.stringify({ sources: sourceStamps(), regions: regionRecords(), tables }));
} finally {
  rmSync(tools, { force: true });
}

// The code cache: the CLI run once on the bundled data (rank, the commonest start), in a process
// of its own started as bin/ starts (V8 accepts a cache only under the same flags).
{
  const maker = 'dist/make-code-cache.mjs';
  writeFileSync(
    maker,
    `import { loadBundle } from '../bin/bundle.js';
const { exports, writeCodeCache } = loadBundle();
const sink = { write: () => true, on: () => undefined };
const io = { stdin: (async function* () {})(), stdout: sink, stderr: sink, env: {}, cwd: process.cwd(), now: () => new Date(0) };
const code = await exports.run(['rank', '--method', 'KBT'], io);
if (code !== 0) throw new Error('rank --method KBT ended with ' + code);
writeCodeCache();
`,
  );
  try {
    const made = spawnSync(process.execPath, [maker], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('the code cache could not be made');
  } finally {
    rmSync(maker, { force: true });
  }
}

stamp('build', `${inputs}\n${fingerprint(['dist'])}`);
