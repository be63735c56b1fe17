#!/usr/bin/env node
// After tsc: (1) a JSON snapshot of the bundled CSV data as parsed, so commands on the bundled
// data start without parsing CSV; (2) one ES module bundling the CLI and its dependencies
// (esbuild), so start-up loads one file instead of about seventy. Both measured in BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import wabt from 'wabt';
import { readFileSync } from 'node:fs';
import { loadTable } from '../dist/ingest/load.js';
import { bundledRegions, readBundled, regionRecords, SNAPSHOT_FILES, SNAPSHOT_PATH, sourceStamps } from '../dist/io/bundled.js';

const regions = bundledRegions();
const tables = {};
for (const name of SNAPSHOT_FILES.filter((f) => f !== 'regions.csv')) {
  const t = loadTable(readBundled(name), `bundled ${name}`, name === 'population.csv' ? 'population' : 'count', regions);
  if (t.problems.length || t.missing.length) throw new Error(`bundled ${name} is not clean`);
  tables[name] = t.observations;
}
writeFileSync(SNAPSHOT_PATH, JSON.stringify({ sources: sourceStamps(), regions: regionRecords(), tables }));

// The scanning kernel: WebAssembly text assembled with wabt (no toolchain needed at run time).
{
  const module = (await wabt()).parseWat('scan.wat', readFileSync('src/parse/scan.wat', 'utf8'));
  module.validate();
  writeFileSync('dist/scan.wasm', Buffer.from(module.toBinary({}).buffer));
  module.destroy();
}

await build({
  entryPoints: ['dist/run.js'],
  outfile: 'dist/rehab-stats.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // exceljs is loaded only when a workbook is written or read (render/xlsx.ts, ingest/xlsx.ts), from node_modules, so start-up stays small.
  external: ['exceljs'],
  minify: true,
  logLevel: 'warning',
  // commander and iconv-lite are CommonJS: give the ES module bundle a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
