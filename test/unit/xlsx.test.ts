import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import type { LocalTable } from '../../src/render/model.js';
import { numberFormat, renderXlsx, sheetName } from '../../src/render/xlsx.js';
import { normaliseZipDates } from '../../src/render/zip-dates.js';

const TABLE: LocalTable = {
  title: 'KBT treatments per 100,000 inhabitants, 2014',
  columns: [
    { key: 'year', header: 'Year', type: 'text', only: 'machine' },
    { key: 'rank', header: 'Rank', type: 'integer', empty: '' },
    { key: 'region_code', header: 'Code', type: 'text' },
    { key: 'region', header: 'Region', type: 'text' },
    { key: 'count', header: 'Count', type: 'integer' },
    { key: 'rate', header: 'Per 100,000', type: 'rate' },
    { key: 'ci', header: '95% CI', type: 'interval', keys: ['rate_lower', 'rate_upper'], only: 'human' },
    { key: 'bar', header: '', type: 'bar', only: 'table' },
    { key: 'change_pct', header: 'Change', type: 'signed-percent', digits: 1 },
    { key: 'note', header: 'Note', type: 'text', empty: '' },
  ],
  rows: [
    { year: 2014, rank: 1, region_code: '01', region: 'Region Stockholm', count: 12345, rate: 523.456789123, change_pct: 12.25, note: '=1+1' },
    { year: 2014, rank: null, region_code: '25', region: 'Region Norrbotten', count: 7, rate: 2.8, change_pct: -3.5, note: null },
  ],
  apart: [{ year: 2014, rank: null, region_code: '00', region: 'Riket', count: 12352, rate: 120.1, change_pct: 0, note: '' }],
  notes: ['Data: test.', 'Population: SCB.'],
};

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('renderXlsx', () => {
  it('writes typed cells: numbers as numbers, codes as text with their zero, years as integers', async () => {
    const wb = await open(await renderXlsx([{ name: 'Data', table: TABLE }], 'en'));
    const ws = wb.getWorksheet('Data')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Year', 'Rank', 'Code', 'Region', 'Count', 'Per 100,000', 'Change', 'Note']);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe(2014);
    expect(r2.getCell(2).value).toBe(1);
    expect(r2.getCell(3).value).toBe('01');
    expect(r2.getCell(3).numFmt).toBe('@');
    expect(r2.getCell(5).value).toBe(12345);
    // Rounded to 6 decimals, as in CSV and JSON.
    expect(r2.getCell(6).value).toBe(523.456789);
    // Formula-like text is a plain string cell, never a formula.
    expect(r2.getCell(8).value).toBe('=1+1');
    expect(r2.getCell(8).type).toBe(ExcelJS.ValueType.String);
    // Missing values are empty cells; the national row comes last.
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    expect(ws.getRow(4).getCell(3).value).toBe('00');
    expect(ws.rowCount).toBe(4);
  });

  it('has a bold frozen header, fitted widths and a notes sheet', async () => {
    const wb = await open(await renderXlsx([{ name: 'Data', table: TABLE }], 'en'));
    const ws = wb.getWorksheet('Data')!;
    expect(ws.getRow(1).getCell(1).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe('Region Norrbotten'.length + 2);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(6);
    const notes = wb.getWorksheet('Notes')!;
    expect(notes.getRow(1).getCell(1).value).toBe(TABLE.title);
    expect(notes.getRow(1).getCell(1).font.bold).toBe(true);
    expect(notes.getRow(2).getCell(1).value).toBe('Data: test.');
    expect(notes.getRow(3).getCell(1).value).toBe('Population: SCB.');
  });

  it('uses number formats of the language', async () => {
    const en = (await open(await renderXlsx([{ name: 'Data', table: TABLE }], 'en'))).getWorksheet('Data')!.getRow(2);
    const sv = (await open(await renderXlsx([{ name: 'Data', table: TABLE }], 'sv'))).getWorksheet('Data')!.getRow(2);
    expect(en.getCell(5).numFmt).toBe('[$-809]#,##0');
    expect(en.getCell(6).numFmt).toBe('[$-809]#,##0.0');
    expect(en.getCell(7).numFmt).toBe('[$-809]+0.0"%";-0.0"%";0.0"%"');
    expect(sv.getCell(5).numFmt).toBe('[$-41D]#,##0');
    expect(sv.getCell(7).numFmt).toBe('[$-41D]+0.0" %";-0.0" %";0.0" %"');
    expect(numberFormat({ key: 'x', header: 'x', type: 'percent' }, 'en')).toBe('[$-809]0"%"');
  });

  it('gives the same bytes for the same tables, at any time', async () => {
    // Two clocks years, days and seconds apart (ZIP times have two-second resolution); only the
    // clock is faked, so the libraries' own timers and promises run as ever.
    vi.useFakeTimers({ toFake: ['Date'] });
    let a: Uint8Array;
    let b: Uint8Array;
    try {
      vi.setSystemTime(new Date('2024-03-05T10:11:12Z'));
      a = await renderXlsx([{ name: 'Data', table: TABLE }], 'en');
      vi.setSystemTime(new Date('2031-11-30T23:59:57Z'));
      b = await renderXlsx([{ name: 'Data', table: TABLE }], 'en');
    } finally {
      vi.useRealTimers();
    }
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const zip = await JSZip.loadAsync(a);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>');
    // JSZip reads DOS times as UTC.
    for (const f of Object.values(zip.files)) expect(f.date.getTime()).toBe(Date.UTC(1980, 0, 1));
  });

  it('makes tab names Excel accepts', () => {
    const taken = new Set<string>();
    expect(sheetName('KBT: 2014/2015 [all]', taken)).toBe('KBT- 2014-2015 -all-');
    expect(sheetName('a'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('Data', taken)).toBe('Data');
    expect(sheetName('data', taken)).toBe('data 2');
  });
});

describe('normaliseZipDates', () => {
  it('sets every entry to 1980-01-01 and keeps the archive valid', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'hello', { date: new Date(2024, 5, 6, 7, 8, 10) });
    zip.file('dir/b.txt', 'world'.repeat(100), { date: new Date(2021, 1, 2, 3, 4, 6) });
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const back = await JSZip.loadAsync(normaliseZipDates(bytes));
    expect(await back.file('dir/b.txt')!.async('string')).toBe('world'.repeat(100));
    for (const f of Object.values(back.files)) expect(f.date.getTime()).toBe(Date.UTC(1980, 0, 1));
  });

  it('refuses what is not a ZIP archive', () => {
    expect(() => normaliseZipDates(new TextEncoder().encode('not a zip file at all, just some text'))).toThrow(/not a ZIP/);
  });
});
