import { availableParallelism } from 'node:os';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planFastPath, type FastStart } from '../domain/fast-load.js';
import type { LoadedTable, ReadOptions } from '../domain/load.js';
import type { Observation } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { RecordCounter, type FastResult } from '../parse/fast-records.js';
import { progressBar } from './progress.js';
import { ioFailure } from './read.js';
import { scanKernel } from './kernel-file.js';
import type { ScanJob } from './scan-worker.js';

/** Below this size the general path is as fast as it needs to be. */
export const FAST_PATH_MIN_BYTES = 1 << 20;
/** Below this size a second thread costs more to start than it saves. */
const PARALLEL_MIN_BYTES = 16 << 20;
const SAMPLE_BYTES = 1 << 15;
const CHUNK_BYTES = 1 << 20;
const LF = 0x0a;

/**
 * Streams a big record-level file through the fast path with flat memory (a 1 MB buffer per
 * thread), showing progress on a terminal. On two or more cores a quote-free file is split
 * at a line break and the second half counted by a worker thread. Undefined when the file is
 * small, not a regular file, or not a clean record-level table: the caller then reads it the
 * general way.
 */
export async function loadLargeRecordFile(path: string, file: string, regions: RegionIndex, opts: ReadOptions): Promise<LoadedTable | undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw ioFailure(e, file);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size < FAST_PATH_MIN_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const sampleLength = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    const start = planFastPath(buffer.subarray(0, sampleLength), sampleLength >= stat.size, file, regions, opts, scanKernel());
    if (!start) return undefined;
    const worker = workerScript();
    const split = start.plan.noQuotes && worker && stat.size >= PARALLEL_MIN_BYTES && availableParallelism() >= 2 ? splitPoint(fd, start.dataOffset, stat.size) : undefined;
    let result: (FastResult & { threads?: number }) | undefined;
    if (split !== undefined) result = { ...(await scanInTwo(fd, path, file, start, split, stat.size, worker!, buffer)), threads: 2 };
    // A quote found after all, or a worker that failed: one thread, from the start.
    if (!result?.ok) result = scanRange(fd, start, start.plan.firstLine, start.dataOffset, stat.size, buffer, file).result;
    if (!result.ok) return undefined;
    const readBy = `fast path${result.threads === 2 ? ', 2 threads' : ''}`;
    return { ...start.sample, observations: result.observations, rowsRead: result.rowsRead, missing: [], problems: [], readBy };
  } catch (e) {
    throw ioFailure(e, file);
  } finally {
    closeSync(fd);
  }
}

/** Counts the rows in [from, to) on this thread. */
function scanRange(fd: number, start: FastStart, firstLine: number, from: number, to: number, buffer: Buffer, file?: string): { result: FastResult; nextLine: number } {
  const counter = new RecordCounter({ ...start.plan, firstLine });
  // The bar follows this thread's range; with two threads the worker's half runs alongside.
  const progress = file ? progressBar(to, `reading ${file}`) : undefined;
  for (let position = from; position < to && !counter.failed; ) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, to - position), position);
    if (n === 0) break;
    position += n;
    counter.push(buffer.subarray(0, n));
    progress?.update(position);
  }
  progress?.finish();
  return { result: counter.result(), nextLine: counter.nextLine };
}

/** The first row boundary at or after the middle of the data. */
function splitPoint(fd: number, dataOffset: number, size: number): number | undefined {
  const probe = Buffer.allocUnsafe(1 << 16);
  const middle = dataOffset + Math.floor((size - dataOffset) / 2);
  const n = readSync(fd, probe, 0, probe.length, middle);
  const lf = probe.subarray(0, n).indexOf(LF);
  return lf < 0 ? undefined : middle + lf + 1;
}

/** First half here, second half in a worker thread, then the counts merged. */
async function scanInTwo(fd: number, path: string, file: string, start: FastStart, split: number, size: number, script: string, buffer: Buffer): Promise<FastResult> {
  // Functions and the compiled kernel stay here; the worker makes its own.
  const { interpret: _functionsStayHere, kernel: _compiledPerThread, ...spec } = start.plan;
  const job: ScanJob = { path, start: split, end: size, spec };
  const second = new Promise<FastResult>((resolve) => {
    // A small young generation: the worker allocates little, and its heap counts in the peak memory.
    const w = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    w.once('message', (r: FastResult) => resolve(r));
    w.once('error', (e) => resolve({ ok: false, reason: `worker: ${e.message}`, line: 0 }));
  });
  const first = scanRange(fd, start, start.plan.firstLine, start.dataOffset, split, buffer, file);
  const rest = await second;
  if (!first.result.ok) return first.result;
  if (!rest.ok) return rest;
  return mergeCounts(first.result.observations, rest.observations, first.nextLine - 1, first.result.rowsRead + rest.rowsRead);
}

/** Adds the second range's counts to the first's; its lines (relative, from 1) move down by `shift`. */
export function mergeCounts(first: Observation[], second: Observation[], shift: number, rowsRead: number): FastResult {
  const byKey = new Map<string, Observation>();
  const key = (o: Observation) => `${o.region}|${o.year}|${o.method}|${o.sex}|${o.age}`;
  for (const o of first) byKey.set(key(o), { ...o });
  for (const o of second) {
    const k = key(o);
    const seen = byKey.get(k);
    if (seen) seen.value = (seen.value ?? 0) + (o.value ?? 0);
    else byKey.set(k, { ...o, line: o.line + shift });
  }
  const observations = [...byKey.values()].sort((a, b) => a.line - b.line);
  return { ok: true, observations, rowsRead };
}

/** The worker's script: beside the bundle, or beside this module in dist/io; none when running from source. */
function workerScript(): string | undefined {
  for (const candidate of ['./scan-worker.mjs', './scan-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}
