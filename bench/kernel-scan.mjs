#!/usr/bin/env node
// The record-level scan alone, on one thread, in MB per CPU second: the first MB of FILE (default all of it)
// counted by one RecordCounter in chunks as a worker reads them, best of ROUNDS, without
// start-up, file reading or merging. ROOT is the checkout whose src/ and src/parse/scan.wat are
// measured (default this one), so two versions can be compared on one machine in one sitting:
//   node bench/kernel-scan.mjs bench/out/records-5m.csv [MB] [ROUNDS] [ROOT]
import { readFileSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import wabtInit from 'wabt';

const [file, mbArg, roundsArg, rootArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/kernel-scan.mjs FILE [MB] [ROUNDS] [ROOT]');
  process.exit(2);
}
const here = dirname(dirname(fileURLToPath(import.meta.url)));
const root = resolve(rootArg ?? here);
const rounds = Number(roundsArg ?? 5);

// The counter and planner from ROOT's sources, bundled next to ROOT's data (bench/out/), and ROOT's kernel assembled.
const out = join(root, 'bench', 'out', 'kernel-scan.bundle.mjs');
mkdirSync(dirname(out), { recursive: true });
const src = (p) => JSON.stringify(join(root, 'src', p));
await build({
  stdin: {
    contents: `export { planFastPath } from ${src('ingest/fast.ts')}; export { RecordCounter } from ${src('parse/fast-records.ts')}; export { compileKernel } from ${src('parse/kernel.ts')}; export { bundledRegions } from ${src('domain/bundled.ts')};`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  logLevel: 'warning',
  // ROOT may be a bare export of another version's sources: its packages are this checkout's.
  nodePaths: [join(here, 'node_modules')],
  external: ['exceljs'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const { planFastPath, RecordCounter, compileKernel, bundledRegions } = await import(pathToFileURL(out).href);
const wat = (await wabtInit()).parseWat('scan.wat', readFileSync(join(root, 'src', 'parse', 'scan.wat'), 'utf8'));
const kernel = compileKernel(new Uint8Array(wat.toBinary({}).buffer));
wat.destroy();

const size = Math.min(statSync(file).size, mbArg ? Number(mbArg) * 1e6 : Infinity);
const bytes = new Uint8Array(size);
const fd = openSync(file, 'r');
for (let at = 0; at < size;) at += readSync(fd, bytes, at, size - at, at);
closeSync(fd);
const start = planFastPath(bytes.subarray(0, 1 << 20), false, file, bundledRegions(), {}, kernel);
if (!start) throw new Error('the fast path does not take this file');
const data = bytes.subarray(start.dataOffset, bytes.lastIndexOf(0x0a) + 1);
const CHUNK = 1 << 20;
let best = Infinity;
let rows = 0;
for (let r = 0; r < rounds; r++) {
  // CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns.
  const t = process.cpuUsage();
  const counter = new RecordCounter(start.plan);
  for (let at = 0; at < data.length; at += CHUNK) counter.push(data.subarray(at, at + CHUNK), at + CHUNK >= data.length);
  const result = counter.result();
  const used = process.cpuUsage(t);
  const ms = (used.user + used.system) / 1000;
  if (!result.ok) throw new Error(`the counter gave up: ${result.reason}`);
  rows = result.rowsRead;
  best = Math.min(best, ms);
}
console.log(
  `${root}: ${(data.length / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en')} rows, best of ${rounds}: ${best.toFixed(0)} ms CPU, ${(data.length / 1e6 / (best / 1000)).toFixed(0)} MB/s`,
);
