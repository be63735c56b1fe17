import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runRehab } from './harness.js';
import { FULL } from '../helpers/tier.js';

const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Every command that prints a table of data, with arguments that give one. */
const DATA_COMMANDS: [string, string[]][] = [
  ['rank', ['rank', '--method', 'KBT', '--year', '2014']],
  ['growth', ['growth', '--method', 'KBT', '--from', '2009']],
  ['share', ['share', '--year', '2014']],
  ['trend', ['trend', '--method', 'KBT']],
  ['summary', ['summary', '--method', 'KBT', '--year', '2014']],
  ['tally', ['tally', '--method', 'KBT']],
  ['regions', ['regions']],
  ['population', ['population']],
];

describe('--format xlsx', () => {
  it.each(DATA_COMMANDS)('%s writes a workbook with the CSV values and a notes sheet', async (name, args) => {
    const file = join(dir, `${name}.xlsx`);
    const r = await runRehab([...args, '--format', 'xlsx', '--output', file, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // --no-formulas where the table can hold text from the input (the others have none to keep).
    const formulas = ['growth', 'summary', 'regions', 'population'].includes(name) ? [] : ['--no-formulas'];
    const csv = parse((await runRehab([...args, '--format', 'csv', ...formulas, '--quiet'])).stdout);
    const wb = await open(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'Notes']);
    const ws = wb.getWorksheet('Data')!;
    expect(ws.rowCount).toBe(csv.length);
    expect(ws.getRow(1).cellCount).toBe(csv[0]!.length);
    csv.slice(1).forEach((row, i) => {
      row.forEach((text, j) => {
        const cell = ws.getRow(i + 2).getCell(j + 1).value;
        // Numbers are numbers (their CSV text is the same number), text is text, nothing is an empty cell.
        if (cell === null) expect(text, `${name} row ${i + 2} ${csv[0]![j]}`).toBe('');
        else if (typeof cell === 'number') expect(Number(text), `${name} row ${i + 2} ${csv[0]![j]}`).toBe(cell);
        else expect(cell, `${name} row ${i + 2} ${csv[0]![j]}`).toBe(text);
      });
    });
    expect(wb.getWorksheet('Notes')!.getRow(1).getCell(1).font.bold).toBe(true);
  });

  it('keeps region codes as text and years and counts as numbers (rank)', async () => {
    const wb = await open(join(dir, 'rank.xlsx'));
    const ws = wb.getWorksheet('Data')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Year', 'Method', 'Rank', 'Code']);
    const codes = ws.getColumn(4).values.slice(2) as unknown[];
    expect(codes).toContain('01');
    expect(codes.every((c) => typeof c === 'string' && /^\d\d$/.test(c))).toBe(true);
    expect(ws.getRow(2).getCell(1).value).toBe(2014);
    expect(ws.getRow(2).getCell(2).value).toBe('KBT');
  });

  it('gives the same bytes on a second run', async () => {
    const again = join(dir, 'rank-again.xlsx');
    await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--format', 'xlsx', '--output', again, '--quiet']);
    expect(readFileSync(again).equals(readFileSync(join(dir, 'rank.xlsx')))).toBe(true);
  });

  it('goes to stdout when stdout is not a terminal', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rehab-stats.js'), 'rank', '--method', 'KBT', '--year', '2014', '--format', 'xlsx', '--quiet'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LANG: 'C' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(readFileSync(join(dir, 'rank.xlsx')))).toBe(true);
  });

  it.skipIf(!has('script'))('is refused on a terminal, with a hint', () => {
    const cmd = [process.execPath, join(ROOT, 'bin', 'rehab-stats.js'), 'rank', '--method', 'KBT', '--format', 'xlsx'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm' } });
    expect(r.stdout).toContain('--format xlsx writes a binary workbook');
    expect(r.stdout).toContain('--output FILE.xlsx');
    expect(r.stdout).not.toContain('PK');
  });
});

/**
 * LibreOffice (Debian libreoffice-calc; .ci/run installs it) opens what we write, as an analyst
 * would: the xlsx and the --excel CSV converted headless to CSV with the cells as shown.
 */
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
// A LibreOffice start costs seconds: the full tier only (npm run test:full, CI).
describe.skipIf(!soffice || !FULL)('opened in LibreOffice', () => {
  function convert(file: string, filter: string): string[][] {
    const out = join(dir, 'lo-out');
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', filter, '--outdir', out, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const base = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    return readFileSync(join(out, `${base}.csv`), 'utf8')
      .trimEnd()
      .split(/\r?\n/)
      .map((l) => l.split(';'));
  }
  // Field separator ";" (59), no text quotes, UTF-8 (76), first line 1, cells saved as shown.
  const AS_SHOWN = 'csv:Text - txt - csv (StarCalc):59,,76,1,,0,false,true,true';
  // The same, cells saved as stored (full numbers).
  const AS_STORED = 'csv:Text - txt - csv (StarCalc):59,,76,1,,0,false,true,false';

  it('reads the xlsx with codes, numbers and Swedish formats intact', async () => {
    const file = join(dir, 'rank-sv.xlsx');
    expect((await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--format', 'xlsx', '--lang', 'sv', '--output', file, '--quiet'])).status).toBe(0);
    const json = JSON.parse((await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--format', 'json', '--quiet'])).stdout) as Record<string, string | number>[];
    const stored = convert(file, AS_STORED);
    expect(stored[0]!.slice(0, 8)).toEqual(['År', 'Metod', 'Plats', 'Kod', 'Region', 'Antal', 'Befolkning', 'Per 100 000']);
    json.forEach((row, i) => {
      const line = stored[i + 1]!;
      expect(line[3]).toBe(row.region_code);
      expect(line[4]).toBe(row.region);
      // Saved as stored, in the cells' (Swedish) locale: no grouping, decimal comma.
      expect(Number(line[5])).toBe(row.count);
      expect(Number(line[7]!.replace(',', '.'))).toBeCloseTo(row.rate as number, 6);
    });
    const shown = convert(file, AS_SHOWN);
    const stockholm = shown.find((l) => l[3] === '01')!;
    const json01 = json.find((r) => r.region_code === '01')!;
    expect(stockholm[0]).toBe('2014');
    // Swedish grouping (a space, narrow or not) and decimal comma.
    expect(stockholm[6]!.replace(/\s/g, ' ')).toBe(String(json01.population).replace(/\B(?=(\d{3})+$)/g, ' '));
    expect(stockholm[7]).toBe((json01.rate as number).toFixed(1).replace('.', ','));
  }, 240_000);

  it('reads the --excel CSV with codes and decimal commas intact', async () => {
    const file = join(dir, 'rank-excel.csv');
    expect((await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--excel', '--output', file, '--quiet'])).status).toBe(0);
    const json = JSON.parse((await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--format', 'json', '--quiet'])).stdout) as Record<string, string | number>[];
    // Opened as a Swedish user's LibreOffice would: ";" separated, UTF-8, Swedish locale (1053),
    // then saved as CSV as stored.
    const lo = join(dir, 'rank-excel-back');
    const r = spawnSync(
      soffice!,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1053',
        '--convert-to',
        AS_STORED,
        '--outdir',
        lo,
        file,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(join(lo, 'rank-excel.csv'), 'utf8')
      .trimEnd()
      .split(/\r?\n/)
      .map((l) => l.split(';'));
    const header = rows[0]!;
    const at = (k: string) => header.indexOf(k);
    expect(at('region_code')).toBeGreaterThanOrEqual(0);
    json.forEach((row, i) => {
      const line = rows[i + 1]!;
      // A code like "01" is read as the number 1 by a spreadsheet unless it is text: this is the
      // known weakness of CSV that the xlsx format removes; the region name still identifies the row.
      expect(Number(line[at('region_code')])).toBe(Number(row.region_code));
      expect(line[at('region')]).toBe(row.region);
      expect(Number(line[at('count')])).toBe(row.count);
      expect(Number(line[at('rate')])).toBeCloseTo(row.rate as number, 6);
    });
  }, 240_000);
});
