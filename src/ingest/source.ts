import { read, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { stdinDigestWanted, stdinHasher } from '../io/digest.js';
import { countWorkerEntry } from '../io/bundled.js';
import { chunkPool } from '../io/chunk-pool.js';
import type { Keeper } from '../io/pipe-thread.js';
import { descriptorReader, redirectedFile, streamReader, type ChunkReader, type ReadingThread } from '../io/stdin.js';
import { ioError } from '../errors.js';
import { currentIo, sizeFromEnv } from '../io/context.js';
import { displayName, ioFailure } from '../io/read.js';
import { msg, type Text } from '../messages/index.js';

/**
 * Where the bytes of an input come from: a file opened once (a regular file, a FIFO, a
 * terminal, a device) or stdin for "-". Chunks of at most {@link CHUNK_BYTES}; a regular file
 * can be read again from the start (the fast path's fallback), a stream cannot.
 */
export interface ByteSource {
  /** The name in messages: the path as given, or "stdin". */
  readonly name: string;
  /** Size of a regular file; undefined for stdin, pipes, terminals and devices. */
  readonly size: number | undefined;
  /** The next chunk, or undefined at the end. */
  next(): Promise<Uint8Array | undefined>;
  /** Back to the first byte (regular files only). */
  rewind(): void;
  /** Takes back a chunk next() gave once nothing holds it any more (stdin: it is read into again). */
  recycle?(chunk: Uint8Array): void;
  /** stdin: where the thread that reads a long pipe may write the kept copy itself (io/spill.ts). */
  keepIn?(keeper: Keeper): void;
  /** Regular files: reads into `buffer` from byte `position` without moving next()'s place; the bytes read (0 at the end). */
  readAt?(buffer: Uint8Array, position: number): Promise<number>;
  /** stdin redirected from a regular file: its descriptor and the position its bytes start at (a worker thread reads it there too). */
  readonly descriptor?: { fd: number; base: number };
  close(): Promise<void>;
}

/** What reading needs from the outside world; tests inject their own. */
export interface InputIo {
  stdin: AsyncIterable<Uint8Array | string>;
  /** stdin's descriptor, read from directly when given (the process's own: 0); else the stream above. */
  stdinFd?: number;
  /** Opens a path for reading (node:fs/promises open by default). */
  open?: (path: string) => Promise<Pick<FileHandle, 'stat' | 'read' | 'close'>>;
}

export const CHUNK_BYTES = 1 << 20;

/**
 * Limits past which an input cannot be a table of treatment counts, so reading stops at once
 * with a clear error instead of filling memory or running for ever (`/dev/zero`, a log file).
 */
export const LIMITS = {
  /** Read whole into memory (every aggregated table; any file the fast path cannot take). */
  wholeBytes: 256 << 20,
  /** Streamed through the record-level fast path from a pipe (a regular file has no limit). */
  streamBytes: 4 * 2 ** 30,
  /** Characters in one cell: titles and footnotes are long, but never this long. */
  cellChars: 10_000,
  columns: 1_000,
} as const;

/**
 * A pipe longer than this — the head the fast path is planned from — is read on by a thread of
 * its own (io/pipe-thread.ts), started as soon as the head is in: it takes some 50 to 90 ms to
 * start, in which the counter gets through tens of MiB, so it is started while the head is
 * planned from. REHAB_STATS_PIPE_THREAD_BYTES changes it (the tests hand over early).
 */
export const PIPE_THREAD_BYTES = 1 << 20;

function readingThread(): ReadingThread | undefined {
  const entry = countWorkerEntry();
  return entry === undefined ? undefined : { entry, after: sizeFromEnv('REHAB_STATS_PIPE_THREAD_BYTES', PIPE_THREAD_BYTES) };
}

/** Where inputs come from: the run's stdin and file opening (src/io/context.ts). */
export function defaultIo(): InputIo {
  const io = currentIo();
  // io.stdin is read only when it is used: bin/ makes process.stdin on first use.
  return {
    get stdin() {
      return io.stdin;
    },
    ...(io.stdinFd !== undefined ? { stdinFd: io.stdinFd } : {}),
    ...(io.open ? { open: io.open } : {}),
  };
}

/** Opens an input once. A missing file, a directory or a permission problem is an error (exit 3). */
export async function openInput(path: string, io: InputIo = defaultIo()): Promise<ByteSource> {
  const name = displayName(path);
  if (path === '-') {
    // `< file`: read as that file (at positions, in two parts at once), under the name stdin.
    const file = io.stdinFd !== undefined ? redirectedFile(io.stdinFd) : undefined;
    if (io.stdinFd !== undefined && file) return descriptorSource(name, io.stdinFd, file.position, file.size);
    const fromFd = io.stdinFd !== undefined ? descriptorReader(io.stdinFd, CHUNK_BYTES, () => io.stdin, readingThread()) : undefined;
    return streamSource(name, fromFd ?? streamReader(io.stdin, CHUNK_BYTES));
  }
  let handle: Pick<FileHandle, 'stat' | 'read' | 'close'>;
  try {
    handle = await (io.open ?? ((p: string) => open(p, 'r')))(path);
  } catch (e) {
    throw ioFailure(e, name);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw ioError(msg('read.directory'), name);
    return handleSource(name, handle, stat.isFile() ? stat.size : undefined);
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw ioFailure(e, name);
  }
}

/** What a source reads through: an opened file's handle, or stdin's descriptor read as a file. */
interface ReadHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

function handleSource(name: string, handle: ReadHandle, size: number | undefined): ByteSource {
  let position = 0;
  // Chunks handed back once read (recycle): a file streamed through the counter is read into the same few buffers.
  const buffers = chunkPool(CHUNK_BYTES);
  return {
    name,
    size,
    recycle: buffers.give,
    async next() {
      const buffer = buffers.take();
      let n: number;
      try {
        // A regular file is read at positions (so it can be rewound); anything else in order.
        ({ bytesRead: n } = await handle.read(buffer, 0, CHUNK_BYTES, size !== undefined ? position : null));
      } catch (e) {
        throw ioFailure(e, name);
      }
      position += n;
      return n === 0 ? undefined : buffer.subarray(0, n);
    },
    rewind() {
      if (size === undefined) throw new Error('a stream cannot be rewound');
      position = 0;
    },
    ...(size !== undefined
      ? {
          async readAt(buffer: Uint8Array, at: number) {
            try {
              return (await handle.read(buffer, 0, buffer.length, at)).bytesRead;
            } catch (e) {
              throw ioFailure(e, name);
            }
          },
        }
      : {}),
    async close() {
      await handle.close().catch(() => undefined);
    },
  };
}

/**
 * stdin redirected from a regular file, read through its descriptor at positions from `base`
 * (where the shell left it) as a file is: rewound, read at any place, split. The descriptor
 * stays open (it is the process's). Hashed, when the run prints digests, from the same bytes
 * once reading is done.
 */
function descriptorSource(name: string, fd: number, base: number, size: number): ByteSource {
  const handle: ReadHandle = {
    read: (buffer, offset, length, position) =>
      new Promise((resolve, reject) => read(fd, buffer, offset, length, base + (position ?? 0), (e, bytesRead) => (e ? reject(e) : resolve({ bytesRead })))),
    close() {
      try {
        if (stdinDigestWanted()) hashRange(fd, base, size);
      } catch {
        // Reading failed already, with its own error; without a digest, provenance says stdin was not hashed.
      }
      return Promise.resolve();
    },
  };
  return { ...handleSource(name, handle, size), descriptor: { fd, base } };
}

/** Hashes bytes [base, base + size) of a descriptor as stdin's digest (what a stream's reading would have hashed). */
function hashRange(fd: number, base: number, size: number): void {
  const hash = stdinHasher();
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let at = 0; at < size;) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), base + at);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    at += n;
  }
  hash.done();
}

function streamSource(name: string, reader: ChunkReader): ByteSource {
  // Stdin cannot be read twice: when the run prints digests, it is hashed as it streams.
  const hash = stdinDigestWanted() ? stdinHasher() : undefined;
  let finished = false;
  return {
    name,
    size: undefined,
    async next() {
      if (finished) return undefined;
      let chunk: Uint8Array | undefined;
      try {
        chunk = await reader.next();
      } catch (e) {
        throw ioFailure(e, name);
      }
      if (!chunk) {
        finished = true;
        hash?.done();
        return undefined;
      }
      hash?.update(chunk);
      return chunk;
    },
    rewind() {
      throw new Error('a stream cannot be rewound');
    },
    recycle(chunk) {
      reader.recycle?.(chunk);
    },
    keepIn(keeper) {
      reader.keepIn?.(keeper);
    },
    async close() {
      await reader.stop();
    },
  };
}

/** A whole input in memory (within the size limit), opened once; binary data refused at the first chunk. */
export async function readInput(path: string, encoding?: string, io?: InputIo): Promise<{ name: string; bytes: Uint8Array }> {
  const source = await openInput(path, io);
  try {
    const head = await readHead(source, 1);
    if (head.chunks[0]) refuseBinary(head.chunks[0], source.name, encoding);
    return { name: source.name, bytes: await readRest(source, head.chunks, head.bytes) };
  } finally {
    await source.close();
  }
}

/** Reads on until at least `want` bytes are in hand or the input ends. */
export async function readHead(source: ByteSource, want: number): Promise<{ chunks: Uint8Array[]; bytes: number; ended: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < want) {
    const c = await source.next();
    if (!c) return { chunks, bytes, ended: true };
    chunks.push(c);
    bytes += c.length;
  }
  return { chunks, bytes, ended: false };
}

/** Reads the rest of an input after `chunks`, all of it in memory, stopping at the size limit. */
export async function readRest(source: ByteSource, chunks: Uint8Array[], bytes: number): Promise<Uint8Array> {
  const all = [...chunks];
  let total = bytes;
  for (;;) {
    if (total > LIMITS.wholeBytes) throw tooBig(source.name);
    const c = await source.next();
    if (!c) break;
    all.push(c);
    total += c.length;
  }
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- there is exactly one chunk.
  return all.length === 1 ? all[0]! : Buffer.concat(all, total);
}

export function tooBig(name: string, why?: Text): ReturnType<typeof ioError> {
  const mib = LIMITS.wholeBytes / 2 ** 20;
  return ioError(why ? msg('read.too-big-because', { mib, why }) : msg('read.too-big', { mib }), name, msg('read.too-big.hint'));
}

/**
 * Binary data is refused at the first chunk (a NUL byte never occurs in a text table, except
 * in UTF-16 text, which starts with a byte-order mark or is named with --encoding).
 */
export function refuseBinary(head: Uint8Array, name: string, encoding?: string): void {
  if (/^utf-?16/i.test(encoding ?? '')) return;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return;
  const nul = head.subarray(0, 1 << 16).indexOf(0);
  if (nul >= 0) {
    throw ioError(msg('read.binary', { at: nul + 1 }), name, msg('read.binary.hint'));
  }
}
