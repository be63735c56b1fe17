import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInProcess, type InProcessOptions } from '../fuzz/in-process.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'rehab-stats.js');
const GOLDEN = join(ROOT, 'test', 'golden');
/** A cache folder that does not exist. */
export const NO_CACHE = join(ROOT, 'test', 'no-such-cache');

export interface Case {
  /** Golden file name (without .txt). */
  name: string;
  args: string[];
  /** Path (relative to the repository) whose bytes are piped to stdin. */
  stdinFile?: string;
  env?: Record<string, string>;
}

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * The environment of every test run: no colour, English, no CI quirks, and no population cache
 * unless a test gives one (the user's own ~/.cache must not change a golden file).
 */
export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: NO_CACHE, NO_COLOR: '1', LANG: 'C', ...extra };
}

/**
 * Runs rehab-stats in this process through run(args, io), as a user would from the repository
 * root (see testEnv). The end-to-end tests' default: the same program as bin/ runs, without a
 * process start each.
 */
export async function runRehab(args: string[], opts: Omit<InProcessOptions, 'env'> & { env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const r = await runInProcess(args, { ...opts, env: testEnv(opts.env) });
  return { stdout: r.stdout, stderr: r.stderr, status: r.code };
}

/**
 * Runs the built binary, bin/rehab-stats.js, in a process of its own: for what only a process
 * has (signals, exit codes as the shell sees them, real pipes and descriptors, start-up).
 */
export function runCli(args: string[], opts: { stdin?: Buffer | string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv(opts.env), input: opts.stdin ?? '', encoding: 'utf8', maxBuffer: 1 << 30 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The golden text: command, exit code, stdout and stderr in one file, as arethetypeswrong's snapshots. */
export function transcript(c: Case, run: Run): string {
  const cmd = ['rehab-stats', ...c.args.map((a) => (/[\s;"'|*]/.test(a) || a === '' ? JSON.stringify(a) : a))].join(' ');
  return [`$ ${c.stdinFile ? `cat ${c.stdinFile} | ` : ''}${cmd}`, `# exit: ${run.status}`, '# stdout:', run.stdout.trimEnd(), '# stderr:', run.stderr.trimEnd(), ''].join('\n');
}

/**
 * Compares with the stored golden file; UPDATE_GOLDEN=1 rewrites it (on purpose only). In-process
 * by default; `spawn` runs the built binary instead, which must give the same transcript.
 */
export async function golden(c: Case, how: { spawn?: boolean } = {}): Promise<{ actual: string; expected: string | undefined }> {
  const stdin = c.stdinFile ? { stdin: readFileSync(join(ROOT, c.stdinFile)) } : {};
  const env = c.env ? { env: c.env } : {};
  const run = how.spawn ? runCli(c.args, { ...stdin, ...env }) : await runRehab(c.args, { ...stdin, ...env });
  const actual = transcript(c, run);
  const file = join(GOLDEN, `${c.name}.txt`);
  if (process.env.UPDATE_GOLDEN && !how.spawn) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  return { actual, expected: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}
