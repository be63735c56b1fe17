import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Runs the built CLI as a user would: from the repository root, no colour, English, no CI quirks. */
export function runCli(args: string[], opts: { stdin?: Buffer | string; env?: Record<string, string> } = {}): Run {
  // No population cache unless a test gives one: the user's own ~/.cache must not change a golden file.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: NO_CACHE, NO_COLOR: '1', LANG: 'C', ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input: opts.stdin ?? '', encoding: 'utf8', maxBuffer: 1 << 30 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The golden text: command, exit code, stdout and stderr in one file, as arethetypeswrong's snapshots. */
export function transcript(c: Case, run: Run): string {
  const cmd = ['rehab-stats', ...c.args.map((a) => (/[\s;"'|*]/.test(a) || a === '' ? JSON.stringify(a) : a))].join(' ');
  return [
    `$ ${c.stdinFile ? `cat ${c.stdinFile} | ` : ''}${cmd}`,
    `# exit: ${run.status}`,
    '# stdout:',
    run.stdout.trimEnd(),
    '# stderr:',
    run.stderr.trimEnd(),
    '',
  ].join('\n');
}

/** Compares with the stored golden file; UPDATE_GOLDEN=1 rewrites it (on purpose only). */
export function golden(c: Case): { actual: string; expected: string | undefined } {
  const run = runCli(c.args, { ...(c.stdinFile ? { stdin: readFileSync(join(ROOT, c.stdinFile)) } : {}), ...(c.env ? { env: c.env } : {}) });
  const actual = transcript(c, run);
  const file = join(GOLDEN, `${c.name}.txt`);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  return { actual, expected: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}
