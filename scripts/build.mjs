#!/usr/bin/env node
// The build, straight from src/ with esbuild (types are checked by `npm run typecheck`, once):
// (1) one ES module bundling the CLI and its dependencies, so start-up loads one file instead
// of about seventy; (2) the WebAssembly scanning kernel; (3) a JSON snapshot of the bundled
// CSV data as parsed, so commands on the bundled data start without parsing CSV. (1) and (3)
// are measured in BENCHMARKS.md.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import wabt from 'wabt';

mkdirSync('dist', { recursive: true });
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

await build({
  ...common,
  entryPoints: ['src/run.ts'],
  outfile: 'dist/rehab-stats.mjs',
  // exceljs is loaded only when a workbook is written or read (render/xlsx.ts, ingest/xlsx.ts), from node_modules, so start-up stays small.
  external: ['exceljs'],
  minify: true,
});

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
  stdin: { contents: "export { loadTable } from './src/ingest/load.ts'; export * from './src/io/bundled.ts';", resolveDir: '.', loader: 'ts' },
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
