import { fstatSync, read, readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { errorCode } from './errno.js';
import { chunkPool } from './chunk-pool.js';
import { PipeThread, type Keeper } from './pipe-thread.js';

/** Where stdin's chunks come from: next() gives the next one (undefined at the end); stop() stops reading. */
export interface ChunkReader {
  next(): Promise<Uint8Array | undefined>;
  stop(): Promise<void>;
  /** Takes back a chunk next() gave that nothing holds any more, to read into again. */
  recycle?(chunk: Uint8Array): void;
  /** Where a thread that reads on may keep the copy of the stream itself (from the byte where it takes over). */
  keepIn?(keeper: Keeper): void;
}

/**
 * A stream's chunks as they come (a test's injected stdin, a terminal), none longer than
 * `chunkBytes`: a longer one is handed on in pieces.
 */
export function streamReader(stream: AsyncIterable<Uint8Array | string>, chunkBytes: number): ChunkReader {
  const iterator = stream[Symbol.asyncIterator]();
  let pending: Uint8Array | undefined;
  return {
    async next() {
      while (!pending || pending.length === 0) {
        const r = await iterator.next();
        if (r.done) return undefined;
        pending = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
      const chunk = pending.subarray(0, chunkBytes);
      pending = pending.subarray(chunk.length);
      return chunk;
    },
    async stop() {
      // Stop reading stdin, so a command that stopped early does not wait for its writer.
      await iterator.return?.().catch(() => undefined);
    },
  };
}

/** A thread that reads a long stream: the built worker entry, started once `after` bytes have come. */
export interface ReadingThread {
  entry: string;
  after: number;
}

/**
 * stdin read from its descriptor (a pipe, a socket, a redirected file), in chunks of
 * `chunkBytes` but for the last. A pipe gives at most 64 KiB per read, and a stream hands each
 * piece on in a buffer of its own: the scanner would be called, and a buffer made, sixteen times
 * per MiB. Here reads fill one chunk before it is handed on. They go through libuv's thread
 * pool (fs.read), so the process still answers signals while its writer is slow; once the
 * reader has come back for a second chunk (it is streaming, not looking at the head), the
 * next chunk is read while the current one is scanned.
 *
 * That read ahead moves on by one read of at most 64 KiB each time this thread comes back to
 * its event loop, which it does once per chunk scanned: most of the next chunk is read after
 * the scan, one round trip through the thread pool per 64 KiB. So a long stream is read on by
 * a thread of its own (`thread`, {@link PipeThread}) that fills chunks while this one scans:
 * started once `thread.after` bytes have come (a short input does not pay for its start), it
 * boots while this thread goes on reading, and takes over at the next chunk once it is ready.
 *
 * Undefined for a terminal (typed input is read as the stream `fallback` gives). A descriptor
 * that turns out non-blocking (a read fails with EAGAIN: no byte is lost) is read through
 * `fallback` from then on.
 */
export function descriptorReader(fd: number, chunkBytes: number, fallback: () => AsyncIterable<Uint8Array | string>, thread?: ReadingThread): ChunkReader | undefined {
  try {
    if (isatty(fd) || fstatSync(fd).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  let ended = false;
  let stream: ChunkReader | undefined;
  let leftover: Uint8Array | undefined;
  let ahead: Promise<Uint8Array | undefined> | undefined;
  let handedOn = 0;
  let total = 0;
  let reader: PipeThread | undefined;
  let readerReads = false;
  let keeper: Keeper | undefined;
  // Buffers handed back (recycle): reading a long stream makes no garbage.
  const buffers = chunkPool(chunkBytes);

  const readInto = (buffer: Uint8Array, at: number): Promise<number> =>
    new Promise((resolve, reject) => read(fd, buffer, at, buffer.length - at, null, (e, n) => (e ? reject(e) : resolve(n))));

  /** Copies from the fallback stream into `buffer` from `at`; the new fill level (as `at` when the stream has ended). */
  const fromStream = async (buffer: Uint8Array, at: number): Promise<number> => {
    // `stream` is set before this is called; the check keeps the type system informed.
    if (!stream) return at;
    leftover ??= await stream.next();
    if (!leftover) return at;
    const n = Math.min(leftover.length, buffer.length - at);
    buffer.set(leftover.subarray(0, n), at);
    leftover = n < leftover.length ? leftover.subarray(n) : undefined;
    return at + n;
  };

  const fill = async (): Promise<Uint8Array | undefined> => {
    if (ended) return undefined;
    // Never a buffer still in use: a chunk handed on may be kept (a stream's spill writes it later) until it is recycled.
    const buffer = buffers.take();
    let filled = 0;
    while (filled < chunkBytes) {
      let next: number;
      if (stream) {
        next = await fromStream(buffer, filled);
      } else {
        try {
          next = filled + (await readInto(buffer, filled));
        } catch (e) {
          if (errorCode(e) !== 'EAGAIN') throw e;
          stream = streamReader(fallback(), chunkBytes);
          continue;
        }
      }
      if (next === filled) {
        ended = true;
        break;
      }
      filled = next;
    }
    return filled > 0 ? buffer.subarray(0, filled) : undefined;
  };

  /** Starts the reading thread once enough has come; hands reading over to it once it is ready (true then). */
  const handOver = (): boolean => {
    if (!thread || ended || stream) return false;
    if (!reader && total >= thread.after) {
      try {
        reader = new PipeThread(thread.entry, fd, chunkBytes);
      } catch {
        thread = undefined;
        return false;
      }
    }
    if (!reader?.ready) return false;
    readerReads = true;
    // The bytes handed on so far are the stream's first `total`: the thread keeps what follows.
    reader.go(keeper?.handOff(total));
    return true;
  };

  return {
    async next() {
      if (readerReads && reader) return reader.next();
      const chunk = await (ahead ?? fill());
      ahead = undefined;
      if (chunk) total += chunk.length;
      // The end came before the thread took over: it has nothing to read.
      if (ended && !readerReads) reader?.stop();
      if (chunk && handOver()) return chunk;
      if (chunk && handedOn++ > 0 && !ended) {
        ahead = fill();
        // Its failure is seen by the next call; until then it must not count as unhandled.
        ahead.catch(() => undefined);
      }
      return chunk;
    },
    async stop() {
      // A read ahead still running is left to finish (it cannot be cancelled); the descriptor stays open.
      ended = true;
      reader?.stop();
      await stream?.stop();
    },
    keepIn(k) {
      keeper = k;
    },
    recycle(chunk) {
      if (readerReads && reader) {
        reader.recycle(chunk);
        return;
      }
      buffers.give(chunk);
    },
  };
}

/**
 * stdin redirected from a regular file (`< file`): its size and the descriptor's current
 * position, so that it can be read as that file — at positions, in two parts at once — from
 * where the shell left it. Undefined for anything else, and where the position cannot be
 * known (Linux tells it in /proc/self/fdinfo; elsewhere stdin is read in order, as a stream).
 */
export function redirectedFile(fd: number): { position: number; size: number } | undefined {
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const pos = /^pos:\s*(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'))?.[1];
    if (pos === undefined) return undefined;
    const position = Number(pos);
    return { position, size: Math.max(0, stat.size - position) };
  } catch {
    return undefined;
  }
}
