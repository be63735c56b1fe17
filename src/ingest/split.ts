import { Worker } from 'node:worker_threads';
import { countWorkerEntry } from '../io/bundled.js';
import { currentIo, sizeFromEnv } from '../io/context.js';
import type { Progress } from '../io/progress.js';
import type { CountJob } from '../parse/count-worker.js';
import { RecordCounter, uninterpreted, type FastResult, type PartResult } from '../parse/fast-records.js';
import type { FastStart } from './fast.js';
import { CHUNK_BYTES, type ByteSource } from './source.js';

/**
 * Below this size a record file is read by one thread: a worker thread takes about 40 ms to
 * start (a quiet machine; more under load), which only a file this big repays now that the
 * kernel scans about 500 MB/s — on the quiet machine two threads took 1.13× one thread's wall
 * time at 33 MB, the same at 67 MB and 0.9× at 83 MB (BENCHMARKS.md, "Both cores").
 * REHAB_STATS_SPLIT_MIN_BYTES changes it (the tests split small files).
 */
export const SPLIT_MIN_BYTES = 64 << 20;

/**
 * A worker started here begins some milliseconds after the main thread (about 40 on a quiet
 * machine): the main thread then takes up to this much more than half — about what one thread
 * counts in 20 ms at the kernel's speed with SIMD (some 450 MB/s with reading), so both finish
 * together. The worker bin/ starts before the bundle loads (Io.takeCountWorker) is waiting for
 * its job when the file is split: both start at once, and the parts are halves.
 */
const LEAD_BYTES = 8 << 20;

/**
 * Where the search for the split begins: past the middle of the data by the main thread's lead
 * (an eighth of the data at most), none when the worker is `waiting` for its job already.
 */
export function splitSearchStart(dataOffset: number, size: number, waiting = false): number {
  const data = size - dataOffset;
  return dataOffset + Math.floor(data / 2) + (waiting ? 0 : Math.min(LEAD_BYTES, Math.floor(data / 8)));
}

const LF = 0x0a;

/** Whether a plain record file of `size` bytes (or stdin redirected from one) is read in two parts, one per core. */
export function splits(start: FastStart, source: ByteSource, size: number | undefined): size is number {
  const min = sizeFromEnv('REHAB_STATS_SPLIT_MIN_BYTES', SPLIT_MIN_BYTES);
  // An aggregated table must see every row of a group together; an injected opener (tests) is not a file a worker can open.
  return size !== undefined && size >= min && !start.plan.values && source.readAt !== undefined && currentIo().open === undefined && countWorkerEntry() !== undefined;
}

/**
 * Counts a regular file in two parts at once: this thread from the first data row to the
 * first line start after the middle, a worker thread (its own kernel instance, its own reads)
 * from there to the end; then the worker's counts are merged into this thread's
 * ({@link RecordCounter.absorb}: its texts interpreted here, its lines moved after ours). The
 * result is the one-thread result. Undefined when the parts cannot give it — a quoted line
 * break at the split, a row either part hands over, a worker that fails to start — and the
 * caller reads the file again in one piece, which then decides exactly as it always has.
 */
export async function countInTwo(path: string, source: ByteSource, size: number, first: Uint8Array, start: FastStart, progress: Progress): Promise<FastResult | undefined> {
  const readAt = source.readAt?.bind(source);
  const entry = countWorkerEntry();
  if (!readAt || !entry) return undefined;
  const waiting = currentIo().takeCountWorker?.();
  // Listened to from the moment it is taken: a worker that stops while the split is looked for
  // (its 'exit' comes once, and Node drops a job posted to it) gives no part, not a wait for ever.
  const waitingPart = waiting && partOf(waiting);
  let worker = waiting;
  try {
    const middle = splitSearchStart(start.dataOffset, size, waiting !== undefined);
    const buffer = new Uint8Array(CHUNK_BYTES);
    // The split: just past the first line break at or after the middle (a quoted one is found out below).
    const n = await readAt(buffer, middle);
    const lf = buffer.subarray(0, n).indexOf(LF);
    const split = middle + lf + 1;
    if (lf < 0 || split >= size) return undefined;

    const file = source.descriptor ?? { path };
    const job: CountJob = { file, start: split, end: size, plan: uninterpreted(start.plan), chunkBytes: CHUNK_BYTES };
    worker ??= new Worker(entry, { workerData: job });
    if (waiting) waiting.postMessage(job);
    const part = waitingPart ?? partOf(worker);
    const counter = new RecordCounter(start.plan);
    const head = Math.min(first.length, split);
    for (let at = start.dataOffset; at < head && !counter.failed; at += CHUNK_BYTES) counter.push(first.subarray(at, Math.min(head, at + CHUNK_BYTES)));
    for (let at = head; at < split && !counter.failed;) {
      const got = await readAt(buffer.subarray(0, Math.min(buffer.length, split - at)), at);
      if (got === 0) return undefined;
      counter.push(buffer.subarray(0, got));
      at += got;
      // Both parts go at about the same pace: this part's share of the file, as the whole.
      progress.update(Math.round((at / split) * size));
    }
    if (counter.failed || counter.midRow) return undefined;
    const result = await part;
    if (!result?.ok || !counter.absorb(result.part)) return undefined;
    return counter.result();
  } finally {
    // Also a waiting worker never given its job (no split found, a read that failed): taken, it keeps the process alive.
    await worker?.terminate();
  }
}

/** The part a worker counts: its message, or undefined when it fails or stops first. */
function partOf(worker: Worker): Promise<PartResult | undefined> {
  return new Promise((resolve) => {
    worker.once('message', (m: PartResult) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
