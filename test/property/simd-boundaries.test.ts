import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadRecordsFast, planFastPath, SAMPLE_BYTES } from '../../src/ingest/fast.js';
import { wholeAndInPieces, wholeAndSplit } from './chunked-counter.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { generalOutcome, type GeneralOutcome } from './outcomes.js';
import { scanKernel } from '../../src/parse/kernel-file.js';
import { runs } from '../helpers/tier.js';

/**
 * The kernel's SIMD path (src/parse/scan.wat) reads a row 16 bytes at a time in windows of 64
 * and looks known spellings of up to 32 bytes up whole; anything else goes to its byte loop.
 * These tables put every field end, quote, escaped quote, CR, LF, CRLF, BOM, tab and multi-byte
 * character at every offset of those 16-, 32- and 64-byte blocks and of the chunks the file is
 * pushed in, and repeat each row so its second reading meets spellings the first taught: the
 * fast path gives the general path's observations and errors byte for byte, or hands over.
 */
const SLOW = 120_000;
const regions = bundledRegions();
const kernel = scanKernel();
const names = regions.regions.flatMap((r) => r.names.slice(0, 3)).concat(['Riket', 'Okänd region']);

/** Text of any length that an unneeded column may hold: multi-byte letters, tabs, quotes, the delimiters, quoted line breaks. */
const noteText = fc
  // Quotes, tabs and line breaks rarely: a row with one goes the byte loop's way, and most rows should go the SIMD path's.
  .array(fc.oneof({ arbitrary: fc.constantFrom('a', 'Å', 'ö', '€', '😀', ' ', ';', ',', 'xxxxxxxxxxxxxxxx', '\u00a0'), weight: 60 }, fc.constantFrom('"', '\t', '\n', '\r\n')), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));

const row = fc.record({
  region: fc.constantFrom(...names),
  /** Spaces around a value move its end across 16-byte blocks (and make spellings longer than 32 bytes). */
  pad: fc.nat(24),
  year: fc.integer({ min: 2012, max: 2016 }),
  method: fc.constantFrom('KBT', 'IPT', 'kbt', 'Internet-KBT', 'Internet, KBT'),
  sex: fc.constantFrom('K', 'M', 'kvinnor', 'T'),
  age: fc.constantFrom('16', '30', '67', '90'),
  before: noteText,
  after: noteText,
  quoteRegion: fc.boolean(),
});

/** Past this the fast path has been planned (from the first 8 KiB, or 32 KiB when those hold fewer than 200 rows). */
const SAMPLE = 4 * SAMPLE_BYTES;

/** What may turn up past the sample the fast path is planned from (its first 8 KiB, or more for 200 rows): odd bytes, and rows the general path stops at or reads its own way. */
const ODD = [
  '\r',
  '\n',
  '"',
  '\u0000',
  ';',
  ',',
  '\t',
  '\u00ff',
  '\u0081',
  '\r\n',
  '\n\n',
  '\ufeff',
  ';Okänd region;2014;KBT;K;30;\n',
  ';Uppsala;2014;K\tBT;K;30;\n',
  ';Uppsala;2014;KB"T;K;30;\n',
  ';Uppsala;2014;KBT;;;\n',
];

const table = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 12 }),
  /** Which distinct row comes next, again and again: the later ones meet spellings the first taught. */
  order: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  /** The file's size: a few KiB, all of it the sample the fast path is planned from, or past that sample. */
  size: fc.oneof(fc.integer({ min: 200, max: 6_000 }), fc.integer({ min: SAMPLE + 100, max: SAMPLE + 8_000 })),
  delimiter: fc.constantFrom(';', ',', '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  latin1: fc.boolean(),
  finalNewline: fc.boolean(),
  damage: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), what: fc.constantFrom(...ODD) }), { maxLength: 2 }),
  /** The first row again past the sample, a quoted field in it not closed as CSV closes it: text after the closing quote, an escaped quote, the delimiter inside. */
  misquoted: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), how: fc.constantFrom('after', 'escaped', 'delimiter', 'unclosed', 'year') }), {
    nil: undefined,
  }),
});
type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;
type Row = Table['rows'][number];

function write(t: Table): Buffer {
  const d = t.delimiter;
  const q = (s: string) => (s.includes(d) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s);
  const eol = t.crlf ? '\r\n' : '\n';
  const regionOf = (r: Row) => `${' '.repeat(r.pad % 3 === 0 ? r.pad : 0)}${r.region}${' '.repeat(r.pad % 3 === 1 ? r.pad : 0)}`;
  const lineOf = (r: Row, region: string, year = String(r.year)) => [q(r.before), region, year, q(r.method), q(r.sex), q(r.age), q(r.after)].join(d) + eol;
  const lines = t.rows.map((r) => lineOf(r, r.quoteRegion ? `"${regionOf(r)}"` : q(regionOf(r))));
  // The first row's region quoted, near the start: its quoted spelling is known when the misquoted row comes.
  const first = t.rows[0];
  if (t.misquoted && first) lines.unshift(lineOf(first, `"${regionOf(first)}"`));
  const encode = (text: string) => (t.latin1 ? iconv.encode(text.replaceAll('😀', '?'), 'windows-1252') : Buffer.from(text, 'utf8'));
  const parts = [encode(['före', 'region', 'år', 'metod', 'kön', 'ålder', 'efter'].join(d) + eol)];
  let size = parts[0]!.length;
  for (let i = 0; size < t.size; i++) {
    const line = encode(lines[i === 0 ? 0 : t.order[i % t.order.length]! % lines.length]!);
    parts.push(line);
    size += line.length;
  }
  let bytes = Buffer.concat(parts);
  if (!t.finalNewline) bytes = bytes.subarray(0, bytes.length - eol.length);
  if (t.bom && !t.latin1) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  // Past the sample, so the fast path is planned and meets it (a small file has none).
  for (const { at, what } of bytes.length > SAMPLE ? t.damage : []) {
    const p = SAMPLE + Math.floor(at * (bytes.length - SAMPLE));
    // Single bytes: 0xff (not UTF-8), 0x81 (not UTF-8, and undefined in windows-1252).
    const odd = what === '\u00ff' || what === '\u0081' ? Buffer.from([what.charCodeAt(0)]) : encode(what.replaceAll(';', d));
    bytes = Buffer.concat([bytes.subarray(0, p), odd, bytes.subarray(p)]);
  }
  if (t.misquoted && first && bytes.length > SAMPLE) {
    const known = regionOf(first);
    const region = { after: `"${known}"x`, escaped: `"${known}"""`, delimiter: `"${known}${d}x"`, unclosed: `"${known}`, year: `"${known}"` }[t.misquoted.how];
    const line = encode(lineOf(first, region, t.misquoted.how === 'year' ? `"${first.year}"5` : undefined));
    const p = bytes.indexOf(0x0a, SAMPLE + Math.floor(t.misquoted.at * (bytes.length - SAMPLE))) + 1;
    if (p > 0) bytes = Buffer.concat([bytes.subarray(0, p), line, bytes.subarray(p)]);
  }
  return bytes;
}

const general = (bytes: Uint8Array): GeneralOutcome => generalOutcome(bytes, regions);

/** A counter's groups, or that it hands over (where it noticed why may differ with the cuts; the general path then decides). */
function counted(result: unknown): unknown {
  return typeof result === 'object' && result !== null && 'ok' in result && result.ok === false ? 'hands over' : result;
}

it('has the WebAssembly kernel to test (run npm run build first)', () => expect(kernel).toBeDefined());

describe('the SIMD path at 16-byte, window and chunk boundaries', () => {
  it(
    "gives the general path's observations and errors, or hands over, wherever fields end",
    () => {
      fc.assert(
        fc.property(table, (t) => {
          const bytes = write(t);
          const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, kernel);
          if (fast) expect({ observations: fast.observations, rowsRead: fast.rowsRead }).toEqual(general(bytes));
          // The JavaScript scanner, which the kernel's byte loop mirrors, takes the same tables the same way.
          const js = loadRecordsFast(bytes, 'p.csv', regions, {});
          expect(fast === undefined).toBe(js === undefined);
          if (fast && js) expect(fast.observations).toEqual(js.observations);
        }),
        { numRuns: runs(200, 6) },
      );
    },
    SLOW,
  );

  it(
    'counts the same pushed whole, in pieces cut at any byte (inside a character, between CR and LF, inside a 16-byte block), or in two parts',
    () => {
      fc.assert(
        fc.property(table, fc.array(fc.nat(), { maxLength: 10 }), fc.nat(), (t, cuts, at) => {
          const bytes = write(t);
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, kernel);
          if (!start) return;
          const data = Buffer.from(bytes.subarray(start.dataOffset));
          // Cuts near multiples of 16 as often as anywhere else.
          const near16 = cuts.map((c, i) => (i % 2 ? c : c - (c % 16) + ((c >> 4) % 3) - 1));
          const { whole, pieces } = wholeAndInPieces(
            start.plan,
            data,
            near16.map((c) => Math.max(0, c)),
          );
          expect(counted(pieces)).toEqual(counted(whole));
          const lf = data.indexOf(0x0a, at % (data.length + 1));
          const { split } = wholeAndSplit(start.plan, data, lf < 0 ? data.length : lf + 1);
          if (split !== undefined && counted(split) !== 'hands over') expect(split).toEqual(whole);
        }),
        { numRuns: runs(200, 6) },
      );
    },
    SLOW,
  );

  it.each([
    ['a spelling of exactly 16 bytes, then 32, then 33', 'Region Stockholm', 'Region Stockholm                ', 'Region Stockholm                 '],
    ['a known value whose end is the last byte of a 64-byte window', 'Uppsala', 'Uppsala', 'x'.repeat(50)],
  ])('%s', (_case, a, b, c) => {
    const head = 'region;år;metod;kön;ålder;anteckning';
    const rows = [a, b, c, a, b, c].map((r, i) => `${r};2014;KBT;K;30;${'n'.repeat(i * 7)}`);
    for (const eol of ['\n', '\r\n']) {
      const bytes = Buffer.from([head, ...rows, ...rows].join(eol) + eol);
      const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, kernel);
      if (fast) expect({ observations: fast.observations, rowsRead: fast.rowsRead }).toEqual(general(bytes));
    }
  });

  it.each([
    ['a quoted needed field', '"03 Upp\u0000sala"'],
    ['a quoted unused field', '"a\u0001b"'],
  ])('hands a control character in %s over to the general path, which rejects it as anywhere else', (_case, cell) => {
    // Past the sample, so the fast path is planned from clean rows and meets the character while counting.
    const clean = 'Uppsala;2014;KBT;K;30;"x"\n'.repeat(SAMPLE / 20);
    const odd = cell.includes('Upp') ? `${cell};2014;KBT;K;30;"x"\n` : `Uppsala;2014;KBT;K;30;${cell}\n`;
    const bytes = Buffer.from(`region;år;metod;kön;ålder;anteckning\n${clean}${odd}${clean}`);
    expect(JSON.stringify(general(bytes))).toMatch(/^\{"error":".*control character/);
    expect(loadRecordsFast(bytes, 'p.csv', regions, {}, kernel)).toBeUndefined();
    expect(loadRecordsFast(bytes, 'p.csv', regions, {})).toBeUndefined();
  });
});
