import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ScanKernel } from '../../src/parse/kernel.js';
import { runInProcess } from '../fuzz/in-process.js';
import { itFull } from '../helpers/tier.js';

/**
 * Issue 11, input side: every example "seen" giving a wrong or misleading answer with exit 0
 * (or an internal error) now ends in a clear error with a documented exit code, or in the right
 * answer. Run in-process (src/run.ts `run`), with files in a temporary folder.
 */
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** One error line and its hint, nothing on stdout. */
function expectError(r: { code: number; stdout: string; stderr: string }, code: number, ...parts: (string | RegExp)[]) {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^rehab-stats: error: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^hint: /);
  for (const p of parts) expect(r.stderr).toMatch(p);
}

describe('ragged rows', () => {
  const ragged = file('ragged.csv', 'region,year,method,count\nStockholm,2014,KBT,1,234\nUppsala,2014,KBT,852\n');
  it('a row with more cells than the header (an unquoted 1,234) is an error naming line, column and the fix', async () => {
    expectError(
      await runInProcess(['rank', '--method', 'KBT', '--input', ragged]),
      4,
      'ragged.csv line 2, column "5"',
      '5 cells, but the header (line 1) has 4',
      /quoted \("1,234"\)/,
      /--delimiter/,
    );
  });
  it('a row with fewer cells is one too', async () => {
    const short = file('short.csv', 'region;year;method;count\nStockholm;2014;KBT\nUppsala;2014;KBT;852\n');
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', short]), 4, 'line 2, column "count"', '3 cells, but the header (line 1) has 4');
  });
  it('check lists it (not as an empty column) and exits 6', async () => {
    const r = await runInProcess(['check', ragged]);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain('line 2, column "5": 5 cells, but the header (line 1) has 4');
    expect(r.stdout).not.toContain('empty column');
  });
  it('--skip-invalid leaves the row out and says so', async () => {
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', ragged, '--skip-invalid', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Region Stockholm');
    expect(r.stderr).toContain('line 2: skipped: 5 cells');
  });
});

describe('a quote never closed', () => {
  it('is an error naming the line where the quote opens, not the line where the file ends', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `Uppsala;${2000 + i};KBT;${10 + i}`).join('\n');
    const open = file('open-quote.csv', `region;year;method;count\nStockholm;2014;"KBT;500\n${rows}\n`);
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', open]), 4, 'open-quote.csv line 2:', 'a quoted field is never closed', /check the quotes on that line/);
  });
});

describe('--skip-invalid that leaves no row', () => {
  // Found by the fuzz suite: a file whose every row was refused gave share --by method an internal error.
  const allBad = file('all-bad.csv', 'region;year;method;count\nNowhere;2014;KBT;12\nElsewhere;2015;KBT;13\n');
  it.each([[['share', '--by', 'method']], [['rank', '--method', 'KBT']], [['rank']], [['trend', '--by', 'method']], [['summary', '--method', 'KBT']]])(
    '%j stops with exit 4: no counts to compute from, and why',
    async (args) => {
      expectError(
        await runInProcess([...args, '--input', allBad, '--skip-invalid']),
        4,
        'all-bad.csv: no counts to compute from',
        'every row was refused or skipped (--skip-invalid)',
      );
    },
  );
});

describe('an unknown count header never makes a file record-level', () => {
  it.each([['cnt'], ['Antal patienter (st)']])('"%s" is an error asking for --map count= or --records', async (header) => {
    const path = file('unknown-count.csv', `region;year;method;${header}\nStockholm;2014;KBT;1234\nUppsala;2014;KBT;852\n`);
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', path]), 4, `column "${header}" holds numbers`, '--map count=', '--records');
    const mapped = await runInProcess(['rank', '--method', 'KBT', '--input', path, '--map', `count=${header}`, '--format', 'csv']);
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toMatch(/Region Stockholm,1234,/);
  });
  it('a file read as one row per treatment says so on stderr, and check shows the reading', async () => {
    const path = file('records.csv', 'region;year;method;note\nStockholm;2014;KBT;a\nStockholm;2014;KBT;b\nUppsala;2014;KBT;c\n');
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', path, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Region Stockholm,2,/);
    expect(r.stderr).toContain('no column holds counts, so each row is read as one treatment (3 rows counted)');
    expect((await runInProcess(['check', path])).stdout).toContain('record-level: one row per treatment, rows counted because no column holds counts');
    expect((await runInProcess(['check', path, '--records'])).stdout).toContain('rows counted as asked (--records)');
  });
});

describe('counts are whole numbers from 0 to 2^53 − 1, at most the population', () => {
  const table = (count: string) => file('counts.csv', `region;year;method;count\nStockholm;2014;KBT;${count}\nUppsala;2014;KBT;852\n`);
  it.each([
    ['12,5', 'is not a whole number'],
    ['90071992547409930', 'larger than 2^53 − 1'],
    ['-3', 'is negative'],
  ])('%s is refused', async (count, message) => {
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', table(count)]), 4, 'line 2, column "count"', message);
  });
  it('a rate or share column offered as counts is refused with a hint', async () => {
    const path = file('andel.csv', 'region;year;method;andel\nStockholm;2014;KBT;12\nUppsala;2014;KBT;8\n');
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', path, '--map', 'count=andel']), 4, 'looks like a rate or share', 'computes rates');
  });
  it('check reports non-integer counts with exit 6', async () => {
    const r = await runInProcess(['check', table('12,5')]);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain('"12,5" is not a whole number');
  });
  it('check reports a count above its population (bundled, or --population) and exits 6', async () => {
    const r = await runInProcess(['check', table('9000000')]);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain('line 2: the count 9000000 for Region Stockholm, 2014, KBT is larger than its population, ');
    const pop = file('pop-small.csv', 'region;year;population\nStockholm;2014;100\nUppsala;2014;1000\n');
    const own = await runInProcess(['check', table('500'), '--population', pop]);
    expect(own.code).toBe(6);
    expect(own.stdout).toContain('the count 500 for Region Stockholm, 2014, KBT is larger than its population, 100');
  });
  it('a count above its population is an error, allowed with --above-population and then noted', async () => {
    const path = table('9000000');
    expectError(
      await runInProcess(['rank', '--method', 'KBT', '--input', path, '--year', '2014']),
      4,
      'the count 9000000 for Region Stockholm, 2014, KBT is larger than its population',
      '--above-population',
    );
    const allowed = await runInProcess(['rank', '--method', 'KBT', '--input', path, '--year', '2014', '--above-population', '--format', 'csv']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('1 count is larger than the population (allowed by --above-population)');
    const swedish = await runInProcess(['rank', '--method', 'KBT', '--input', path, '--year', '2014', '--above-population', '--format', 'csv', '--lang', 'sv']);
    expect(swedish.stderr).toContain('obs: 1 antal är större än befolkningen (tillåtet med --above-population), t.ex. antalet 9000000 för Region Stockholm');
  });
  it('the bundled counts above a population file are named in the language of the output, a comma before the line', async () => {
    const pop = file('pop-small.csv', 'region;year;population\nStockholm;2014;100\nUppsala;2014;350000\n');
    const swedish = await runInProcess(['rank', '--method', 'KBT', '--year', '2014', '--population', pop, '--lang', 'sv']);
    expect(swedish.code).toBe(4);
    expect(swedish.stderr).toMatch(/^rehab-stats: fel: den medföljande datamängden, rad \d+: antalet \d+ för Region Stockholm/);
    const english = await runInProcess(['rank', '--method', 'KBT', '--year', '2014', '--population', pop]);
    expect(english.stderr).toMatch(/^rehab-stats: error: the bundled dataset, line \d+: the count \d+ for Region Stockholm/);
  });
});

describe('population', () => {
  it('population 0 is a data error (exit 4), not an internal error', async () => {
    const pop = file('pop0.csv', 'region;year;population\nStockholm;2014;0\nUppsala;2014;350000\n');
    expectError(await runInProcess(['rank', '--method', 'KBT', '--year', '2014', '--population', pop]), 4, 'pop0.csv line 2, column "population": a population of 0');
  });
  it('a fractional population is refused', async () => {
    const pop = file('popfrac.csv', 'region;year;population\nStockholm;2014;2000000,5\nUppsala;2014;350000\n');
    expectError(await runInProcess(['rank', '--method', 'KBT', '--year', '2014', '--population', pop]), 4, 'is not a whole number, as populations are');
  });
});

describe('years, methods and reading options where they were ignored', () => {
  const clinics = file('clinics.csv', 'clinic;year;method;treated\nA;2013;KBT;100\nB;2013;KBT;50\nA;2014;KBT;10\nB;2014;KBT;20\n');
  it('share --by without --year uses the latest year and says so, never the sum of all years', async () => {
    const r = await runInProcess(['share', '--by', 'clinic', '--count', 'treated', '--input', clinics, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^B,20,30,/m);
    expect(r.stderr).toContain('holds 2013–2014: only the latest year, 2014, is counted (--year chooses another)');
  });
  it('rank --by without --year too; --year picks another', async () => {
    const latest = await runInProcess(['rank', '--method', 'KBT', '--by', 'clinic', '--count', 'treated', '--input', clinics, '--format', 'csv']);
    expect(latest.stdout).toMatch(/^1,B,20,/m);
    const y2013 = await runInProcess(['rank', '--method', 'KBT', '--by', 'clinic', '--count', 'treated', '--input', clinics, '--year', '2013', '--format', 'csv']);
    expect(y2013.stdout).toMatch(/^1,A,100,/m);
  });
  it('rank --by refuses a bogus --delimiter and honours --map', async () => {
    expectError(await runInProcess(['rank', '--method', 'KBT', '--by', 'clinic', '--input', clinics, '--delimiter', 'x']), 2, '--delimiter "x"');
    const renamed = file('clinics2.csv', 'clinic;period;treated\nA;2013;100\nB;2013;50\nA;2014;10\nB;2014;20\n');
    const r = await runInProcess(['rank', '--method', 'KBT', '--by', 'clinic', '--input', renamed, '--map', 'year=period,count=treated', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1,B,20,/m);
  });
  const noMethod = file('nomethod.csv', 'region;year;count\nStockholm;2014;1234\nUppsala;2014;852\nStockholm;2013;1000\nUppsala;2013;800\n');
  it('report on a file without a method column names the method --method gives, and asks for one without', async () => {
    const md = join(dir, 'out', 'r.md');
    const r = await runInProcess(['report', '--input', noMethod, '--method', 'KBT', '--markdown', md]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('## KBT');
    const md2 = join(dir, 'out', 'r2.md');
    expectError(await runInProcess(['report', '--input', noMethod, '--markdown', md2]), 2, 'has no method column', '--method');
    expect(existsSync(md2)).toBe(false);
  });
  it('convert output without a method column reads back to the same table', async () => {
    const once = await runInProcess(['convert', noMethod]);
    expect(once.code).toBe(0);
    expect(once.stdout.split('\n')[0]).toBe('region_code,region,year,sex,age,count');
    const twice = await runInProcess(['convert', file('converted.csv', once.stdout)]);
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
  });
});

describe('input that cannot be a treatment file stops at once', () => {
  it('/dev/zero as a file is refused as binary at the first chunk (read, never written)', async () => {
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', '/dev/zero']), 3, '/dev/zero: holds binary data');
  });
  it('endless zeros on stdin likewise', async () => {
    const zeros = function* () {
      for (;;) yield new Uint8Array(1 << 16);
    };
    const r = await runInProcess(['check', '-'], { stdin: Readable.from(zeros()) });
    expect(r.code, r.stderr).toBe(6);
  });
  it('endless text on stdin stops at the size limit', async () => {
    const line = Buffer.from('Stockholm;2014;KBT;1\n'.repeat(50_000));
    const endless = function* () {
      for (;;) yield line;
    };
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', '-'], { stdin: Readable.from(endless()) });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('stdin: is larger than 256 MiB');
  }, 60_000);
  it('random binary bytes are refused', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', file('binary.bin', bytes)]), 3, 'holds binary data');
  });
  it('a 1 MB cell stops with a short message that does not echo it', async () => {
    const path = file('bigcell.csv', `region;year;method;count\nStockholm;2014;KBT;${'x'.repeat(1_000_000)}\n`);
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', path]);
    expectError(r, 4, 'a cell of 1000000 characters');
    expect(r.stderr.length).toBeLessThan(400);
  });
  it('a FIFO is opened once and read, not hung on', async () => {
    const fifo = join(dir, 'fifo.csv');
    const made = await new Promise<number | null>((res) =>
      spawn('mkfifo', [fifo])
        .on('close', res)
        .on('error', () => res(null)),
    );
    if (made !== 0) return; // no mkfifo on this system
    const writer = spawn('sh', ['-c', `printf 'region;year;method;count\\nStockholm;2014;KBT;12\\n' > '${fifo}'`]);
    const r = await runInProcess(['check', fifo]);
    writer.kill();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('01 Region Stockholm');
  }, 20_000);
  it('a directory is an error with exit 3', async () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    expectError(await runInProcess(['rank', '--method', 'KBT', '--input', join(dir, 'folder')]), 3, 'is a directory');
  });
  it('an unreadable file is an error with exit 3 (permission denied injected: CI runs as root)', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', 'secret.csv'], { open: () => Promise.reject(denied) });
    expectError(r, 3, 'secret.csv: permission denied');
  });
});

describe('stdin above 4 MiB reaches the WebAssembly kernel', () => {
  // Seconds of the general path over 4 MiB: the full tier only (npm run test:full, CI).
  itFull(
    'is scanned by the kernel in chunks it can hold',
    async () => {
      const rows = ['region;år;metod;kön'];
      const names = ['Stockholm', 'Uppsala', 'Skåne', 'Västra Götaland'];
      for (let i = 0; rows.length < 260_000; i++) rows.push(`${names[i % 4]};2014;KBT;${i % 3 ? 'K' : 'M'}`);
      const text = rows.join('\n') + '\n';
      expect(text.length).toBeGreaterThan(4 << 20);
      const scan = vi.spyOn(ScanKernel.prototype, 'scan');
      const r = await runInProcess(['convert', '-'], { stdin: text });
      const calls = scan.mock.calls.length;
      scan.mockRestore();
      expect(r.code, r.stderr).toBe(0);
      expect(calls).toBeGreaterThan(4);
      const general = await runInProcess(['convert', '-'], { stdin: text, env: { REHAB_STATS_GENERAL_PATH: '1' } });
      expect(r.stdout).toBe(general.stdout);
    },
    60_000,
  );
});
