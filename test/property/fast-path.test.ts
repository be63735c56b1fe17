import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadRecordsFast, planFastPath } from '../../src/ingest/fast.js';
import { wholeAndInPieces, wholeAndSplit } from './chunked-counter.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { generalOutcome, type GeneralOutcome } from './outcomes.js';
import { scanKernel } from '../../src/parse/kernel-file.js';
import { runs } from '../helpers/tier.js';

/** The properties count thousands of tables: they take a while on a loaded machine. */
const SLOW = 120_000;

const regions = bundledRegions();
const names = regions.regions.flatMap((r) => r.names.slice(0, 4)).concat(['Riket']);

/** A record-level table written in one of the ways exports come: delimiter, quoting, CRLF, BOM, Latin-1. */
const table = fc.record({
  rows: fc.array(
    fc.record({
      region: fc.constantFrom(...names),
      year: fc.integer({ min: 2009, max: 2024 }),
      method: fc.constantFrom('KBT', 'IPT', 'MMR', 'kbt', 'Internet, KBT'),
      sex: fc.constantFrom('K', 'M', 'kvinnor', 'män', 'T'),
      age: fc.integer({ min: 16, max: 90 }),
      note: fc.constantFrom('', 'x', 'with, comma', 'two\nlines', 'say "hi"', 'Å;Ä'),
    }),
    { minLength: 1, maxLength: 60 },
  ),
  delimiter: fc.constantFrom(';', ',', '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  latin1: fc.boolean(),
  quoteAll: fc.boolean(),
  finalNewline: fc.boolean(),
  title: fc.boolean(),
});

type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;

function write(t: Table): Uint8Array {
  const q = (s: string) => (t.quoteAll || s.includes(t.delimiter) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s);
  const eol = t.crlf ? '\r\n' : '\n';
  const lines = [
    ...(t.title ? [q('Behandlingar per patient'), ''] : []),
    ['region', 'år', 'metod', 'kön', 'ålder', 'anteckning'].map(q).join(t.delimiter),
    ...t.rows.map((r) => [r.region, String(r.year), r.method, r.sex, String(r.age), r.note].map(q).join(t.delimiter)),
  ];
  const text = lines.join(eol) + (t.finalNewline ? eol : '');
  if (t.latin1) return iconv.encode(text, 'windows-1252');
  const utf8 = Buffer.from(text, 'utf8');
  return t.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

const general = (bytes: Uint8Array): GeneralOutcome => generalOutcome(bytes, regions);

// npm test builds dist/scan.wasm first; the properties hold with and without the WebAssembly kernel.
const kernel = scanKernel();
it('has the WebAssembly kernel to test (run npm run build first)', () => expect(kernel).toBeDefined());

describe.each([
  ['JavaScript', undefined],
  ['WebAssembly', kernel],
] as const)('fast record-level path (%s scanner)', (_name, k) => {
  it(
    "gives exactly the general path's counts on clean tables, however written",
    () => {
      fc.assert(
        fc.property(table, (t) => {
          const bytes = write(t);
          const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, k);
          const slow = general(bytes);
          expect(fast, 'the fast path should take a clean record-level table').toBeDefined();
          expect({ observations: fast!.observations, rowsRead: fast!.rowsRead }).toEqual(slow);
        }),
        { numRuns: runs(300) },
      );
    },
    SLOW,
  );

  it(
    'never disagrees when the input is damaged: it agrees or hands over',
    () => {
      const damage = fc.record({ at: fc.nat(), what: fc.constantFrom('\n\n', '\n', '"', ';', ',', 'Skone', '\u0000', '\r', 'Källa: SCB\n', '\u00ff\u00fe', '2014M01') });
      fc.assert(
        fc.property(table, fc.array(damage, { minLength: 1, maxLength: 3 }), (t, damages) => {
          let bytes = Buffer.from(write(t));
          for (const d of damages) {
            const at = d.at % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(d.what, t.latin1 ? 'latin1' : 'utf8'), bytes.subarray(at)]);
          }
          const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, k);
          if (fast) expect({ observations: fast.observations, rowsRead: fast.rowsRead }).toEqual(general(bytes));
        }),
        { numRuns: runs(400) },
      );
    },
    SLOW,
  );

  it(
    'does not depend on where the chunks are cut',
    () => {
      fc.assert(
        fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
          const bytes = write(t);
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, k);
          if (!start) return;
          const data = Buffer.from(bytes.subarray(start.dataOffset));
          const { whole, pieces } = wholeAndInPieces(start.plan, data, cuts);
          expect(pieces).toEqual(whole);
        }),
        { numRuns: runs(300) },
      );
    },
    SLOW,
  );

  it(
    'counted in two parts split at any byte (inside a quoted field, between CR and LF), gives the whole count or refuses',
    () => {
      fc.assert(
        fc.property(table, fc.nat(), (t, at) => {
          const bytes = write(t);
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, k);
          if (!start) return;
          const data = Buffer.from(bytes.subarray(start.dataOffset));
          const { whole, split } = wholeAndSplit(start.plan, data, at % (data.length + 1));
          if (split !== undefined) expect(split).toEqual(whole);
        }),
        { numRuns: runs(300, 8) },
      );
    },
    SLOW,
  );

  it(
    'counted in two parts split at a line start, as the CLI splits, gives the whole count, and refuses only a quoted line break there',
    () => {
      fc.assert(
        fc.property(table, fc.nat(), (t, at) => {
          const bytes = write(t);
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, k);
          if (!start) return;
          const data = Buffer.from(bytes.subarray(start.dataOffset));
          // No line break after the point: the CLI does not split.
          const lf = data.indexOf(0x0a, at % (data.length + 1));
          if (lf < 0) return;
          const { whole, split } = wholeAndSplit(start.plan, data, lf + 1);
          const quotedBreak = t.rows.some((r) => r.note.includes('\n'));
          if (!quotedBreak) expect(split, 'no quoted line break: the split stands').toBeDefined();
          if (split !== undefined) expect(split).toEqual(whole);
        }),
        { numRuns: runs(300, 8) },
      );
    },
    SLOW,
  );
});

describe.each([
  ['JavaScript', undefined],
  ['WebAssembly', kernel],
] as const)('line ends, quotes and odd bytes (%s scanner)', (_name, k) => {
  const head = 'region;år;metod;ålder;anteckning';
  const cases: [string, string][] = [
    // The second row repeats the first, so its values are known and the kernel, not JavaScript, meets the LF.
    ['a bare LF in a CRLF file', `${head}\r\nStockholm;2014;KBT;30;x\r\nStockholm;2014;KBT;30;x\nSkåne;2014;KBT;40;y\r\n`],
    ['a CRLF in an LF file', `${head}\nStockholm;2014;KBT;30;x\r\nUppsala;2014;KBT;40;y\n`],
    ['a lone CR inside a field', `${head}\nStockholm;2014;KBT;30;a\rb\nUppsala;2014;KBT;40;y\n`],
    ['a quote inside a field', `${head}\nStockholm;2014;KB"T;30;x\nUppsala;2014;KBT;40;y\n`],
    ['a quoted delimiter', `${head}\n"Stockholm";2014;KBT;30;"a;b"\nUppsala;2014;KBT;40;y\n`],
    ['a control character in an unused column', `${head}\nStockholm;2014;KBT;30;a\u0001b\nUppsala;2014;KBT;40;y\n`],
    ['a blank line in the middle', `${head}\nStockholm;2014;KBT;30;x\n\nUppsala;2014;KBT;40;y\n`],
    ['a short row', `${head}\nStockholm;2014;KBT;30;x\nUppsala;2014\n`],
    ['no line break at the end', `${head}\nStockholm;2014;KBT;30;x\nUppsala;2014;KBT;40;y`],
    ['a CR at the very end', `${head}\r\nStockholm;2014;KBT;30;x\r\nUppsala;2014;KBT;40;y\r`],
    ['the same value spelled two ways', `${head}\nStockholm;2014;KBT;30;x\n01 Stockholms län;2014;kbt;30;x\nSLL;2014; KBT ;30;x\n`],
    // Quoted spellings are learnt by the automata: a known quoted value, then the same with more after it.
    [
      'a known quoted value, then an escaped quote after it',
      `${head}\n"Stockholm";"2014";"KBT";"30";"x"\n"Stockholm";"2014";"KBT";"30";"x"\n"Stockholm""";"2014";"KBT";"30";"x"\n`,
    ],
    ['a known quoted value, then text after its closing quote', `${head}\n"Stockholm";2014;KBT;30;x\n"Stockholm";2014;KBT;30;x\n"Stockholm"s;2014;KBT;30;x\n`],
    ['a known quoted value, then the same cut short', `${head}\n"Stockholm";2014;KBT;30;x\n"Stockholm";2014;KBT;30;x\n"Stock;2014;KBT;30;x\n`],
    ['a known quoted value holding the delimiter', `${head}\n"Stockholm";2014;"KBT";30;x\n"Stockholm";2014;"KBT;x";30;x\n`],
    ['an unused quoted field with a line break', `${head}\nStockholm;2014;KBT;30;"x"\nStockholm;2014;KBT;30;"a\nb"\nUppsala;2014;KBT;40;"y"\n`],
    ['an unused quoted field with an escaped quote', `${head}\nStockholm;2014;KBT;30;"x"\nStockholm;2014;KBT;30;"a""b"\nUppsala;2014;KBT;40;"y"\n`],
    ['an unused quoted field with text after it', `${head}\nStockholm;2014;KBT;30;"x"\nStockholm;2014;KBT;30;"a"b\nUppsala;2014;KBT;40;"y"\n`],
    ['a quoted value last, without a line break', `${head}\nStockholm;2014;KBT;30;"x"\nStockholm;2014;KBT;"30";"x"`],
  ];
  it.each(cases)('%s: agrees with the general path or hands over', (_case, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, k);
    if (fast) expect({ observations: fast.observations, rowsRead: fast.rowsRead }).toEqual(general(bytes));
  });
  it('hands a bare LF in a CRLF file over (csv-parse reads it as data)', () => {
    expect(loadRecordsFast(Buffer.from(cases[0]![1]), 'p.csv', regions, {}, k)).toBeUndefined();
  });
  it('counts one value however it is spelled', () => {
    const fast = loadRecordsFast(Buffer.from(cases[10]![1]), 'p.csv', regions, {}, k);
    expect(fast?.observations.map((o) => [o.region, o.method, o.value])).toEqual([['01', 'KBT', 3]]);
  });
  it('counts more groups than the first count table holds (the kernel makes it bigger), in the general path order', () => {
    // 21 regions × 2 sexes × 100 ages = 4 200 groups, past the kernel's first 4 096 slots, each
    // counted twice (its second row read by the kernel), in an order that is not the groups'.
    const codes = regions.regions.map((r) => r.code);
    const rows: string[] = [];
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 4200; i++) {
        const g = (i * 1009) % 4200;
        rows.push(`${codes[g % 21]};2014;KBT;${Math.floor(g / 21) % 2 ? 'K' : 'M'};${Math.floor(g / 42)}`);
      }
    const bytes = Buffer.from(`region;år;metod;kön;ålder\n${rows.join('\n')}\n`);
    const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, k);
    expect(fast?.observations).toHaveLength(4200);
    expect({ observations: fast?.observations, rowsRead: fast?.rowsRead }).toEqual(general(bytes));
  });
});
