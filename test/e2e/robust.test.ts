import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ROOT, runRehab } from './harness.js';
import { runs } from '../helpers/tier.js';

const DOCUMENTED = new Set([0, 2, 3, 4, 5, 6]);
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI on arbitrary bytes', () => {
  // In-process, so more than the few runs a process each allowed; the fuzz suite covers many more inputs.
  it('ends with a documented exit code, one message and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const r = await runRehab(['rank', '--method', 'KBT', '--input', '-'], { stdin: Buffer.from(bytes) });
        expect(DOCUMENTED.has(r.status!)).toBe(true);
        expect(r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
        if (r.status !== 0) {
          expect(r.stdout).toBe('');
          expect(r.stderr).toMatch(/^rehab-stats: error: /);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('convert --output', () => {
  it('writes the file atomically and leaves no temporary file', async () => {
    const out = join(dir, 'tidy.csv');
    const r = await runRehab(['convert', 'fixtures/excel-bom.csv', '--output', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('region_code,region,year,method,sex,age,count');
  });

  it('keeps the old file when the input is bad', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'old contents\n');
    const r = await runRehab(['convert', 'fixtures/bad-number.csv', '--output', out]);
    expect(r.status).toBe(4);
    expect(readFileSync(out, 'utf8')).toBe('old contents\n');
  });
});

describe('a closed pipe', () => {
  it('is not an error: exit 0 and nothing on stderr', async () => {
    // The reader goes away before the CLI writes (as `| head` does): the write meets EPIPE.
    const child = spawn(process.execPath, ['bin/rehab-stats.js', 'rank', '--method', 'KBT'], { cwd: ROOT, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});

describe('--verbose', () => {
  it('says what was read and how, on stderr only', async () => {
    const r = await runRehab(['rank', '--method', 'KBT', '--year', '2012', '--input', 'fixtures/pxweb-wide-latin1.csv', '--format', 'csv', '--quiet', '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^year,method,rank,region_code/);
    expect(r.stderr).toMatch(
      /^read fixtures\/pxweb-wide-latin1\.csv: windows-1252, delimiter ";", wide-years table \(header on line 3\), 21 rows → 63 values in 21 regions, general path in \d+ ms\n$/,
    );
  });
});
