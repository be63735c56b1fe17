import { closeSync, readSync, writeSync } from 'node:fs';
import { receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { errorCode } from './errno.js';

/**
 * A pipe (stdin) read by a thread of its own with blocking reads, while the main thread
 * counts. A pipe gives at most 64 KiB per read; read through libuv's thread pool, each of
 * those is a round trip between threads, and the next is asked for only when the main thread
 * comes back to its event loop — between two chunks it has scanned. Here a read waits in the
 * kernel and wakes as soon as the writer writes; the main thread gets whole chunks (moved
 * between threads, not copied). It may also write the copy of the stream kept for the
 * general path ({@link KeepTarget}), each piece right after reading it.
 */

/**
 * Where the reading thread writes the copy: a descriptor for it alone (the main thread opened
 * it and closes it once the thread has ended: Node warns when a thread closes a descriptor it
 * did not open), stream bytes from `position` to `limit` at those offsets.
 */
export interface KeepTarget {
  fd: number;
  position: number;
  limit: number;
}

/** What lets the reading thread keep the copy from a stream position on (io/spill.ts). */
export interface Keeper {
  handOff(position: number): KeepTarget | undefined;
}

/** What the reading thread is given. */
export interface PipeJob {
  pipe: true;
  fd: number;
  chunkBytes: number;
  /** Int32 slots shared with the main thread (see the indexes below). */
  control: SharedArrayBuffer;
  /** Where to keep the copy, written by go() before it says GO: descriptor, position, limit (a descriptor of -1: no copy). */
  keep: SharedArrayBuffer;
  /** Where the main thread hands back chunks it is done with, to be read into again. */
  returns: MessagePort;
}

/** From the reading thread: it has started; a chunk (moved); the end; a read that failed (its error code). */
export type FromPipe = { ready: true } | { chunk: ArrayBuffer; length: number } | { end: true } | { error: string; message: string };

/** The control slots: chunks posted and not yet taken; the main thread has stopped reading (the thread reads from now on); stop. */
const QUEUED = 0;
const GO = 1;
const STOP = 2;
/** Chunks read ahead that the main thread has not taken yet: past this the reader waits (memory stays flat). */
const MAX_QUEUED = 4;

/** The reading thread's loop (the worker entry calls it): reads until the end, a failure or STOP. */
export function readPipe(job: PipeJob, post: (m: FromPipe, transfer?: ArrayBuffer[]) => void): void {
  const control = new Int32Array(job.control);
  post({ ready: true });
  while (Atomics.load(control, GO) === 0) Atomics.wait(control, GO, 0);
  // go() wrote where to keep the copy before it said GO (an atomic store: those writes are seen here).
  const [fd = -1, position = 0, limit = 0] = new Float64Array(job.keep);
  readOn(job, control, fd >= 0 ? { fd, position, limit } : undefined, post);
}

function readOn(job: PipeJob, control: Int32Array, keep: KeepTarget | undefined, post: (m: FromPipe, transfer?: ArrayBuffer[]) => void): void {
  let at = keep?.position ?? 0;
  for (;;) {
    for (let q = Atomics.load(control, QUEUED); q >= MAX_QUEUED && Atomics.load(control, STOP) === 0; q = Atomics.load(control, QUEUED)) Atomics.wait(control, QUEUED, q);
    if (Atomics.load(control, STOP) !== 0) return;
    const returned: unknown = receiveMessageOnPort(job.returns)?.message;
    const buffer = returned instanceof ArrayBuffer && returned.byteLength === job.chunkBytes ? returned : new ArrayBuffer(job.chunkBytes);
    const bytes = new Uint8Array(buffer);
    let filled = 0;
    let ended = false;
    while (filled < bytes.length) {
      let n: number;
      try {
        n = readSync(job.fd, bytes, filled, bytes.length - filled, null);
      } catch (e) {
        // A descriptor left non-blocking by whoever opened it: wait a moment (or for STOP) and read again.
        if (errorCode(e) === 'EAGAIN') {
          Atomics.wait(control, STOP, 0, 2);
          if (Atomics.load(control, STOP) !== 0) return;
          continue;
        }
        post({ error: errorCode(e) ?? '', message: e instanceof Error ? e.message : String(e) });
        return;
      }
      if (n === 0) {
        ended = true;
        break;
      }
      if (keep && at < keep.limit) {
        try {
          const upTo = Math.min(n, keep.limit - at);
          for (let done = 0; done < upTo;) done += writeSync(keep.fd, bytes, filled + done, upTo - done, at + done);
        } catch (e) {
          post({ error: errorCode(e) ?? '', message: e instanceof Error ? e.message : String(e) });
          return;
        }
      }
      at += n;
      filled += n;
    }
    if (filled > 0) {
      Atomics.add(control, QUEUED, 1);
      post({ chunk: buffer, length: filled }, [buffer]);
    }
    if (ended) {
      post({ end: true });
      return;
    }
  }
}

/**
 * The main thread's side: starts the reading thread (`entry`, the built worker), which boots
 * while the caller goes on reading by itself, and waits for {@link go} before it reads.
 */
export class PipeThread {
  private readonly worker: Worker;
  private readonly shared = new SharedArrayBuffer(3 * 4);
  private readonly control = new Int32Array(this.shared);
  private readonly keepShared = new SharedArrayBuffer(3 * 8);
  private readonly keep = new Float64Array(this.keepShared).fill(-1);
  private readonly returns: MessagePort;
  private readonly queue: Uint8Array[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;
  private failure: Error | undefined;
  private started = false;
  private keepFd: number | undefined;
  /** Whether the thread has booted and waits for {@link go}. */
  ready = false;
  private readonly mine = new WeakSet<ArrayBufferLike>();

  constructor(
    entry: string,
    fd: number,
    private readonly chunkBytes: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.returns = port1;
    const job: PipeJob = { pipe: true, fd, chunkBytes, control: this.shared, keep: this.keepShared, returns: port2 };
    this.worker = new Worker(entry, { workerData: job, transferList: [port2] });
    this.worker.on('message', (m: FromPipe) => {
      if ('ready' in m) this.ready = true;
      else if ('chunk' in m) {
        this.mine.add(m.chunk);
        this.queue.push(new Uint8Array(m.chunk, 0, m.length));
      } else if ('end' in m) this.ended = true;
      else this.failure = Object.assign(new Error(m.message), { code: m.error });
      this.wake();
    });
    // The thread has ended: nothing writes to the copy's descriptor any more.
    this.worker.once('exit', () => {
      if (this.keepFd !== undefined) closeSync(this.keepFd);
      this.keepFd = undefined;
    });
    const lost = (e?: unknown) => {
      if (!this.ended) this.failure ??= e instanceof Error ? e : new Error('the thread reading stdin stopped');
      this.wake();
    };
    this.worker.once('error', lost);
    this.worker.once('exit', () => lost());
  }

  /** The thread reads from now on (the caller has stopped reading), keeping the copy in `keep` when given. */
  go(keep?: KeepTarget): void {
    this.started = true;
    this.keepFd = keep?.fd;
    if (keep) this.keep.set([keep.fd, keep.position, keep.limit]);
    Atomics.store(this.control, GO, 1);
    Atomics.notify(this.control, GO);
  }

  /** The next chunk the thread read, undefined at the end. */
  async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        Atomics.sub(this.control, QUEUED, 1);
        Atomics.notify(this.control, QUEUED);
        return chunk;
      }
      if (this.failure) throw this.failure;
      if (this.ended || !this.started) return undefined;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Takes back a chunk next() gave, to be read into again. */
  recycle(chunk: Uint8Array): void {
    const buffer = chunk.buffer;
    // Only whole buffers the thread moved here; moving one back leaves any view of it here empty, never changed.
    if (chunk.byteOffset === 0 && buffer instanceof ArrayBuffer && buffer.byteLength === this.chunkBytes && this.mine.has(buffer)) {
      this.mine.delete(buffer);
      this.returns.postMessage(buffer, [buffer]);
    }
  }

  /**
   * Stops the thread. It is not waited for: a read still waiting for the writer cannot be
   * interrupted (the process exits once the writer writes again or closes the pipe).
   */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.store(this.control, GO, 1);
    Atomics.notify(this.control, GO);
    Atomics.notify(this.control, QUEUED);
    Atomics.notify(this.control, STOP);
    this.returns.close();
    this.worker.unref();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }
}
