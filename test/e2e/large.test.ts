import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateAggregated } from '../../bench/generate.mjs';
import { spawnSync } from 'node:child_process';
import { ROOT, runCli, runRehab } from './harness.js';
import { itFull } from '../helpers/tier.js';
import { splitSearchStart } from '../../src/ingest/split.js';

/**
 * A file big enough for the streaming fast path must give exactly what the general path gives
 * (forced with REHAB_STATS_GENERAL_PATH=1), from a file and from stdin, with the WebAssembly
 * kernel and without it (REHAB_STATS_NO_WASM=1). The general path takes seconds over these
 * files, so the comparisons run in the full tier only (npm run test:full, CI); the quick tier
 * compares the paths in-process at every size in test/property/ingest-paths.
 */
const GENERAL = { REHAB_STATS_GENERAL_PATH: '1' };
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-large-'));
const file = join(dir, 'records.csv');
const long = join(dir, 'long.csv');
const wide = join(dir, 'wide.csv');
beforeAll(async () => {
  // 160 000 rows, about 5.3 MB: past the fast path's threshold (1 MiB), past the kernel's 4 MiB
  // buffer (so it is refilled mid-file) and many 64 KiB pipe reads on stdin. The whole pipeline
  // at every size up to 4.7 MB, damaged or not, is the property in test/property/ingest-paths.
  await generate(160_000, file);
  // 5 years × 21 regions × 4 methods × 2 sexes × 105 single ages: about 1.8 MB long; the wide table 25 years, 1.7 MB.
  await generateAggregated(88_200, long, 'long');
  await generateAggregated(441_000, wide, 'wide');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a big record-level file', () => {
  itFull(
    'ranks the same through the fast path as through the general path',
    () => {
      const args = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet'];
      const fast = runCli([...args, '--input', file]);
      const general = runCli([...args, '--input', file], { env: GENERAL });
      const fastStdin = runCli([...args, '--input', '-'], { stdin: readFileSync(file) });
      const fastJs = runCli([...args, '--input', file], { env: { REHAB_STATS_NO_WASM: '1' } });
      expect(fast.status).toBe(0);
      expect(fast.stdout).toBe(general.stdout);
      expect(fastStdin.stdout).toBe(general.stdout);
      expect(fastJs.stdout).toBe(general.stdout);
      expect(fast.stdout.split('\n')).toHaveLength(24);
    },
    180_000,
  );

  itFull(
    'from stdin, hands a row it cannot count to the general path after streaming the rest, from a temporary file it removes',
    async () => {
      // The last row names no region: the fast path stops there and the general path must see
      // every byte again — kept beyond the first 256 KiB (here; 8 MiB by default) in a file under TMPDIR.
      const small = join(dir, 'small.csv');
      await generate(60_000, small);
      const damaged = Buffer.concat([readFileSync(small), Buffer.from('Region Atlantis;2014;KBT;K;30\n')]);
      const tmp = mkdtempSync(join(dir, 'tmp-'));
      const args = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet', '--input', '-'];
      const fast = runCli(args, { stdin: damaged, env: { TMPDIR: tmp, REHAB_STATS_STDIN_MEMORY_BYTES: String(256 << 10) } });
      const general = runCli(args, { stdin: damaged, env: GENERAL });
      expect(fast.status).not.toBe(0);
      expect(fast).toEqual(general);
      expect(readdirSync(tmp)).toEqual([]);
    },
    180_000,
  );

  itFull(
    'ranks the same in two parts, one per thread, as through the general path; a quoted line break at the split and a damaged row in the second part too',
    () => {
      const args = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet', '--input'];
      const split = { REHAB_STATS_SPLIT_MIN_BYTES: '1' };
      const two = runCli([...args, file], { env: split });
      expect(two.status).toBe(0);
      expect(two.stdout).toBe(runCli([...args, file], { env: GENERAL }).stdout);

      // Every row with a note of the same length; the row where the split is looked for holds line breaks in quotes.
      const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
      const noted = rows.map((r) => `${r};"${'n'.repeat(30)}"`);
      const text = (lines: string[]) => [`${header};anteckning`, ...lines].join('\n') + '\n';
      const dataOffset = Buffer.byteLength(`${header};anteckning\n`);
      // bin/ starts the worker before the split (bin/count-worker.js): it is waiting, the parts halves.
      const at = splitSearchStart(dataOffset, Buffer.byteLength(text(noted)), true);
      let row = 0;
      for (let end = dataOffset; (end += Buffer.byteLength(noted[row]!) + 1) <= at;) row++;
      noted[row] = `${rows[row]};"${'\n'.repeat(30)}"`;
      const quoted = join(dir, 'quoted-break.csv');
      writeFileSync(quoted, text(noted));
      const bytes = readFileSync(quoted);
      const before = bytes.lastIndexOf(0x22, bytes.indexOf(0x0a, at));
      expect(bytes.subarray(before, before + 2).toString(), 'the first line break after the split point is in quotes').toBe('"\n');
      const quotedTwo = runCli([...args, quoted], { env: split });
      expect(quotedTwo.status).toBe(0);
      expect(quotedTwo).toEqual(runCli([...args, quoted], { env: GENERAL }));

      // An unknown region near the end: the error of the one-thread read, line and all.
      const damaged = join(dir, 'damaged-late.csv');
      const late = [...rows];
      late.splice(rows.length - 10, 0, 'Region Atlantis;2014;KBT;K;30');
      writeFileSync(damaged, [header, ...late].join('\n') + '\n');
      const damagedTwo = runCli([...args, damaged], { env: split });
      expect(damagedTwo.status).not.toBe(0);
      expect(damagedTwo.stderr).toMatch(/line 159992/);
      expect(damagedTwo).toEqual(runCli([...args, damaged], { env: GENERAL }));
    },
    180_000,
  );

  itFull(
    'converts to the same tidy table both ways',
    () => {
      const fast = runCli(['convert', file]);
      const general = runCli(['convert', '-'], { stdin: readFileSync(file), env: GENERAL });
      expect(fast.status).toBe(0);
      expect(fast.stdout).toBe(general.stdout);
    },
    180_000,
  );
});

describe('big aggregated tables', () => {
  // rank reads only KBT (and one year) into observations on the fast path; the rest must still
  // count where the general path counts them: the methods, the years, counts above their population.
  itFull.each([
    ['long, one year', () => long, ['--year', '2022']],
    ['long, the latest year', () => long, []],
    ['wide, one year', () => wide, ['--year', '2023']],
  ])(
    'rank the same through the fast path as through the general path (%s)',
    (_name, path, year) => {
      const args = ['rank', '--method', 'kbt', ...year, '--format', 'csv', '--quiet', '--input', path()];
      const fast = runCli(args);
      const general = runCli(args, { env: GENERAL });
      const stdin = runCli([...args.slice(0, -1), '-'], { stdin: readFileSync(path()) });
      expect(fast.status).toBe(0);
      expect(fast.stdout).toBe(general.stdout);
      expect(stdin.stdout).toBe(general.stdout);
      expect(fast.stdout.split('\n').length).toBeGreaterThan(21);
    },
    180_000,
  );

  itFull(
    'converts to the same tidy table both ways, whole and for some regions',
    () => {
      for (const extra of [[], ['--region', 'Gotland', '--region', '01']]) {
        const fast = runCli(['convert', long, ...extra]);
        const general = runCli(['convert', long, ...extra], { env: GENERAL });
        expect(fast.status).toBe(0);
        expect(fast.stdout).toBe(general.stdout);
        expect(fast.stdout.length).toBeGreaterThan(100_000);
      }
    },
    180_000,
  );

  itFull(
    'stop with the same errors: an unknown method, a year without counts, a count of another year above its population',
    () => {
      const population = join(dir, 'population.csv');
      // Women aged 0 in Stockholm in 2020: 1 inhabitant, fewer than the file's count.
      writeFileSync(population, 'region;år;kön;ålder;folkmängd\n01;2020;K;0;1\n');
      for (const extra of [
        ['--method', 'DBT'],
        ['--method', 'KBT', '--year', '2010'],
        ['--method', 'IPT', '--year', '2024', '--population', population],
      ]) {
        const args = ['rank', ...extra, '--input', long];
        const fast = runCli(args);
        const general = runCli(args, { env: GENERAL });
        expect(fast.status).not.toBe(0);
        expect({ status: fast.status, stderr: fast.stderr, stdout: fast.stdout }).toEqual({ status: general.status, stderr: general.stderr, stdout: general.stdout });
      }
    },
    180_000,
  );
});

const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;

describe.skipIf(!hasScript)('the progress bar', () => {
  const inPty = (env: Record<string, string>, input = file) =>
    spawnSync('script', ['-qec', `'${process.execPath}' '${join(ROOT, 'bin', 'rehab-stats.js')}' rank --method KBT --input '${input}' --format csv --quiet`, '/dev/null'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', NO_COLOR: '1', REHAB_STATS_PROGRESS_DELAY_MS: '0', ...env },
    }).stdout;

  it('shows on a terminal and wipes itself', () => {
    const out = inPty({});
    expect(out).toMatch(/reading .*records\.csv \[[█░]+\] \d+%/);
    expect(out).toContain('\r\u001b[2K');
  }, 60_000);

  itFull(
    'shows on every path: an aggregated table, and the general path as it parses',
    () => {
      expect(inPty({}, long)).toMatch(/reading .*long\.csv \[[█░]+\] \d+%/);
      expect(inPty({ REHAB_STATS_GENERAL_PATH: '1' }, long)).toMatch(/reading .*long\.csv \[[█░]+\] \d+%/);
      expect(inPty({ REHAB_STATS_GENERAL_PATH: '1' }, file)).toMatch(/reading .*records\.csv \[[█░]+\] \d+%/);
    },
    120_000,
  );

  it('never shows in CI or when stderr is not a terminal', async () => {
    expect(inPty({ CI: 'true' })).not.toContain('reading ');
    const piped = await runRehab(['rank', '--method', 'KBT', '--input', file, '--format', 'csv', '--quiet'], { env: { REHAB_STATS_PROGRESS_DELAY_MS: '0' } });
    expect(piped.stderr).toBe('');
  }, 60_000);
});
