import { closeSync, mkdtempSync, openSync, read, rmdirSync, rmSync, unlinkSync, write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetTemporary, rememberTemporary } from './temporaries.js';

/** Chunks waiting to be written: past this, add() waits, so that memory stays flat when the disk is slow. */
const MAX_QUEUED_WRITES = 8;

/**
 * The bytes of a stream (stdin, a pipe) kept in case they must be read again, without holding
 * them all in memory: the first `inMemory` bytes stay in memory, the rest go to a temporary
 * file. A stream cannot be rewound, and the fast path may have to hand a whole input to the
 * general path after streaming most of it.
 *
 * The temporary file is unlinked as soon as it is open (where the system allows: not on
 * Windows), so nothing is left behind whatever ends the process; it is read back through its
 * descriptor. Chunks are written one after another in libuv's thread pool while the next
 * chunk is scanned; a chunk added must not be changed afterwards (the readers hand on a new
 * buffer each time).
 */
export class Spill {
  private chunks: Uint8Array[] = [];
  private held = 0;
  private fd: number | undefined;
  /** The file's folder while it still has a name (where it could not be unlinked at once). */
  private named: string | undefined;
  private written = 0;
  private queued = 0;
  private tail: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  /** From this byte on the thread that reads the stream writes the copy itself ({@link handOff}). */
  private keptFrom = Infinity;
  private discarded = false;

  /**
   * `release` is given each chunk added once it is in the temporary file (the reader may fill
   * it again); bytes from `limit` on are not needed (the caller discards the copy before).
   */
  constructor(
    private readonly inMemory = 8 << 20,
    private readonly release?: (chunk: Uint8Array) => void,
    private readonly limit = Infinity,
  ) {}

  /**
   * Keeps `chunk`; resolves at once unless too many writes are waiting. True when the chunk is
   * held (in memory, or until written: it is given to `release` then); false when nothing here
   * holds it (the reading thread wrote it already).
   */
  async add(chunk: Uint8Array): Promise<boolean> {
    this.throwIfFailed();
    if (this.written + this.held >= this.keptFrom) {
      this.written += chunk.length;
      return false;
    }
    if (this.written + this.held + chunk.length > this.keptFrom) throw new Error('a chunk of stdin crosses the point where its reading thread took over the copy');
    if (this.fd === undefined && this.held + chunk.length <= this.inMemory) {
      this.chunks.push(chunk);
      this.held += chunk.length;
      return true;
    }
    const fd = this.toFile();
    this.write(fd, chunk, this.release);
    while (this.queued > MAX_QUEUED_WRITES) await this.oneWritten();
    this.throwIfFailed();
    return true;
  }

  /**
   * Lets the thread that reads the stream write the copy from byte `position` on — each piece
   * as soon as it is read, while it is still in the processor's cache, instead of this thread
   * queueing a write per chunk — through a descriptor of its own on the temporary file (Linux
   * opens one through /proc/self/fd; closed once the thread has ended). Chunks added from `position` on
   * are then only counted. Undefined where that cannot be done: add() goes on writing.
   */
  handOff(position: number): { fd: number; position: number; limit: number } | undefined {
    if (this.discarded || this.failure !== undefined || position < this.written + this.held) return undefined;
    try {
      const fd = openSync(`/proc/self/fd/${this.toFile()}`, 'r+');
      this.keptFrom = position;
      return { fd, position, limit: this.limit };
    } catch {
      return undefined;
    }
  }

  /** The temporary file, opened (and what was held in memory queued to be written) on first use. */
  private toFile(): number {
    if (this.fd === undefined) {
      this.fd = this.open();
      for (const c of this.chunks) this.write(this.fd, c);
      this.chunks = [];
      this.held = 0;
    }
    return this.fd;
  }

  /** Everything added, in memory (for the general path); the temporary file is closed. */
  async take(): Promise<Uint8Array> {
    this.discarded = true;
    const fd = this.fd;
    if (fd === undefined) {
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [];
      return all ?? new Uint8Array(0);
    }
    await this.tail;
    this.throwIfFailed();
    const all = Buffer.allocUnsafe(this.written);
    for (let at = 0; at < all.length;) {
      const n = await new Promise<number>((resolve, reject) => read(fd, all, at, all.length - at, at, (e, got) => (e ? reject(e) : resolve(got))));
      if (n === 0) throw new Error('the temporary copy of stdin is shorter than what was written to it');
      at += n;
    }
    await this.discard();
    return all;
  }

  /** Forgets the bytes and closes (and, where it still has a name, removes) the temporary file. */
  async discard(): Promise<void> {
    this.discarded = true;
    this.chunks = [];
    const fd = this.fd;
    this.fd = undefined;
    // A write still in flight must finish before its descriptor is closed (and perhaps reused).
    await this.tail;
    if (fd !== undefined) closeSync(fd);
    if (this.named !== undefined) forget(this.named);
    this.named = undefined;
  }

  private open(): number {
    const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-stdin-'));
    const file = join(dir, 'input');
    const fd = openSync(file, 'w+', 0o600);
    try {
      unlinkSync(file);
      rmdirSync(dir);
    } catch {
      // Windows keeps an open file's name: remove it when done, or on a signal (io/temporaries.ts).
      this.named = dir;
      rememberTemporary(dir, () => rmSync(dir, { recursive: true, force: true }));
    }
    return fd;
  }

  private write(fd: number, chunk: Uint8Array, release?: (chunk: Uint8Array) => void): void {
    const at = this.written;
    this.written += chunk.length;
    this.queued++;
    // One write at a time, in order: concurrent writes to one file only contend for it.
    this.tail = this.tail
      .then(async () => {
        if (this.failure !== undefined) return;
        await writeAll(fd, chunk, at);
        release?.(chunk);
      })
      .catch((e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => {
        this.queued--;
        this.wake?.();
      });
  }

  private wake: (() => void) | undefined;
  private oneWritten(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Writes all of `chunk` at `position` (a write may take only part of it). */
async function writeAll(fd: number, chunk: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < chunk.length;) {
    done += await new Promise<number>((resolve, reject) => write(fd, chunk, done, chunk.length - done, position + done, (e, n) => (e ? reject(e) : resolve(n))));
  }
}

function forget(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  forgetTemporary(dir);
}
