import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/ingest/index.js';
import { RehabError } from '../../src/errors.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { runs } from '../helpers/tier.js';

/**
 * A table typed into a sheet and the same sheet saved as CSV by Excel (";"-separated, decimal
 * comma, trailing empty rows and columns left out) read to the same observations, or stop at
 * the same problem on the same line and column — only the location text differs (sheet, row,
 * cell) — also when problems are collected (check, --skip-invalid).
 */
const regions = bundledRegions();
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-xlsx-csv-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A cell as typed: a number cell, or text (which may look like a number). */
type Typed = { n: number } | { t: string };

const HEADERS = [
  'Region',
  'Landsting',
  'region',
  'År',
  'year',
  'Metod',
  'Behandling',
  'Antal',
  'antal',
  'Kön',
  'KBT',
  'IPT',
  '2013',
  '2014',
  'Andel',
  'Antal patienter',
  'Kommentar',
];
const TEXTS = [
  'Stockholm',
  '01',
  '03 Uppsala län',
  'Region Skåne',
  'Gotland',
  'Skone',
  'Riket',
  'KBT',
  'ipt',
  'MMR',
  'K',
  'M',
  'kvinnor',
  'T',
  '2014',
  '2013',
  '2014M01',
  '1 234',
  '1 234,5',
  '12,5',
  '1,234',
  '1.234',
  '12.5',
  '..',
  '-',
  'x',
  '=1+1',
  'Källa: SKR',
  '007',
];
const number = fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.constantFrom(12.5, 0.25, 1e-7, 2013, 2014, 2 ** 53 + 2, 0.1 * 120));
const cell: fc.Arbitrary<Typed | null> = fc.oneof(
  { weight: 3, arbitrary: number.map((n) => ({ n })) },
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS).map((t) => ({ t })) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const REGIONS = ['Stockholm', '01', '03 Uppsala län', 'Region Skåne', 'Gotland', 'Norrbotten', '25', 'Jönköpings län'];
/** A count as typed: a number, or text the way exports write it. */
const count: fc.Arbitrary<Typed> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(50_000).map((n) => ({ n })) },
  { weight: 2, arbitrary: fc.nat(50_000).map((n) => ({ t: n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ') })) },
  { weight: 1, arbitrary: cell.map((c) => c ?? { t: '' }) },
);
/** Mostly clean tables (long, or wide by years or methods) with damage here and there, and anything at all. */
const clean = fc.oneof(
  fc.record({
    header: fc.constant<string[]>(['Region', 'År', 'Metod', 'Antal']),
    body: fc.array(
      fc
        .tuple(
          fc.constantFrom(...REGIONS).map((t): Typed => ({ t })),
          fc.oneof(
            fc.integer({ min: 2012, max: 2015 }).map((n): Typed => ({ n })),
            fc.constantFrom<Typed>({ t: '2014' }, { t: '2014M01' }),
          ),
          fc.constantFrom<Typed>({ t: 'KBT' }, { t: 'ipt' }, { t: 'MMR' }),
          count,
        )
        .map((r): (Typed | null)[] => r),
      { minLength: 1, maxLength: 15 },
    ),
  }),
  fc.record({
    header: fc.constant<string[]>(['Landsting', '2013', '2014']),
    body: fc.array(
      fc
        .tuple(
          fc.constantFrom(...REGIONS).map((t): Typed => ({ t })),
          count,
          count,
        )
        .map((r): (Typed | null)[] => r),
      { minLength: 1, maxLength: 15 },
    ),
  }),
  fc.record({
    header: fc.constant<string[]>(['region', 'år', 'KBT', 'IPT']),
    body: fc.array(
      fc
        .tuple(
          fc.constantFrom(...REGIONS).map((t): Typed => ({ t })),
          fc.integer({ min: 2013, max: 2014 }).map((n): Typed => ({ n })),
          count,
          count,
        )
        .map((r): (Typed | null)[] => r),
      { minLength: 1, maxLength: 15 },
    ),
  }),
  fc.record({
    header: fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 3, maxLength: 6 }),
    body: fc.array(fc.array(cell, { minLength: 3, maxLength: 7 }), { minLength: 1, maxLength: 12 }),
  }),
);
const table = fc
  .record({
    title: fc.option(fc.constantFrom('Antal behandlingar inom rehabiliteringsgarantin', 'Källa: SKR'), { nil: undefined }),
    shape: clean,
    blankAt: fc.option(fc.nat(15), { nil: undefined }),
  })
  .map(({ title, shape, blankAt }) => ({ title, header: shape.header, body: shape.body, blankAt }));
type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;

function grid(s: Table): (Typed | null)[][] {
  const rows: (Typed | null)[][] = [];
  if (s.title) rows.push([{ t: s.title }], []);
  rows.push(s.header.map((t) => ({ t })));
  s.body.forEach((r, i) => {
    if (i === s.blankAt) rows.push([]);
    rows.push(r);
  });
  return rows;
}

/** As Excel writes the sheet to CSV: numbers with a decimal comma, every row as wide as the used range. */
function asCsv(rows: (Typed | null)[][]): string {
  const text = (c: Typed | null | undefined) => (!c ? '' : 't' in c ? c.t : excelNumber(c.n));
  const filled = rows.map((r) => r.map(text));
  const width = Math.max(...filled.map((r) => r.reduce((w, t, i) => (t !== '' ? i + 1 : w), 0)));
  let last = filled.length;
  while (last > 0 && filled[last - 1]!.every((t) => t === '')) last--;
  const cells = filled.slice(0, last).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return stringify(cells, { delimiter: ';', record_delimiter: '\n' });
}

/** A number as Excel's CSV holds it (General format, Swedish locale): up to 15 significant digits, decimal comma. */
function excelNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return new Intl.NumberFormat('sv-SE', { useGrouping: false, maximumSignificantDigits: 15 }).format(n).replace('−', '-');
}

/** The sheet as typed; a title merged across the table's width holds its text in its first cell, as its CSV does. */
async function asWorkbook(rows: (Typed | null)[][], path: string, mergeTitle: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  rows.forEach((r, i) => {
    r.forEach((c, j) => {
      if (c) ws.getCell(i + 1, j + 1).value = 't' in c ? c.t : c.n;
    });
  });
  if (mergeTitle && rows[0]!.length === 1) ws.mergeCells(1, 1, 1, 3);
  await wb.xlsx.writeFile(path);
}

/** What a reading gives, without where the file is: observations and problems, or the error. */
async function outcome(path: string, collect: boolean): Promise<unknown> {
  try {
    const t = await readTable(path, 'count', regions, collect ? { collectProblems: true } : {});
    return {
      observations: t.observations.map((o) => [o.region, o.year, o.method, o.sex, o.age, o.value, o.line]),
      missing: t.missing,
      problems: t.problems.map((p) => [p.line, p.column, p.message, p.hint]),
      shape: t.shape,
    };
  } catch (e) {
    if (!(e instanceof RehabError)) throw e;
    // "the sheet has a header but no data rows" says what "the file …" says of a CSV file.
    return {
      exit: e.exitCode,
      message: e.message.replaceAll(path, 'FILE').replace(/^the (file|sheet) /, 'the table '),
      hint: e.hint,
      line: e.location?.line,
      column: e.location?.column,
    };
  }
}

describe('xlsx and its CSV export read the same', () => {
  it('random tables', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.boolean(), async (s, collect, mergeTitle) => {
        const rows = grid(s);
        const base = join(dir, `t${n++}`);
        writeFileSync(`${base}.csv`, asCsv(rows));
        await asWorkbook(rows, `${base}.xlsx`, mergeTitle);
        expect(await outcome(`${base}.xlsx`, collect)).toEqual(await outcome(`${base}.csv`, collect));
      }),
      { numRuns: runs(120) },
    );
  }, 120_000);
});
