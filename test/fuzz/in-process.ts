import { Readable } from 'node:stream';
import { run, type Io } from '../../src/run.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** stdin's bytes, or a stream of chunks (an endless one, for the size limits). */
  stdin?: Uint8Array | string | AsyncIterable<Uint8Array>;
  /** The environment: exactly this (undefined values dropped); see ENV in test/e2e/harness.ts. */
  env?: Record<string, string | undefined>;
  /** Opens an input (fault injection). */
  open?: Io['open'];
  /** The safe writer's file-system calls (fault injection). */
  writerFs?: Io['writerFs'];
  /** stdout as a terminal (colour, refusals of binary output), with this many columns. */
  tty?: { columns: number };
  now?: () => Date;
}

/** A stream that keeps what is written to it, as the bytes a process would have written. */
function capture(tty: { columns: number } | undefined): Io['stdout'] & { text(): string } {
  const chunks: Buffer[] = [];
  return {
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      return true;
    },
    on: () => undefined,
    ...(tty ? { isTTY: true, columns: tty.columns } : {}),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * Runs rehab-stats in this process through `run(args, io)`, as bin/rehab-stats.js does with the
 * real streams: stdout and stderr captured, stdin, environment and clock given. Thousands of runs
 * per second instead of a process each; runs may overlap (each has its own io).
 */
export async function runInProcess(args: string[], opts: InProcessOptions = {}): Promise<InProcessRun> {
  const stdout = capture(opts.tty);
  const stderr = capture(undefined);
  const input = opts.stdin ?? '';
  const stdin: AsyncIterable<Uint8Array> =
    typeof input === 'string' || input instanceof Uint8Array ? Readable.from([typeof input === 'string' ? Buffer.from(input) : input].filter((chunk) => chunk.length > 0)) : input;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  const io: Io = {
    stdin,
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
    now: opts.now ?? (() => new Date()),
    ...(opts.open ? { open: opts.open } : {}),
    ...(opts.writerFs ? { writerFs: opts.writerFs } : {}),
  };
  const code = await run(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
