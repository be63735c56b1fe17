import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/ingest/index.js';
import { chooseSheet, numberText } from '../../src/ingest/xlsx.js';
import { RehabError } from '../../src/errors.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { runInProcess } from '../fuzz/in-process.js';
import { ROOT } from './harness.js';
import { FULL } from '../helpers/tier.js';

/**
 * --input FILE.xlsx (#15 point 2): a workbook's sheet is read like the same sheet saved as CSV
 * — title rows, a merged two-row header, numbers stored as text, Swedish headers — through the
 * same shaping and validation, and every problem names the sheet, the row and the cell.
 * The workbooks are built here with exceljs, the way Excel stores them.
 */
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-xlsx-in-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const regions = bundledRegions();

type CellInput = ExcelJS.CellValue;

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

function fill(ws: ExcelJS.Worksheet, top: number, rows: CellInput[][]): void {
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v !== null && v !== undefined) ws.getCell(top + i, j + 1).value = v;
    });
  });
}

/** The observations as plain values, in a stable order, without the line they came from. */
function values(t: { observations: { region: string; year: number; method: string; sex: string; age: string; value: number | null }[] }): string[] {
  return t.observations.map((o) => `${o.region} ${o.year} ${o.method} ${o.sex} ${o.age} ${o.value}`).sort();
}

async function failure(path: string, opts: Parameters<typeof readTable>[3] = {}): Promise<RehabError> {
  try {
    await readTable(path, 'count', regions, opts);
  } catch (e) {
    if (e instanceof RehabError) return e;
    throw e;
  }
  throw new Error(`${path} was read without an error`);
}

/** An SKR-style sheet: a merged title, a source line, a blank row, a two-row header with merged cells. */
function skrSheet(ws: ExcelJS.Worksheet, body: CellInput[][]): void {
  ws.getCell('A1').value = 'Antal behandlingar inom rehabiliteringsgarantin per landsting';
  ws.mergeCells('A1:E1');
  ws.getCell('A2').value = 'Sveriges Kommuner och Landsting';
  ws.getCell('A4').value = 'Landsting';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = 'År';
  ws.mergeCells('B4:B5');
  ws.getCell('C4').value = 'Antal behandlingar';
  ws.mergeCells('C4:E4');
  fill(ws, 5, [[null, null, 'KBT', 'IPT', 'MMR']]);
  fill(ws, 6, body);
}

describe('an SKR/Kolada-style workbook', () => {
  it('reads title rows, a merged two-row header, Swedish headers and every kind of number cell', async () => {
    const path = await workbook('skr.xlsx', (wb) => {
      skrSheet(wb.addWorksheet('Blad1'), [
        ['Stockholms läns landsting', 2014, 10173, '1 234', 12.0],
        // A formula's saved result; a count stored as text with a no-break space; 0.1 × 120 in floating point.
        ['Landstinget i Uppsala län', 2014, { formula: 'C6-8566', result: 1607 }, '37', 0.1 * 120],
        ['Region Gotland', '2014', { richText: [{ text: '2' }, { text: '53', font: { bold: true } }] }, '1\u00a0001', '..'],
        [null, 2015, 260, 11, 30],
      ]);
    });
    const t = await readTable(path, 'count', regions);
    expect(t.sheet).toBe('Blad1');
    expect(t.shape).toBe('wide-methods');
    expect(t.headerLine).toBe(4);
    expect(t.skippedLines.map((l) => l.line)).toEqual([1, 2]);
    expect(t.columns.map((c) => c.header)).toEqual(['Landsting', 'År', 'KBT', 'IPT', 'MMR']);
    // Worked out by hand from the cells above; Gotland's empty label on row 9 carries down, as in PxWeb CSV.
    expect(values(t)).toEqual(
      [
        '01 2014 IPT total all 1234',
        '01 2014 KBT total all 10173',
        '01 2014 MMR total all 12',
        '03 2014 IPT total all 37',
        '03 2014 KBT total all 1607',
        '03 2014 MMR total all 12',
        '09 2014 IPT total all 1001',
        '09 2014 KBT total all 253',
        '09 2014 MMR total all null',
        '09 2015 IPT total all 11',
        '09 2015 KBT total all 260',
        '09 2015 MMR total all 30',
      ].sort(),
    );
    expect(t.missing).toEqual([{ line: 8, column: 'MMR', marker: '..', region: '09' }]);
  });

  it('reads the group row above the header (years under a merged "År")', async () => {
    const path = await workbook('years.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('B1').value = 'År';
      ws.mergeCells('B1:C1');
      fill(ws, 2, [
        ['Region', 2013, 2014],
        ['01 Stockholms län', 9523, 10173],
        ['03 Uppsala län', 1661, 1607],
      ]);
    });
    const t = await readTable(path, 'count', regions, { defaultMethod: 'KBT' });
    expect(t.shape).toBe('wide-years');
    expect(values(t)).toEqual(['01 2013 KBT total all 9523', '01 2014 KBT total all 10173', '03 2013 KBT total all 1661', '03 2014 KBT total all 1607']);
  });

  it('refuses rates under a merged group header, and the same header under two groups', async () => {
    const rates = await workbook('rates.xlsx', (wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getCell('B1').value = 'Andel per 100 000 invånare';
      ws.mergeCells('B1:C1');
      fill(ws, 2, [
        ['Region', 'KBT', 'IPT'],
        ['01', 462.8, 10.2],
      ]);
    });
    const e = await failure(rates);
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('column "KBT" is under "Andel per 100 000 invånare", which looks like a rate or share, not counts');
    expect(e.location).toMatchObject({ sheet: 'Blad1', line: 1, cell: 'Blad1!B1' });

    const twice = await workbook('twice.xlsx', (wb) => {
      const ws = wb.addWorksheet('Blad1');
      fill(ws, 1, [
        ['Region', 'KBT', null, 'IPT', null],
        [null, 2013, 2014, 2013, 2014],
        ['01', 1, 2, 3, 4],
      ]);
      ws.mergeCells('B1:C1');
      ws.mergeCells('D1:E1');
    });
    const d = await failure(twice);
    expect(d.exitCode).toBe(4);
    expect(d.message).toBe('the header "2013" stands under both "KBT" and "IPT"; one header row cannot tell them apart');
    expect(d.location?.cell).toBe('Blad1!D2');
  });
});

describe('cells', () => {
  it('numbers stored as text are read as in CSV, and a fractional one is an error naming sheet, row and cell', async () => {
    const path = await workbook('text-numbers.xlsx', (wb) => {
      const ws = wb.addWorksheet('Blad1');
      fill(ws, 1, [['Rehabiliteringsgarantin 2014'], [], ['Region', 'År', 'Metod', 'Antal'], ['Stockholm', 2014, 'KBT', '1 234'], ['Uppsala', 2014, 'KBT', '1 234,5']]);
    });
    const e = await failure(path);
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('"1 234,5" is not a whole number, as counts are');
    expect(e.location).toEqual({ file: path, sheet: 'Blad1', line: 5, column: 'Antal', cell: 'Blad1!D5' });
    const cli = await runInProcess(['rank', '--method', 'KBT', '--input', path]);
    expect(cli.code).toBe(4);
    expect(cli.stderr).toContain(`rehab-stats: error: ${path}, sheet "Blad1", row 5, column "Antal" (Blad1!D5): "1 234,5" is not a whole number, as counts are\n`);
  });

  it('a count stored as the number 12.5 is the same error as "12,5" in CSV', async () => {
    const path = await workbook('fraction.xlsx', (wb) => {
      fill(wb.addWorksheet('Län'), 1, [
        ['region', 'år', 'antal'],
        ['01', 2014, 12.5],
      ]);
    });
    const e = await failure(path, { defaultMethod: 'KBT' });
    expect(e.message).toBe('"12,5" is not a whole number, as counts are');
    expect(e.location?.cell).toBe("'Län'!C2");
  });

  it('an error value is exit 4 naming the cell', async () => {
    const path = await workbook('error.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 5],
        ['03', 2014, 'KBT', { error: '#DIV/0!' }],
      ]);
    });
    const cli = await runInProcess(['convert', path]);
    expect(cli.code).toBe(4);
    expect(cli.stderr).toBe(
      `rehab-stats: error: ${path}, sheet "Blad1", row 3, column "antal" (Blad1!D3): the cell holds the error #DIV/0!, not a value\nhint: correct the formula that gives #DIV/0! in the workbook, or write .. in the cell for a missing value\n`,
    );
    // check lists it with the rest; --skip-invalid leaves the row out and says so.
    const check = await runInProcess(['check', path]);
    expect(check.code).toBe(6);
    expect(check.stdout).toContain(`${path}, sheet "Blad1", row 3, column "antal" (Blad1!D3): the cell holds the error #DIV/0!, not a value`);
    const skip = await runInProcess(['convert', path, '--skip-invalid']);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toBe('region_code,region,year,method,sex,age,count\n01,Region Stockholm,2014,KBT,total,all,5\n');
    expect(skip.stderr).toContain(`${path}, sheet "Blad1", row 3 (Blad1!D3): skipped: the cell holds the error #DIV/0!, not a value`);
  });

  it('an error value in a column that is not read is ignored, as its CSV text would be', async () => {
    const path = await workbook('error-unused.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal', 'kommentar'],
        ['01', 2014, 'KBT', 5, { error: '#N/A' }],
      ]);
    });
    expect(values(await readTable(path, 'count', regions))).toEqual(['01 2014 KBT total all 5']);
  });

  it('a formula without a saved result is an error with the fix', async () => {
    const path = await workbook('uncalculated.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', { formula: 'SUM(X1:X9)' }],
      ]);
    });
    const e = await failure(path);
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('the formula "=SUM(X1:X9)" has no saved result');
    expect(e.hint).toContain('open the workbook in Excel or LibreOffice and save it');
    expect(e.location?.cell).toBe('Blad1!D2');
  });

  it('a date in the year column is an error, unless its format shows only the year', async () => {
    const date = await workbook('date.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', new Date(Date.UTC(2014, 0, 1)), 'KBT', 5],
      ]);
    });
    const e = await failure(date);
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('"2014-01-01" is not a year');
    expect(e.hint).toContain('the cell holds a date');
    expect(e.location?.cell).toBe('Blad1!B2');
    const year = await workbook('date-yyyy.xlsx', (wb) => {
      const ws = wb.addWorksheet('Blad1');
      fill(ws, 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', new Date(Date.UTC(2014, 0, 1)), 'KBT', 5],
      ]);
      ws.getCell('B2').numFmt = 'yyyy';
    });
    expect(values(await readTable(year, 'count', regions))).toEqual(['01 2014 KBT total all 5']);
    // A year typed as a date in the header would leave its column unread: an error too.
    const header = await workbook('date-header.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 2013, new Date(Date.UTC(2014, 0, 1))],
        ['01', 4, 5],
      ]);
    });
    const h = await failure(header, { defaultMethod: 'KBT' });
    expect(h.message).toBe('the header cell holds a date (2014-01-01), not a name or a year');
    expect(h.location?.cell).toBe('Blad1!C1');
  });

  it('--population reads a workbook too (PxWeb-style: title, empty label headers, carried-down regions)', async () => {
    const pop = await workbook('population.xlsx', (wb) => {
      fill(wb.addWorksheet('Folkmängd'), 1, [
        ['Folkmängden efter region, kön och år'],
        [],
        [null, null, 2013, 2014],
        ['01 Stockholms län', 'män', 1_073_900, 1_092_604],
        [null, 'kvinnor', 1_089_142, 1_105_440],
        ['03 Uppsala län', 'män', 172_125, 174_135],
        [null, 'kvinnor', 173_356, 175_057],
      ]);
    });
    const counts = await workbook('counts-two.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 10173],
        ['03', 2014, 'KBT', 1607],
      ]);
    });
    const r = await runInProcess(['rank', '--method', 'KBT', '--year', '2014', '--input', counts, '--population', pop, '--format', 'csv', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    // Population: the sum of the two sexes, worked out by hand (1 092 604 + 1 105 440; 174 135 + 175 057).
    expect(rows.find((x) => x.region_code === '01')!.population).toBe('2198044');
    expect(rows.find((x) => x.region_code === '03')!.population).toBe('349192');
  });

  it('an error value in the header stops reading', async () => {
    const path = await workbook('header-error.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', { error: '#REF!' }],
        ['01', 2014, 5],
      ]);
    });
    const e = await failure(path, { defaultMethod: 'KBT' });
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('the cell holds the error #REF!, not a value');
    expect(e.location).toMatchObject({ sheet: 'Blad1', line: 1, cell: 'Blad1!C1' });
  });

  it('numbers become the text the CSV path reads back to the same number', () => {
    expect(numberText(12)).toBe('12');
    // 0.1 × 120 in binary floating point; Excel shows (and saves to CSV) 15 significant digits.
    expect(numberText(0.1 * 120)).toBe('12');
    expect(numberText(1.234)).toBe('1,234');
    expect(numberText(1e-7)).toBe('0,0000001');
    expect(numberText(-3)).toBe('-3');
    expect(numberText(9_007_199_254_740_991)).toBe('9007199254740991');
    expect(numberText(1e21)).toBe('1000000000000000000000');
  });

  it('the usual rules apply unchanged: an unknown numeric header, a duplicate', async () => {
    const unknown = await workbook('unknown.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'behandlade patienter'],
        ['01', 2014, 'KBT', 5],
      ]);
    });
    const e = await failure(unknown);
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('no count column recognised, but column "behandlade patienter" holds numbers');
    expect(e.location).toMatchObject({ sheet: 'Blad1', line: 1, column: 'behandlade patienter', cell: 'Blad1!D1' });
    const dup = await workbook('dup.xlsx', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 5],
        ['Stockholm', 2014, 'KBT', 6],
      ]);
    });
    const d = await failure(dup);
    expect(d.message).toBe('a second value for Region Stockholm, 2014, KBT; the first is on line 2');
    expect(d.location).toMatchObject({ sheet: 'Blad1', line: 3 });
  });
});

describe('sheets', () => {
  const twoSheets = () =>
    workbook('two-sheets.xlsx', (wb) => {
      fill(wb.addWorksheet('Innehåll'), 1, [['Innehåll'], ['Flik 2: antal per region']]);
      fill(wb.addWorksheet('Antal 2014'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 10173],
        ['03', 2014, 'KBT', 1607],
      ]);
      wb.addWorksheet('Tom');
    });

  it('--sheet NAME and --sheet N read the same sheet; the first sheet by default', async () => {
    const path = await twoSheets();
    const byName = await readTable(path, 'count', regions, { sheet: 'Antal 2014' });
    const byNumber = await readTable(path, 'count', regions, { sheet: '2' });
    expect(values(byName)).toEqual(['01 2014 KBT total all 10173', '03 2014 KBT total all 1607']);
    expect(values(byNumber)).toEqual(values(byName));
    expect(byNumber.sheet).toBe('Antal 2014');
    const first = await failure(path);
    expect(first.location).toMatchObject({ sheet: 'Innehåll' });
    const cli = await runInProcess(['convert', path, '--sheet', 'antal 2014']);
    expect(cli.code).toBe(0);
    expect(cli.stdout.split('\n')[1]).toBe('01,Region Stockholm,2014,KBT,total,all,10173');
  });

  it('a missing sheet is a usage error that lists the sheets', async () => {
    const path = await twoSheets();
    const cli = await runInProcess(['rank', '--method', 'KBT', '--input', path, '--sheet', 'Data']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`rehab-stats: error: --sheet Data: ${path} has no such sheet\nhint: its sheets are 1 "Innehåll", 2 "Antal 2014", 3 "Tom"; give a name or a number\n`);
    expect((await runInProcess(['convert', path, '--sheet', '4'])).code).toBe(2);
  });

  it("a name that is also another sheet's position is ambiguous; with chart sheets a position is", async () => {
    const path = await workbook('numbered.xlsx', (wb) => {
      fill(wb.addWorksheet('1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 1],
      ]);
      fill(wb.addWorksheet('Blad2'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 2],
      ]);
    });
    expect(values(await readTable(path, 'count', regions, { sheet: '1' }))).toEqual(['01 2014 KBT total all 1']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.worksheets[0]!.name = 'Blad1';
    wb.worksheets[1]!.name = '1';
    expect(() => chooseSheet(wb, 'numbered.xlsx', '1')).toThrow('--sheet 1: numbered.xlsx has a sheet named "1" and a different sheet at position 1 ("Blad1")');
    // exceljs does not load chart sheets: positions would not be the tabs the user sees.
    expect(() => chooseSheet(wb, 'charts.xlsx', '2', true)).toThrow('--sheet 2: charts.xlsx has chart sheets, so a position is ambiguous');
    expect(chooseSheet(wb, 'charts.xlsx', 'blad1', true).name).toBe('Blad1');
  });

  it('--sheet without --input is a usage error', async () => {
    const cli = await runInProcess(['rank', '--method', 'KBT', '--sheet', '2']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--sheet 2 needs --input FILE.xlsx');
    expect((await runInProcess(['tally', '--sheet', 'Blad1'])).code).toBe(2);
  });

  it('an empty sheet is exit 4', async () => {
    const path = await twoSheets();
    const e = await failure(path, { sheet: 'Tom' });
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('the sheet is empty');
    expect(e.location).toEqual({ file: path, sheet: 'Tom' });
  });

  it('--sheet with a CSV input is a usage error', async () => {
    const cli = await runInProcess(['rank', '--method', 'KBT', '--input', 'fixtures/long-landsting.csv', '--sheet', '1']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--sheet 1: fixtures/long-landsting.csv is not an xlsx workbook');
  });
});

describe('what is not an xlsx workbook', () => {
  it('an old binary .xls is refused with the fix', async () => {
    const path = join(dir, 'old.xls');
    // The OLE compound file signature every .xls starts with, then a header's worth of zeros.
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const cli = await runInProcess(['rank', '--method', 'KBT', '--input', path]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain('is an old binary Excel workbook (.xls), which rehab-stats cannot read');
    expect(cli.stderr).toContain('hint: save it as an Excel Workbook (.xlsx) or as CSV');
  });

  it('an OpenDocument spreadsheet is refused with the fix, whatever its name', async () => {
    const path = join(dir, 'counts.xlsx');
    writeFileSync(
      path,
      storedZip([
        ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
        ['content.xml', '<office:document-content/>'],
      ]),
    );
    const cli = await runInProcess(['convert', path]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain('is an OpenDocument spreadsheet (.ods), which rehab-stats cannot read');
    expect(cli.stderr).toContain('soffice --headless --convert-to xlsx');
  });

  it('another ZIP archive is refused', async () => {
    const path = join(dir, 'archive.zip');
    writeFileSync(path, storedZip([['counts.csv', 'region;år;antal\n01;2014;5\n']]));
    const cli = await runInProcess(['convert', path]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain('is a ZIP archive but not an xlsx workbook');
  });

  it('a binary .xlsb and a damaged xlsx are refused', async () => {
    const xlsb = join(dir, 'book.xlsb');
    writeFileSync(
      xlsb,
      storedZip([
        ['[Content_Types].xml', '<Types/>'],
        ['xl/workbook.bin', '\u0083\u0001'],
      ]),
    );
    const b = await runInProcess(['convert', xlsb]);
    expect(b.code).toBe(3);
    expect(b.stderr).toContain('is a binary Excel workbook (.xlsb), which rehab-stats cannot read');
    const damaged = join(dir, 'damaged.xlsx');
    writeFileSync(
      damaged,
      storedZip([
        ['[Content_Types].xml', '<Types'],
        ['xl/workbook.xml', '<workbook><sheets><sheet name="a"'],
      ]),
    );
    const d = await runInProcess(['convert', damaged]);
    expect(d.code).toBe(3);
    expect(d.stderr).toContain('cannot be read as an xlsx workbook');
    expect(d.stderr).toContain('hint: open it in Excel or LibreOffice and save it again as .xlsx');
  });

  it('an xlsx named .csv is read as the workbook it is, also from stdin', async () => {
    const path = await workbook('looks-like.csv', (wb) => {
      fill(wb.addWorksheet('Blad1'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ['01', 2014, 'KBT', 5],
      ]);
    });
    expect((await runInProcess(['convert', path])).stdout).toBe('region_code,region,year,method,sex,age,count\n01,Region Stockholm,2014,KBT,total,all,5\n');
    const stdin = await runInProcess(['convert', '-', '--sheet', 'Blad1'], { stdin: readFileSync(path) });
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toBe('region_code,region,year,method,sex,age,count\n01,Region Stockholm,2014,KBT,total,all,5\n');
  });
});

/** A ZIP archive with its entries stored (not compressed), as the ZIP specification lays it out. */
function storedZip(entries: [string, string][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const file = Buffer.from(name);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(file.length, 26);
    local.push(head, file, data);
    const dirEntry = Buffer.alloc(46);
    dirEntry.writeUInt32LE(0x02014b50, 0);
    dirEntry.writeUInt16LE(20, 4);
    dirEntry.writeUInt16LE(20, 6);
    dirEntry.writeUInt32LE(crc, 16);
    dirEntry.writeUInt32LE(data.length, 20);
    dirEntry.writeUInt32LE(data.length, 24);
    dirEntry.writeUInt16LE(file.length, 28);
    dirEntry.writeUInt32LE(offset, 42);
    central.push(dirEntry, file);
    offset += head.length + file.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}

/**
 * A CSV file as a workbook, the way Excel opens one: integers and decimal-comma numbers become
 * number cells (a code with a leading zero stays text), the rest text.
 */
async function csvAsWorkbook(csvPath: string, xlsxPath: string): Promise<void> {
  const text = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const delimiter = text.split('\n')[0]!.includes(';') ? ';' : ',';
  const rows = parse(text, { delimiter, relax_column_count: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      const number = /^-?(0|[1-9]\d*)([.,]\d+)?$/.test(v) && !(delimiter === ',' && v.includes(','));
      if (v !== '') ws.getCell(i + 1, j + 1).value = number ? Number(v.replace(',', '.')) : v;
    });
  });
  await wb.xlsx.writeFile(xlsxPath);
}

describe('every command reads an xlsx as it reads the CSV', () => {
  const COMMANDS: [string, string[]][] = [
    ['rank', ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv']],
    ['growth', ['growth', '--method', 'KBT', '--from', '2013', '--format', 'csv']],
    ['share', ['share', '--year', '2014', '--format', 'csv']],
    ['trend', ['trend', '--method', 'KBT', '--format', 'csv']],
    ['summary', ['summary', '--method', 'KBT', '--year', '2014', '--format', 'csv']],
    ['funnel', ['funnel', '--method', 'KBT', '--year', '2014']],
    ['map', ['map', '--method', 'KBT', '--year', '2014']],
  ];
  const csv = join(dir, 'counts', 'landsting.csv');
  const xlsx = join(dir, 'counts', 'landsting.xlsx');

  it.each(COMMANDS)('%s', async (_name, args) => {
    if (!existsSync(xlsx)) {
      mkdirSync(join(dir, 'counts'), { recursive: true });
      copyFileSync(join(ROOT, 'fixtures', 'long-landsting.csv'), csv);
      await csvAsWorkbook(csv, xlsx);
    }
    const fromCsv = await runInProcess([...args, '--input', csv]);
    const fromXlsx = await runInProcess([...args, '--input', xlsx]);
    expect(fromCsv.code).toBe(0);
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.stdout.replaceAll('landsting.xlsx', 'landsting.csv')).toBe(fromCsv.stdout);
    expect(fromXlsx.stderr.replaceAll('landsting.xlsx', 'landsting.csv')).toBe(fromCsv.stderr);
  });

  it('tally, convert and check', async () => {
    const answers = join(dir, 'answers.csv');
    copyFileSync(join(ROOT, 'src', 'data', 'access-2014.csv'), answers);
    await csvAsWorkbook(answers, join(dir, 'answers.xlsx'));
    // One run at a time: each captures the process's stdout.
    const tally = [await runInProcess(['tally', '--input', answers, '--format', 'csv']), await runInProcess(['tally', '--input', join(dir, 'answers.xlsx'), '--format', 'csv'])];
    expect(tally[1]!.code).toBe(0);
    expect(tally[1]!.stdout).toBe(tally[0]!.stdout);
    const kolada = join(dir, 'kolada.csv');
    copyFileSync(join(ROOT, 'fixtures', 'kolada.csv'), kolada);
    await csvAsWorkbook(kolada, join(dir, 'kolada.xlsx'));
    const convert = [await runInProcess(['convert', kolada]), await runInProcess(['convert', join(dir, 'kolada.xlsx')])];
    expect(convert[1]!.code).toBe(0);
    expect(convert[1]!.stdout).toBe(convert[0]!.stdout);
    const check = await runInProcess(['check', join(dir, 'kolada.xlsx')]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('sheet      "Blad1" of an xlsx workbook');
    expect(check.stdout).toContain('problems   none');
  });

  it('report reads the xlsx named in its config, and --check covers it by its SHA-256', async () => {
    const site = join(dir, 'site');
    mkdirSync(site, { recursive: true });
    const book = join(site, 'counts.xlsx');
    copyFileSync(join(ROOT, 'fixtures', 'long-landsting.csv'), join(site, 'counts.csv'));
    await csvAsWorkbook(join(site, 'counts.csv'), book);
    const config = join(site, 'report.json');
    writeFileSync(config, JSON.stringify({ input: 'counts.xlsx', methods: ['KBT'], year: 2014, from: 2013 }));
    const md = join(site, 'report.md');
    const built = await runInProcess(['report', '--config', config, '--markdown', md, '--quiet']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const text = readFileSync(md, 'utf8');
    const sha = (await import('node:crypto')).createHash('sha256').update(readFileSync(book)).digest('hex');
    expect(text).toContain(sha);
    expect((await runInProcess(['report', '--config', config, '--markdown', md, '--check', '--quiet'])).code).toBe(0);
    // Another count in the workbook: the committed report is out of date.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    wb.worksheets[0]!.getCell('D2').value = 9000;
    await wb.xlsx.writeFile(book);
    expect((await runInProcess(['report', '--config', config, '--markdown', md, '--check', '--quiet'])).code).toBe(7);
  });

  it('report reads the sheet its config names', async () => {
    const site = join(dir, 'site-sheet');
    mkdirSync(site, { recursive: true });
    await workbook('site-sheet/book.xlsx', (wb) => {
      fill(wb.addWorksheet('Om'), 1, [['Antal behandlingar, se fliken Antal']]);
      fill(wb.addWorksheet('Antal'), 1, [
        ['region', 'år', 'metod', 'antal'],
        ...['01', '03', '09'].flatMap((r, i) => [
          [r, 2013, 'KBT', 100 + i],
          [r, 2014, 'KBT', 120 + i],
        ]),
      ]);
    });
    writeFileSync(join(site, 'report.json'), JSON.stringify({ input: 'book.xlsx', sheet: 'Antal', methods: ['KBT'], year: 2014, from: 2013 }));
    const md = join(site, 'report.md');
    const r = await runInProcess(['report', '--config', join(site, 'report.json'), '--markdown', md, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('--sheet Antal');
    writeFileSync(join(site, 'bad.json'), JSON.stringify({ input: 'book.xlsx', sheet: 0 }));
    const bad = await runInProcess(['report', '--config', join(site, 'bad.json'), '--markdown', md, '--check']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('sheet');
  });
});

describe('round trip', () => {
  it.each([
    ['rank', ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/kolada.csv']],
    // Swedish headers in the workbook (År, Metod, Kod, Antal …), English keys in the CSV.
    ['rank-sv', ['rank', '--method', 'IPT', '--year', '2013', '--lang', 'sv']],
  ])('our own %s --format xlsx reads back as its CSV does', async (name, args) => {
    const book = join(dir, `${name}-out.xlsx`);
    const table = join(dir, `${name}-out.csv`);
    const xl = await runInProcess([...args, '--format', 'xlsx', '--output', book, '--quiet']);
    expect(xl.code).toBe(0);
    expect((await runInProcess([...args, '--format', 'csv', '--output', table, '--quiet'])).code).toBe(0);
    const fromBook = await readTable(book, 'count', regions, { defaultMethod: 'KBT' }).then(values, (e: unknown) => (e as RehabError).message);
    const fromCsv = await readTable(table, 'count', regions, { defaultMethod: 'KBT' }).then(values, (e: unknown) => (e as RehabError).message);
    expect(fromBook).toEqual(fromCsv);
    expect(Array.isArray(fromBook) && fromBook.length).toBeGreaterThan(0);
  });
});

/** LibreOffice (Debian libreoffice-calc; .ci/run installs it) saves a CSV as xlsx, as an analyst would. */
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
if (!soffice) console.log('skipped: the LibreOffice-made workbook test needs soffice (apt-get install libreoffice-calc)');
// A LibreOffice start costs seconds: the full tier only (npm run test:full, CI).
describe.skipIf(!soffice || !FULL)('a workbook LibreOffice made', () => {
  it('reads as the CSV it was made from', async () => {
    const out = join(dir, 'lo');
    mkdirSync(out, { recursive: true });
    const csv = join(out, 'wide.csv');
    copyFileSync(join(ROOT, 'fixtures', 'wide-methods.csv'), csv);
    const r = spawnSync(
      soffice!,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--infilter=Text - txt - csv (StarCalc):44,34,76,1',
        '--convert-to',
        'xlsx',
        '--outdir',
        out,
        csv,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const fromBook = await readTable(join(out, 'wide.xlsx'), 'count', regions);
    expect(fromBook.sheet).toBeDefined();
    expect(values(fromBook)).toEqual(values(await readTable(csv, 'count', regions)));
    expect(fromBook.observations.length).toBeGreaterThan(20);
  }, 240_000);
});
