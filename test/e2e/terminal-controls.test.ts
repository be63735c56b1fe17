import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printable } from '../../src/io/printable.js';
import { runInProcess } from '../fuzz/in-process.js';

/**
 * A terminal obeys ESC (U+001B) and the 8-bit CSI (U+009B): a name in the data must not be able
 * to clear the screen or hide a row. Ingest refuses C0 controls; C1 controls are valid UTF-8.
 */
const CSI = '\u009b';
const ESC = '\u001b';

describe('printable', () => {
  it('shows C0 and C1 controls as escapes and keeps tab, line feed and letters', () => {
    expect(printable(`a${ESC}[2Jb`)).toBe('a\\x1b[2Jb');
    expect(printable(`x${CSI}31m`)).toBe('x\\x9b31m');
    expect(printable('\u007f\u0000\r')).toBe('\\x7f\\x00\\x0d');
    expect(printable('Västra Götaland\t€ 12\n')).toBe('Västra Götaland\t€ 12\n');
  });
});

describe('data on the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-controls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'units.csv');
  writeFileSync(path, `mottagning;år;metod;behandlade\nNorr${CSI}2J;2014;KBT;40\nSöder;2014;KBT;12\n`);

  it('a unit name holding a CSI is printed as an escape in the table', async () => {
    const r = await runInProcess(['rank', '--method', 'KBT', '--by', 'mottagning', '--count', 'behandlade', '--input', path, '--no-color'], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Norr\\x9b2J');
    expect(r.stdout).not.toContain(CSI);
  });

  it('an unknown region quoted in an error is printed as an escape', async () => {
    const bad = join(dir, 'regions.csv');
    writeFileSync(bad, `region,year,method,count\nStock${CSI}8mholm,2014,KBT,5\n`);
    const r = await runInProcess(['rank', '--method', 'KBT', '--input', bad]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('\\x9b8m');
    expect(r.stderr).not.toContain(CSI);
  });
});
