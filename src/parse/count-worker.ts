import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { RecordCounter, type FastPlan, type PartResult } from './fast-records.js';
import { readPipe, type PipeJob } from '../io/pipe-thread.js';

/** What a worker thread counts: the rows of one file from byte `start` (a row's first byte) to `end`. */
export interface CountJob {
  /** The file by path, or stdin redirected from a file: the process's descriptor (threads share it), its bytes from `base`. */
  file: { path: string } | { fd: number; base: number };
  start: number;
  end: number;
  /** The main thread's plan without its interpreters (functions do not cross threads); the kernel module does. */
  plan: Omit<FastPlan, 'interpret'>;
  chunkBytes: number;
}

/**
 * Counts the rows of bytes [start, end) of a file with a counter that keeps each cell's text
 * (the main thread interprets them when it merges, {@link RecordCounter.absorb}). One read
 * buffer, reused: memory stays flat. Line numbers count from 0, the part's first line.
 */
export function countRange(job: CountJob): PartResult {
  const counter = new RecordCounter({ ...job.plan, firstLine: 0 });
  const buffer = new Uint8Array(job.chunkBytes);
  const file = job.file;
  const fd = 'path' in file ? openSync(file.path, 'r') : file.fd;
  const base = 'path' in file ? 0 : file.base;
  try {
    for (let at = job.start; at < job.end;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, job.end - at), base + at);
      if (n === 0) return { ok: false, reason: 'the file ended early', line: 0 };
      at += n;
      counter.push(buffer.subarray(0, n), at >= job.end);
      if (counter.failed) break;
    }
  } finally {
    if ('path' in file) closeSync(fd);
  }
  return counter.part();
}

/** The jobs ingest/ and io/ post (workerData types as any): told apart, and checked, by their fields. */
function isPipeJob(job: unknown): job is PipeJob {
  return (
    typeof job === 'object' &&
    job !== null &&
    'pipe' in job &&
    job.pipe === true &&
    'fd' in job &&
    typeof job.fd === 'number' &&
    'control' in job &&
    'keep' in job &&
    'returns' in job
  );
}
function isCountJob(job: unknown): job is CountJob {
  return (
    typeof job === 'object' &&
    job !== null &&
    'file' in job &&
    'start' in job &&
    'end' in job &&
    'plan' in job &&
    'chunkBytes' in job &&
    typeof job.start === 'number' &&
    typeof job.end === 'number' &&
    typeof job.chunkBytes === 'number'
  );
}

/** A worker bin/ starts early (bin/count-worker.js): its job comes as its first message. */
function isStandby(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'standby' in data && data.standby === true;
}

// As the entry of a worker thread (dist/count-worker.mjs): count the job, post the result, the
// typed arrays moved rather than copied. Any exception is the main thread's 'error' event.
if (parentPort && workerData) {
  const port = parentPort;
  const run = (job: unknown) => {
    if (isPipeJob(job)) readPipe(job, (m, transfer) => port.postMessage(m, transfer ?? []));
    else if (isCountJob(job)) {
      const result = countRange(job);
      port.postMessage(result, result.ok ? [result.part.keys.buffer, result.part.values.buffer, result.part.firstLines.buffer] : []);
    } else throw new Error('the worker was not given a counting job');
  };
  const data: unknown = workerData;
  if (isStandby(data)) port.once('message', run);
  else run(data);
}
