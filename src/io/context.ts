import { AsyncLocalStorage } from 'node:async_hooks';
import type { FileHandle } from 'node:fs/promises';
import type * as nodeFs from 'node:fs';
import type { Worker } from 'node:worker_threads';

/** The file-system calls the writer makes; tests inject failures or file kinds here. */
export interface WriterFs {
  lstat(path: string): Promise<nodeFs.Stats>;
  stat(path: string): Promise<nodeFs.Stats>;
  realpath(path: string): Promise<string>;
  open(path: string, flags: string, mode: number): Promise<number>;
  write(fd: number, buffer: Uint8Array, offset: number, length: number): Promise<number>;
  fchmod(fd: number, mode: number): Promise<void>;
  fchown(fd: number, uid: number, gid: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlinkSync(path: string): void;
}

/** What rehab-stats writes to: the process's stdout and stderr, or a test's capture. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Everything a run of rehab-stats may touch outside itself: standard streams, environment,
 * working folder, clock and the file-system calls that tests replace. bin/rehab-stats.js
 * builds the real one from `process`; tests pass their own to `run(args, io)` and read what was
 * written. Nothing in src/ looks at `process`.
 */
export interface Io {
  stdin: AsyncIterable<Uint8Array | string>;
  /** The descriptor behind stdin when it is the process's own (0): read from directly, in 1 MiB chunks (src/io/stdin.ts). */
  stdinFd?: number;
  stdout: OutStream;
  stderr: OutStream;
  /** The descriptor behind stdout when it is the process's own (1): a file there is written in full. */
  stdoutFd?: number;
  env: Readonly<Record<string, string | undefined>>;
  /** The working folder relative paths are read from (bin/: process.cwd()), for showing paths relative to it. */
  cwd: string;
  now: () => Date;
  /** Opens an input for reading (default: node:fs/promises open); tests inject failures here. */
  open?: (path: string) => Promise<Pick<FileHandle, 'stat' | 'read' | 'close'>>;
  /** The safe writer's file-system calls (default: Node's). */
  writerFs?: WriterFs;
  /**
   * A count worker thread bin/ started before the bundle loaded, for a big --input file
   * (bin/count-worker.js): src/ingest/split.ts posts it its job instead of starting one. Once.
   */
  takeCountWorker?: () => Worker | undefined;
}

/** What one run keeps besides its Io: set by the commands, read by run(). */
export interface RunState {
  readonly io: Io;
  /** A non-zero exit without an error (check found problems: 6; report --check out of date: 7). */
  exitStatus: number | undefined;
  /** stdin's SHA-256, taken as it is read (it cannot be read twice), for provenance. */
  stdinDigest: { sha256: string; bytes: number } | undefined;
  /** Whether stdin is hashed as it is read: only when the command prints digests (--provenance, report). */
  hashStdin: boolean;
}

const NOWHERE: OutStream = { write: () => true, on: () => undefined };

/**
 * Outside a run (a unit test calling a module directly): no input, output dropped, an empty
 * environment and the epoch for a clock, so nothing depends on the machine it runs on.
 */
const IDLE: RunState = {
  io: { stdin: (async function* () {})(), stdout: NOWHERE, stderr: NOWHERE, env: {}, cwd: '/', now: () => new Date(0) },
  exitStatus: undefined,
  stdinDigest: undefined,
  hashStdin: false,
};

// Per asynchronous call chain rather than one global, so two runs in one process (tests) never see each other's I/O.
const runs = new AsyncLocalStorage<RunState>();

/** Runs `body` with `io` as the I/O of everything it calls. */
export function withIo<T>(io: Io, body: (state: RunState) => Promise<T>): Promise<T> {
  const state: RunState = { io, exitStatus: undefined, stdinDigest: undefined, hashStdin: false };
  return runs.run(state, () => body(state));
}

/** withIo for a synchronous body: a signal or uncaught-exception handler in bin/. */
export function withIoSync<T>(io: Io, body: (state: RunState) => T): T {
  const state: RunState = { io, exitStatus: undefined, stdinDigest: undefined, hashStdin: false };
  return runs.run(state, () => body(state));
}

export function currentRun(): RunState {
  return runs.getStore() ?? IDLE;
}

export function currentIo(): Io {
  return currentRun().io;
}

/** A size in bytes the run's environment may set (REHAB_STATS_…_BYTES: the tests reach small thresholds with it), else `fallback`. */
export function sizeFromEnv(name: string, fallback: number): number {
  const value = currentIo().env[name];
  return value !== undefined && value !== '' ? Number(value) : fallback;
}

/** A command's exit status when it ends without an error (e.g. 6: check found problems). */
export function setExitStatus(code: number): void {
  currentRun().exitStatus = code;
}
