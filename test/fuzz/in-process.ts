import { main } from '../../src/cli.js';
import { useInputIo, type InputIo } from '../../src/ingest/source.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI's `main` in this process with stdout and stderr captured and stdin (and, for
 * fault injection, file opening) injected: thousands of runs per second instead of a process
 * each. One run at a time: the capture replaces process.stdout.write for its duration.
 */
export async function runInProcess(args: string[], opts: { stdin?: Uint8Array | string; env?: Record<string, string | undefined>; open?: InputIo['open'] } = {}): Promise<InProcessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  const savedEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    savedEnv[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const stdin = opts.stdin ?? '';
  useInputIo({ stdin: (async function* () { if (stdin.length) yield typeof stdin === 'string' ? Buffer.from(stdin) : stdin; })(), ...(opts.open ? { open: opts.open } : {}) });
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(['node', 'rehab-stats', ...args]);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    useInputIo(undefined);
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
