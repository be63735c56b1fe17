import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/ingest/load.js';
import { loadRecordsFast, planFastPath } from '../../src/ingest/fast.js';
import type { ReadOptions } from '../../src/ingest/options.js';
import { RehabError } from '../../src/errors.js';
import { wholeAndInPieces } from './chunked-counter.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { scanKernel } from '../../src/parse/kernel-file.js';
import type { WasmModule } from '../../src/parse/kernel.js';
import { runs } from '../helpers/tier.js';

/** The properties count thousands of tables: they take a while on a loaded machine. */
const SLOW = 120_000;

/**
 * Aggregated tables (counts by region, year, method, sex and age; long, years as columns,
 * methods as columns) on the fast path: the same observations as the general path, or a hand
 * over to it — never a different answer, never a different error.
 */
const regions = bundledRegions();
const spellings = regions.regions.map((r) => r.names.slice(0, 3));
const METHODS = ['KBT', 'IPT', 'MMR', 'kbt'];
const SEXES = ['K', 'M', 'kvinnor', 'män', 'T'];
const SEX_MEANING: Record<string, string> = { K: 'w', kvinnor: 'w', M: 'm', män: 'm', T: 't' };

const group = fc.record({
  region: fc.nat({ max: spellings.length - 1 }),
  spelling: fc.nat({ max: 2 }),
  year: fc.integer({ min: 2012, max: 2016 }),
  method: fc.constantFrom(...METHODS),
  sex: fc.constantFrom(...SEXES),
  age: fc.constantFrom('16', '34', '67', '16-67', 'totalt'),
});
type Group = typeof group extends fc.Arbitrary<infer T> ? T : never;
const meaning = (g: Group, withYear: boolean, withMethod: boolean) =>
  `${g.region}|${withYear ? g.year : ''}|${withMethod ? g.method.toUpperCase() : ''}|${SEX_MEANING[g.sex]}|${g.age}`;

const layout = fc.constantFrom('long', 'wide-years', 'wide-methods');
const style = fc.record({
  delimiter: fc.constantFrom(';', ',', '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  latin1: fc.boolean(),
  finalNewline: fc.boolean(),
});
const count = fc.nat({ max: 2_000_000 }).map(String);

type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;

function write(kind: string, groups: Group[], counts: string[][], s: Style): Uint8Array {
  const q = (t: string) => (t.includes(s.delimiter) || t.includes('"') ? `"${t.replace(/"/g, '""')}"` : t);
  const head =
    kind === 'long'
      ? ['region', 'år', 'metod', 'kön', 'ålder', 'antal']
      : kind === 'wide-years'
        ? ['region', 'metod', 'kön', 'ålder', '2013', '2014']
        : ['region', 'år', 'kön', 'ålder', 'KBT', 'IPT'];
  const rows = groups.map((g, i) => {
    const dims =
      kind === 'long'
        ? [spellings[g.region]![g.spelling] ?? spellings[g.region]![0]!, String(g.year), g.method, g.sex, g.age]
        : kind === 'wide-years'
          ? [spellings[g.region]![0]!, g.method, g.sex, g.age]
          : [spellings[g.region]![0]!, String(g.year), g.sex, g.age];
    return [...dims, ...counts[i]!.slice(0, kind === 'long' ? 1 : 2)].map(q).join(s.delimiter);
  });
  const eol = s.crlf ? '\r\n' : '\n';
  const text = [head.join(s.delimiter), ...rows].join(eol) + (s.finalNewline ? eol : '');
  if (s.latin1) return iconv.encode(text, 'windows-1252');
  const utf8 = Buffer.from(text, 'utf8');
  return s.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

function general(bytes: Uint8Array, opts: ReadOptions) {
  try {
    const t = loadTable(bytes, 'p.csv', 'count', regions, opts);
    return { observations: t.observations, rowsRead: t.rowsRead, missing: t.missing };
  } catch (e) {
    if (e instanceof RehabError) return { error: e.message };
    throw e;
  }
}
// npm test builds dist/scan.wasm first; every property holds with the WebAssembly kernel and without it.
const kernel = scanKernel();
let k: WasmModule | undefined;
const fastOf = (bytes: Uint8Array, opts: ReadOptions) => {
  const t = loadRecordsFast(bytes, 'p.csv', regions, opts, k);
  return t && { observations: t.observations, rowsRead: t.rowsRead, missing: t.missing };
};

/** Groups that differ in meaning (so a clean table has no duplicates), with two counts each. */
const clean = layout.chain((kind) =>
  fc
    .tuple(fc.constant(kind), fc.uniqueArray(group, { minLength: 1, maxLength: 60, selector: (g) => meaning(g, kind !== 'wide-years', kind !== 'wide-methods') }), style)
    .chain(([k, gs, s]) =>
      fc.tuple(
        fc.constant(k),
        fc.constant(gs),
        fc.array(
          fc.tuple(count, count).map((c) => [...c]),
          { minLength: gs.length, maxLength: gs.length },
        ),
        fc.constant(s),
      ),
    ),
);

it('has the WebAssembly kernel to test (run npm run build first)', () => expect(kernel).toBeDefined());

describe.each([
  ['JavaScript', undefined],
  ['WebAssembly', kernel],
] as const)('fast path on aggregated tables (%s scanner)', (_name, scanner) => {
  beforeEach(() => {
    k = scanner;
  });

  it(
    "gives exactly the general path's observations on clean tables of every layout",
    () => {
      fc.assert(
        fc.property(clean, ([kind, groups, counts, s]) => {
          const bytes = write(kind, groups, counts, s);
          const fast = fastOf(bytes, {});
          expect(fast, 'the fast path should take a clean aggregated table').toBeDefined();
          expect(fast).toEqual(general(bytes, {}));
        }),
        { numRuns: runs(300) },
      );
    },
    SLOW,
  );

  it(
    'agrees or hands over on anything else: duplicates, missing markers, odd numbers, damage',
    () => {
      const odd = fc.oneof(count, fc.constantFrom('..', '.', '', '-', '1 234', '12,5', '-3', '007', ' 5', '"7"', '1e3', '99999999999999999', 'x'));
      const anyGroups = layout.chain((kind) =>
        fc.tuple(fc.constant(kind), fc.array(group, { minLength: 1, maxLength: 40 }), style).chain(([k, gs, s]) =>
          fc.tuple(
            fc.constant(k),
            fc.constant(gs),
            fc.array(
              fc.tuple(odd, odd).map((c) => [...c]),
              { minLength: gs.length, maxLength: gs.length },
            ),
            fc.constant(s),
          ),
        ),
      );
      const damage = fc.record({ at: fc.nat(), what: fc.constantFrom('\n\n', '\n', '"', ';', ',', 'Skone', '\u0000', '\r', 'Källa: SCB\n', '2014M01', ';;') });
      fc.assert(
        fc.property(anyGroups, fc.array(damage, { maxLength: 2 }), fc.boolean(), ([kind, groups, counts, s], damages, sum) => {
          let bytes = Buffer.from(write(kind, groups, counts, s));
          for (const d of damages) {
            const at = d.at % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(d.what, s.latin1 ? 'latin1' : 'utf8'), bytes.subarray(at)]);
          }
          const opts = sum ? { sumDuplicates: true } : {};
          const fast = fastOf(bytes, opts);
          if (fast) expect(fast).toEqual(general(bytes, opts));
        }),
        { numRuns: runs(500) },
      );
    },
    SLOW,
  );

  it(
    'with keep, makes objects of exactly the kept methods and years, and gives all observations as columns',
    () => {
      const selection = fc.record({ methods: fc.subarray(['KBT', 'IPT', 'MMR', 'DBT']), years: fc.subarray([2012, 2013, 2014, 2015, 2016]) });
      fc.assert(
        fc.property(clean, selection, ([kind, groups, counts, s], sel) => {
          const bytes = write(kind, groups, counts, s);
          const keep = (m: string, y: number) => sel.methods.includes(m) && sel.years.includes(y);
          const t = loadRecordsFast(bytes, 'p.csv', regions, { keep }, k);
          const all = loadTable(bytes, 'p.csv', 'count', regions, {}).observations;
          expect(t).toBeDefined();
          expect(t!.observations).toEqual(all.filter((o) => keep(o.method, o.year)));
          // All of them, in the general path's order (each a reused object: copied here) …
          expect(Array.from(t!.all ?? [], (o) => ({ ...o }))).toEqual(all);
          // … and as columns of ids.
          const cols = t!.all!;
          const ids = new Int32Array(5);
          const d = cols.dictionaries;
          expect(
            Array.from({ length: cols.size }, (_, i) => (cols.ids(i, ids), [d.region[ids[0]!], d.year[ids[1]!], d.method[ids[2]!], d.sex[ids[3]!], d.age[ids[4]!], cols.value(i)])),
          ).toEqual(all.map((o) => [o.region, o.year, o.method, o.sex, o.age, o.value]));
        }),
        { numRuns: runs(300) },
      );
    },
    SLOW,
  );

  it('sums repeated groups with --sum-duplicates, as the general path does', () => {
    const text = 'region;år;metod;kön;ålder;antal\nStockholm;2014;KBT;K;34;5\nUppsala;2014;KBT;K;34;1\n01 Stockholms län;2014;kbt;kvinnor;34;7\n';
    const bytes = Buffer.from(text);
    const fast = fastOf(bytes, { sumDuplicates: true });
    expect(fast?.observations.map((o) => [o.region, o.value, o.line])).toEqual([
      ['01', 12, 2],
      ['03', 1, 3],
    ]);
    expect(fast).toEqual(general(bytes, { sumDuplicates: true }));
    // Without the option the general path reports the second row: the fast path hands over.
    expect(fastOf(bytes, {})).toBeUndefined();
    expect(general(bytes, {})).toHaveProperty('error');
  });

  it(
    'does not depend on where the chunks are cut',
    () => {
      fc.assert(
        fc.property(clean, fc.array(fc.nat(), { maxLength: 8 }), ([kind, groups, counts, s], cuts) => {
          const bytes = write(kind, groups, counts, s);
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, k);
          if (!start) return;
          const data = Buffer.from(bytes.subarray(start.dataOffset));
          const { whole, pieces } = wholeAndInPieces(start.plan, data, cuts);
          expect(pieces).toEqual(whole);
        }),
        { numRuns: runs(200) },
      );
    },
    SLOW,
  );
});
