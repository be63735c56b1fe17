import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runRehab } from './harness.js';
import { itFull } from '../helpers/tier.js';

const BIN = join(ROOT, 'bin', 'rehab-stats.js');
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-term-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ESC = '\u001b[';

/**
 * Runs the CLI in a real pseudo-terminal with util-linux `script`, as a person at a terminal
 * would, and returns what the terminal received.
 */
function inPty(args: string[], env: Record<string, string> = {}): string {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', ...env },
  });
  return r.stdout;
}

describe.skipIf(!has('script'))('colour in a pseudo-terminal', () => {
  it('is on at a TTY', () => {
    const out = inPty(['rank', '--method', 'KBT', '--year', '2014']);
    expect(out).toContain(ESC);
    expect(out).toContain(`${ESC}94m`); // bright blue: above the national rate
    expect(out).toContain(`${ESC}33m`); // yellow: below it
    // Never the green/red pair that red–green colour-blind readers cannot tell apart.
    expect(out).not.toContain(`${ESC}32m`);
    expect(out).not.toContain(`${ESC}31m`);
  });

  // The decisions below are also made in this process, in both tiers (see the next describe).
  itFull('is off with NO_COLOR, TERM=dumb or --no-color', () => {
    expect(inPty(['rank', '--method', 'KBT'], { NO_COLOR: '1' })).not.toContain(ESC);
    expect(inPty(['rank', '--method', 'KBT'], { TERM: 'dumb' })).not.toContain(ESC);
    expect(inPty(['rank', '--method', 'KBT', '--no-color'])).not.toContain(ESC);
  });

  it('is off when piped, unless FORCE_COLOR is set', async () => {
    expect((await runRehab(['rank', '--method', 'KBT'], { env: { NO_COLOR: '' } })).stdout).not.toContain(ESC);
    expect((await runRehab(['rank', '--method', 'KBT'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).toContain(ESC);
  });

  itFull('never colours machine formats', () => {
    expect(inPty(['rank', '--method', 'KBT', '--format', 'csv', '--quiet'])).not.toContain(ESC);
  });
});

describe('colour, with stdout a terminal in this process', () => {
  const tty = { columns: 100 };
  const run = (args: string[], env: Record<string, string> = {}) => runRehab(args, { tty, env: { NO_COLOR: '', TERM: 'xterm-256color', ...env } });

  it('is on at a TTY, never in the green/red pair', async () => {
    const out = (await run(['rank', '--method', 'KBT', '--year', '2014'])).stdout;
    expect(out).toContain(`${ESC}94m`);
    expect(out).toContain(`${ESC}33m`);
    expect(out).not.toContain(`${ESC}32m`);
    expect(out).not.toContain(`${ESC}31m`);
  });

  it('colours higher and lower in Swedish too: from the values, not the words ("högre", "lägre")', async () => {
    // The escape character, built from its code so no regular expression holds a control character.
    const sgr = (codes: string) => new RegExp(`${String.fromCharCode(27)}\\[(${codes})m`, 'g');
    const rows = (lang: string) =>
      run(['rank', '--method', 'KBT', '--year', '2014', '--lang', lang]).then((r) => r.stdout.split('\n').filter((l) => /^\s*\d+\s+\d\d\s/.test(l.replace(sgr('\\d+'), ''))));
    const [en, sv] = [await rows('en'), await rows('sv')];
    const colours = (lines: string[]) => lines.map((l) => [...l.matchAll(sgr('94|33'))].map((m) => m[1]).join());
    expect(sv.length).toBe(21);
    expect(sv.some((l) => l.includes(`${ESC}94m`) && l.includes('högre'))).toBe(true);
    expect(sv.some((l) => l.includes(`${ESC}33m`) && l.includes('lägre'))).toBe(true);
    expect(colours(sv)).toEqual(colours(en));
  });

  it('is off with NO_COLOR, TERM=dumb or --no-color', async () => {
    expect((await run(['rank', '--method', 'KBT'], { NO_COLOR: '1' })).stdout).not.toContain(ESC);
    expect((await run(['rank', '--method', 'KBT'], { TERM: 'dumb' })).stdout).not.toContain(ESC);
    expect((await run(['rank', '--method', 'KBT', '--no-color'])).stdout).not.toContain(ESC);
  });

  it('never colours machine formats', async () => {
    expect((await run(['rank', '--method', 'KBT', '--format', 'csv', '--quiet'])).stdout).not.toContain(ESC);
  });
});

describe('shell completion', () => {
  const script = async (shell: string) => {
    const r = await runRehab(['completion', shell]);
    expect(r.status).toBe(0);
    const file = join(dir, `rs.${shell}`);
    writeFileSync(file, r.stdout);
    return file;
  };

  it('bash completes commands, options and option values', async () => {
    const file = await script('bash');
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '--norc',
          '--noprofile',
          '-c',
          `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _rehab_stats; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      )
        .stdout.trim()
        .split('\n');
    expect(complete(['rehab-stats', 'gr'])).toEqual(['growth']);
    expect(complete(['rehab-stats', 'rank', '--fo'])).toEqual(['--format']);
    expect(complete(['rehab-stats', 'rank', '--format', 'c'])).toEqual(['csv']);
    expect(complete(['rehab-stats', 'growth', '--sex', ''])).toEqual(['all', 'women', 'men']);
  });

  it.skipIf(!has('zsh'))('zsh script parses', async () => {
    expect(spawnSync('zsh', ['-n', await script('zsh')]).status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish completes option values', async () => {
    const file = await script('fish');
    const r = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C 'rehab-stats rank --format '`], { encoding: 'utf8' });
    expect(
      r.stdout
        .split('\n')
        .map((l) => l.split('\t')[0])
        .filter(Boolean),
    ).toEqual(['csv', 'json', 'markdown', 'table', 'tsv', 'xlsx']);
  });
});
