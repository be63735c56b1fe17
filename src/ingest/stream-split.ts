import { Worker } from 'node:worker_threads';
import { SEGMENT_LINES, type FromStreamWorker, type StreamJob, type ToStreamWorker } from '../parse/count-worker.js';
import { RecordCounter, uninterpreted, type CountedPart, type FastPlan, type FastResult } from '../parse/fast-records.js';

const LF = 0x0a;
/** The size of the buffers the worker's bytes are copied into (a chunk read is at most this). */
const CHUNK_BYTES = 1 << 20;

/** How a stream is shared between the two threads. */
export interface StreamSharing {
  /** The built worker entry (dist/count-worker.mjs). */
  entry: string;
  /** Bytes after which the worker thread is started: a shorter stream is counted by this thread alone. */
  startAt: number;
  /** A segment's length: at the first line break past it the next segment begins, counted by whichever thread is free. */
  segmentBytes: number;
}

/**
 * A stream (stdin, a pipe) counted by two threads as it comes: cut into segments of a few
 * MiB at line breaks, each counted by this thread or, while it keeps up, a worker thread with
 * its own kernel instance — the stream is read once, in order, and never held whole. Each
 * segment numbers its rows on its own (its index in the high digits, see
 * {@link SEGMENT_LINES}), so neither thread waits for the other; at the end the worker's
 * counts are merged into this thread's and every line made the input's
 * ({@link RecordCounter.mergeSegments}): the one-thread result.
 *
 * Anything that makes the parts unusable — a quoted line break where the stream was cut (a
 * segment that ends inside a row), a row either thread hands over, a text that is not clean,
 * a worker that fails — makes {@link finish} give undefined (and {@link failed} true as soon
 * as it is seen): the caller then counts the input again in one piece from its kept copy,
 * which decides exactly as one thread always has.
 */
export class StreamParts {
  readonly counter: RecordCounter;
  private worker: Worker | undefined;
  private ready = false;
  /** Set once the worker has failed, or has been given a segment and failed since: the parts cannot be used. */
  private broken = false;
  private workerUsed = false;
  private outstanding = 0;
  private segment = 0;
  private mine = true;
  /** Bytes of the current segment so far. */
  private length = 0;
  private bytes = 0;
  /** Per segment: the line after its last row, in its own numbering. */
  private readonly ends: number[] = [];
  /** Buffers the worker has handed back, to copy its next bytes into. */
  private readonly buffers: ArrayBuffer[] = [];
  private final: Promise<Extract<FromStreamWorker, { result: unknown }> | undefined> | undefined;

  constructor(
    private readonly plan: FastPlan,
    private readonly sharing: StreamSharing,
  ) {
    this.counter = new RecordCounter(plan);
  }

  /** Whether the worker thread has started and may be given segments. */
  get workerReady(): boolean {
    return this.ready && !this.broken;
  }

  /** True once the parts cannot give the result: stop reading and count again in one piece. */
  get failed(): boolean {
    return this.broken || this.counter.failed;
  }

  /** The next bytes of the stream (after the header): this thread's until the worker is started, then cut into segments at line breaks. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (!this.worker) {
      // The first segment, numbered with the input's own lines.
      this.length += chunk.length;
      this.counter.push(chunk);
      // Its lines must stay below the second segment's numbering.
      if (this.bytes >= this.sharing.startAt && !this.failed && this.counter.nextLine < SEGMENT_LINES / 2) this.startWorker();
      return;
    }
    let at = 0;
    while (at < chunk.length && !this.failed) {
      // Up to the segment's length, then on to the next line break, where the next segment starts.
      const upTo = at + Math.max(0, this.sharing.segmentBytes - this.length);
      const lf = upTo < chunk.length ? chunk.indexOf(LF, upTo) : -1;
      const end = lf < 0 ? chunk.length : lf + 1;
      this.give(chunk.subarray(at, end));
      at = end;
      if (lf >= 0) this.nextSegment();
    }
  }

  /** The counts of the whole stream, or undefined when the parts cannot give them (count again in one piece). */
  async finish(): Promise<FastResult | undefined> {
    try {
      let part: CountedPart | undefined;
      if (this.workerUsed && this.worker && !this.failed) {
        this.post({ end: true, lastSegmentIsMine: !this.mine });
        const reply = await this.final;
        if (!reply?.result.ok || reply.cutInRow || this.broken) return undefined;
        for (const [segment, end] of reply.segmentEnds) this.ends[segment] = end;
        part = reply.result.part;
      }
      if (this.failed) return undefined;
      // Where each segment's rows start among the input's lines: the first segment's are the input's own.
      const starts = [0];
      for (let k = 1; k <= this.segment; k++) {
        const previous = this.ends[k - 1];
        if (previous === undefined) return undefined;
        starts.push((starts[k - 1] ?? 0) + previous);
      }
      return this.counter.mergeSegments(part, (line) => {
        const k = Math.floor(line / SEGMENT_LINES);
        return (starts[k] ?? 0) + line - k * SEGMENT_LINES;
      });
    } finally {
      await this.stop();
    }
  }

  /** Stops the worker thread (if any); the parts are not used after this. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.broken = true;
    if (worker) await worker.terminate();
  }

  private give(bytes: Uint8Array): void {
    this.length += bytes.length;
    if (bytes.length === 0) return;
    if (this.mine) {
      this.counter.push(bytes);
      return;
    }
    // A copy of its own, moved to the worker (the chunk itself may still be written to the kept
    // copy), in a buffer the worker handed back when there is one big enough.
    const buffer = this.buffers.pop();
    const copy = new Uint8Array(buffer && buffer.byteLength >= bytes.length ? buffer : new ArrayBuffer(Math.max(bytes.length, CHUNK_BYTES)), 0, bytes.length);
    copy.set(bytes);
    this.outstanding += copy.length;
    this.post({ segment: this.segment, bytes: copy }, [copy.buffer]);
  }

  /** Ends the current segment at a line break; the next goes to the worker when it has caught up, else to this thread. */
  private nextSegment(): void {
    if (this.mine) {
      // A quoted line break where the stream was cut: the next segment does not start a row.
      if (this.counter.midRow) {
        this.broken = true;
        return;
      }
      this.ends[this.segment] = this.counter.nextLine - this.segment * SEGMENT_LINES;
    }
    this.segment++;
    this.length = 0;
    this.mine = !(this.worker && this.ready && !this.broken && this.outstanding < this.sharing.segmentBytes);
    if (this.mine) this.counter.startSegment(this.segment * SEGMENT_LINES);
    else this.workerUsed = true;
  }

  private startWorker(): void {
    const job: StreamJob = { stream: true, plan: uninterpreted(this.plan) };
    const worker = new Worker(this.sharing.entry, { workerData: job });
    this.worker = worker;
    this.final = new Promise((resolve) => {
      const lost = () => {
        // A worker that fails before it was given anything costs nothing but itself.
        if (this.workerUsed) this.broken = true;
        this.ready = false;
        resolve(undefined);
      };
      worker.on('message', (m: FromStreamWorker) => {
        if ('ready' in m) this.ready = true;
        else if ('counted' in m) {
          this.outstanding -= m.counted;
          this.buffers.push(m.buffer);
          if (m.unusable) this.broken = true;
        } else resolve(m);
      });
      worker.once('error', lost);
      worker.once('exit', lost);
    });
  }

  private post(message: ToStreamWorker, transfer: ArrayBuffer[] = []): void {
    this.worker?.postMessage(message, transfer);
  }
}
