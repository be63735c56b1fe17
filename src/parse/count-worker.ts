import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { RecordCounter, type FastPlan, type PartResult } from './fast-records.js';

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

/**
 * Lines a segment of a stream may span: segment k's rows are numbered from k × this (its
 * index in the high digits), the main thread's first segment as the input's lines. A
 * segment is a few MiB, so it has fewer lines than this; 2^24 × 4 GiB / 4 MiB stays exact in an f64.
 */
export const SEGMENT_LINES = 2 ** 24;

/** A worker thread that counts segments of a stream as the main thread sends them (ingest/stream-split.ts). */
export interface StreamJob {
  stream: true;
  plan: Omit<FastPlan, 'interpret'>;
}

/** To a stream's worker: the next bytes of segment `segment` (its first bytes start a row), or the end of the input. */
export type ToStreamWorker = { segment: number; bytes: Uint8Array<ArrayBuffer> } | { end: true; lastSegmentIsMine: boolean };

/**
 * From a stream's worker: that it is ready; that it counted `counted` more bytes (and whether
 * its counts can still be used), handing back their buffer; or, at the
 * end, its counts (lines in the segments' numbering), the lines of each of its segments
 * (segment, the line after its last row in its numbering), and whether a segment ended inside
 * a row (a quoted line break where the stream was cut: the counts cannot be used).
 */
export type FromStreamWorker =
  { ready: true } | { counted: number; unusable: boolean; buffer: ArrayBuffer } | { result: PartResult; segmentEnds: [number, number][]; cutInRow: boolean };

/** Counts a stream's segments as they come on `port`, with one counter (one kernel instance) for them all. */
export function countSegments(job: StreamJob, port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  const counter = new RecordCounter({ ...job.plan, firstLine: 0 });
  const segmentEnds: [number, number][] = [];
  let segment = -1;
  let cutInRow = false;
  const endSegment = () => {
    if (segment >= 0) segmentEnds.push([segment, counter.nextLine - segment * SEGMENT_LINES]);
  };
  port.on('message', (m: ToStreamWorker) => {
    if ('segment' in m) {
      if (m.segment !== segment) {
        endSegment();
        if (counter.midRow) cutInRow = true;
        segment = m.segment;
        counter.startSegment(segment * SEGMENT_LINES);
      }
      if (!cutInRow) counter.push(m.bytes);
      // Whether the parts are still usable is said at once, so the main thread stops reading a
      // stream whose parts cannot be; the buffer goes back to be filled again (memory stays flat).
      const counted: FromStreamWorker = { counted: m.bytes.length, unusable: cutInRow || counter.failed, buffer: m.bytes.buffer };
      port.postMessage(counted, [m.bytes.buffer]);
      return;
    }
    // The input's last row may end without a line break: only then may the last segment end inside a row.
    if (m.lastSegmentIsMine || !counter.midRow) {
      const result = counter.part();
      endSegment();
      const message: FromStreamWorker = { result, segmentEnds, cutInRow };
      port.postMessage(message, result.ok ? [result.part.keys.buffer, result.part.values.buffer, result.part.firstLines.buffer] : []);
    } else {
      port.postMessage({ result: { ok: false, reason: 'cut inside a row', line: 0 }, segmentEnds, cutInRow: true } satisfies FromStreamWorker);
    }
  });
  port.postMessage({ ready: true } satisfies FromStreamWorker);
}

/** The jobs ingest/ posts (workerData types as any): told apart, and checked, by their fields. */
function isStreamJob(job: unknown): job is StreamJob {
  return typeof job === 'object' && job !== null && 'stream' in job && job.stream === true && 'plan' in job && typeof job.plan === 'object';
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

// As the entry of a worker thread (dist/count-worker.mjs): count the job, post the result, the
// typed arrays moved rather than copied. Any exception is the main thread's 'error' event.
if (parentPort && workerData) {
  const port = parentPort;
  const job: unknown = workerData;
  if (isStreamJob(job)) countSegments(job, port);
  else if (isCountJob(job)) {
    const result = countRange(job);
    port.postMessage(result, result.ok ? [result.part.keys.buffer, result.part.values.buffer, result.part.firstLines.buffer] : []);
  } else throw new Error('the worker was not given a counting job');
}
