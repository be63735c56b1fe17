import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastTable, loadRecordsFast, planFastPath } from '../../src/ingest/fast.js';
import { inLineOrder, RecordCounter, uninterpreted } from '../../src/parse/fast-records.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { LAYOUT, ScanKernel } from '../../src/parse/kernel.js';
import { scanKernel } from '../../src/parse/kernel-file.js';
import { generalOutcome } from './outcomes.js';
import { wholeAndInPieces } from './chunked-counter.js';
import { runs } from '../helpers/tier.js';

/**
 * The kernel's count table (src/parse/scan.wat): dense — one count per combination of ids,
 * widened column by column as new values come — while the columns' ids fit in 20 bits
 * together, a hash table past that. Files whose columns have few or many distinct values,
 * learnt early or late, counted whole, in pieces and in two parts: always the general path's
 * observations. And the table itself against a plain Map.
 */
const regions = bundledRegions();
const kernel = scanKernel();
const SLOW = 120_000;

const REGION_NAMES = regions.regions.map((r) => r.names[0] ?? r.code);
const METHODS = ['KBT', 'IPT', 'MMR', 'PDT', 'DBT', 'ACT', 'EMDR', 'Internet, KBT'];
const SEXES = ['K', 'M', 'T'];
/** Other spellings of the same values: a part counted apart has an id for each, which the merge maps to one. */
const spelt = (text: string, variant: number): string => {
  const region = regions.regions.find((r) => r.names[0] === text);
  if (region) return region.names[variant % region.names.length] ?? text;
  if (METHODS.includes(text)) return variant % 2 ? text.toLowerCase() : text;
  if (text === 'K' || text === 'M') return variant % 2 ? (text === 'K' ? 'kvinnor' : 'män') : text;
  return text;
};

/** How many distinct values each column takes (from its list, in order) and the rows, each an index into every column's values. */
const spec = fc
  .record({
    regions: fc.integer({ min: 1, max: REGION_NAMES.length }),
    years: fc.integer({ min: 1, max: 60 }),
    methods: fc.integer({ min: 1, max: METHODS.length }),
    sexes: fc.integer({ min: 1, max: SEXES.length }),
    ages: fc.integer({ min: 1, max: 121 }),
    // rows that bring values late: the dense table widens mid-file (and may turn into a hash table)
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 400, size: 'max' }),
    repeat: fc.integer({ min: 1, max: 4 }),
    lateAll: fc.boolean(),
  })
  .map((s) => {
    const rows: string[] = [];
    const row = (r: number, y: number, m: number, x: number, a: number, v = 0) =>
      `${spelt(REGION_NAMES[r % s.regions] ?? '', v)};${1960 + (y % s.years)};${spelt(METHODS[m % s.methods] ?? '', v)};${spelt(SEXES[x % s.sexes] ?? '', v)};${a % s.ages}`;
    for (let k = 0; k < s.repeat; k++) for (const [r, y, m, x, a, v] of s.picks) rows.push(row(r, y, m, x, a, v));
    // every value of every column at least once, at the end (the table's widest) or the start
    const all = Array.from({ length: Math.max(s.regions, s.years, s.methods, s.sexes, s.ages) }, (_, i) => row(i, i, i, i, i));
    return Buffer.from(['region;år;metod;kön;ålder', ...(s.lateAll ? [...rows, ...all] : [...all, ...rows])].join('\n') + '\n');
  });

describe('the count table, dense and hashed', () => {
  it('has the WebAssembly kernel to test (run npm run build first)', () => expect(kernel).toBeDefined());

  it(
    "gives the general path's observations however many values each column has, met early or late",
    () => {
      fc.assert(
        fc.property(spec, (bytes) => {
          const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, kernel);
          expect(fast, 'the fast path should take a clean record-level table').toBeDefined();
          expect({ observations: fast?.observations, rowsRead: fast?.rowsRead }).toEqual(generalOutcome(bytes, regions));
        }),
        { numRuns: runs(150) },
      );
    },
    SLOW,
  );

  it(
    "gives the general path's observations in two parts at any line (the second counted apart, in other spellings, and merged) and in pieces",
    () => {
      fc.assert(
        fc.property(spec, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (bytes, cuts, at) => {
          const start = planFastPath(bytes, true, 'p.csv', regions, {}, kernel);
          expect(start).toBeDefined();
          if (!start) return;
          const general = generalOutcome(bytes, regions);
          const data = bytes.subarray(start.dataOffset);
          const lf = data.indexOf(0x0a, at % data.length);
          const before = new RecordCounter(start.plan);
          before.push(data.subarray(0, lf + 1));
          const after = new RecordCounter({ ...uninterpreted(start.plan), firstLine: 0 });
          after.push(data.subarray(lf + 1), true);
          const part = after.part();
          expect(part.ok && before.absorb(part.part)).toBe(true);
          const table = fastTable(start, before.result());
          expect({ observations: table?.observations, rowsRead: table?.rowsRead }).toEqual(general);
          const { whole, pieces } = wholeAndInPieces(start.plan, data, cuts);
          expect(pieces).toEqual(whole);
        }),
        { numRuns: runs(100) },
      );
    },
    SLOW,
  );

  it('rows cut anywhere — a new value learnt from the first piece of a row, the row counted from the next — count alike', () => {
    // each row brings a new age (or region, year): cut inside it, the kernel meets the new id before any row with it was counted
    const lines = ['region;år;metod;kön;ålder'];
    for (let i = 0; i < 150; i++) lines.push(`${REGION_NAMES[i % REGION_NAMES.length]};${1960 + (i % 50)};${METHODS[i % 3]};${SEXES[i % 2]};${i % 121}`);
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const start = planFastPath(bytes, true, 'p.csv', regions, {}, kernel);
    expect(start).toBeDefined();
    if (!start) return;
    const data = bytes.subarray(start.dataOffset);
    for (let step = 3; step < 40; step += 6) {
      const cuts = Array.from({ length: Math.floor(data.length / step) }, (_, i) => i * step + (step >> 1));
      const { whole, pieces } = wholeAndInPieces(start.plan, data, cuts);
      expect(pieces).toEqual(whole);
    }
    const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, kernel);
    expect({ observations: fast?.observations, rowsRead: fast?.rowsRead }).toEqual(generalOutcome(bytes, regions));
  });

  it("a file whose columns' ids need more than 20 bits together (a hash table) counts as the general path does", () => {
    // 21 regions (5 bits), 60 years and the default (6), 8 methods and the default (4), 3 sexes and the default (2), 121 ages and the default (7): 24 bits
    const lines = ['region;år;metod;kön;ålder'];
    for (let i = 0; i < 2000; i++)
      lines.push(`${REGION_NAMES[(i * 7) % REGION_NAMES.length]};${1960 + ((i * 13) % 60)};${METHODS[i % METHODS.length]};${SEXES[i % 3]};${(i * 17) % 121}`);
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const fast = loadRecordsFast(bytes, 'p.csv', regions, {}, kernel);
    expect({ observations: fast?.observations, rowsRead: fast?.rowsRead }).toEqual(generalOutcome(bytes, regions));
  });
});

describe('ScanKernel count table against a Map', () => {
  const settings = { delimiter: 59, crlf: false, maxField: 4, needed: 5, width: 5, valueColumns: 0, maxRowBytes: 10_000 };
  const keyOf = (ids: readonly number[]) => ids.reduce((k, id) => k * 1024 + id, 0);
  /** Adds to the table as the counter does: when it is full, it grows once and the group goes in. */
  const putGrowing = (k: ScanKernel, key: number, n: number, line: number) => {
    if (!k.put(key, n, line)) {
      expect(k.growCounts()).toBe(true);
      expect(k.put(key, n, line)).toBe(true);
    }
  };
  /** The table's groups by key. */
  const countsOf = (k: ScanKernel) => {
    const { keys, values, lines, size } = k.counts();
    const got = new Map<number, { count: number; line: number }>();
    for (let i = 0; i < size; i++) got.set(keys[i] ?? -1, { count: values[i] ?? 0, line: lines[i] ?? 0 });
    return got;
  };

  it('keeps every count and first line through widening, and into a hash table', () => {
    if (!kernel) return;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 40 }),
            fc.integer({ min: 0, max: 70 }),
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 130 }),
          ),
          {
            minLength: 1,
            maxLength: 3000,
          },
        ),
        (rows) => {
          const k = new ScanKernel(kernel, settings);
          // ids are given out as they are met, as the counter's value tables do
          const sizes = [0, 0, 0, 0, 0];
          k.countRows(() => sizes);
          const expected = new Map<number, { count: number; line: number }>();
          rows.forEach((ids, line) => {
            ids.forEach((id, c) => (sizes[c] = Math.max(sizes[c] ?? 0, id + 1)));
            const key = keyOf(ids);
            putGrowing(k, key, 1, line);
            const e = expected.get(key);
            expected.set(key, { count: (e?.count ?? 0) + 1, line: e?.line ?? line });
          });
          const got = countsOf(k);
          k.release();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it("merges a part's groups in any order, its ids mapped (two to one as well), each group keeping its earliest line", () => {
    if (!kernel) return;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 2 }),
            fc.integer({ min: 0, max: 140 }),
          ),
          {
            maxLength: 300,
          },
        ),
        fc.array(fc.tuple(fc.array(fc.nat({ max: 40 }), { minLength: 5, maxLength: 5 }), fc.integer({ min: 1, max: 5 }), fc.nat({ max: 100_000 })), {
          maxLength: 2000,
          size: 'max',
        }),
        // few ids to map to: many of the part's groups become one (ids up to 140 come from `own`)
        fc.array(fc.array(fc.nat({ max: 4 }), { minLength: 41, maxLength: 41 }), { minLength: 5, maxLength: 5 }),
        (own, partRows, mapsAsArrays) => {
          const k = new ScanKernel(kernel, settings);
          const sizes = [0, 0, 0, 0, 0];
          k.countRows(() => sizes);
          const expected = new Map<number, { count: number; line: number }>();
          const add = (ids: readonly number[], n: number, line: number) => {
            ids.forEach((id, c) => (sizes[c] = Math.max(sizes[c] ?? 0, id + 1)));
            const e = expected.get(keyOf(ids));
            expected.set(keyOf(ids), { count: (e?.count ?? 0) + n, line: Math.min(e?.line ?? Infinity, line) });
          };
          own.forEach((ids, line) => {
            add(ids, 1, line);
            putGrowing(k, keyOf(ids), 1, line);
          });
          // the part's groups: distinct keys, in the order given (not by line), lines after `own`'s
          const seen = new Set<number>();
          const groups = partRows.filter(([ids]) => !seen.has(keyOf(ids)) && seen.add(keyOf(ids)));
          const maps = mapsAsArrays.map((m) => Int32Array.from(m));
          const offset = own.length;
          for (const [ids, n, line] of groups)
            add(
              ids.map((id, c) => maps[c]?.[id] ?? -1),
              n,
              line + offset,
            );
          const keys = Float64Array.from(groups, ([ids]) => keyOf(ids));
          expect(
            k.merge(
              keys,
              Float64Array.from(groups, ([, n]) => n),
              Float64Array.from(groups, ([, , line]) => line),
              groups.length,
              maps,
              offset,
            ),
          ).toBe(true);
          const got = countsOf(k);
          k.release();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('gives its groups in order of first line, sorted in the kernel, lines small and up to 2^53', () => {
    if (!kernel) return;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 300 })), {
          selector: ([r, y, a]) => keyOf([r, y, 0, 0, a]),
          maxLength: 3000,
          size: 'max',
        }),
        fc.oneof(fc.constant(1), fc.constant(2 ** 20), fc.constant(2 ** 38)),
        (groups, scale) => {
          const k = new ScanKernel(kernel, settings);
          const sizes = [21, 8, 1, 1, 301];
          k.countRows(() => sizes);
          // distinct lines, falling, spread to reach the high bits (below 2^53: 3000 × 8 × 2^38)
          const lines = groups.map((_, i) => (groups.length - i) * 8 * scale + (i % 7));
          groups.forEach(([r, y, a], i) => {
            putGrowing(k, keyOf([r, y, 0, 0, a]), i + 1, lines[i] ?? 0);
          });
          const expected = groups
            .map(([r, y, a], i) => [keyOf([r, y, 0, 0, a]), i + 1, lines[i] ?? 0] as const)
            .sort((x, y) => x[2] - y[2])
            .map(([key, n, line]) => [key, n, line]);
          const sorted = k.countsByLine();
          k.release();
          expect(sorted).toBeDefined();
          if (!sorted) return;
          expect(Array.from({ length: sorted.size }, (_, i) => [sorted.keys[i], sorted.values[i], sorted.lines[i]])).toEqual(expected);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('a merged id that maps to none is refused', () => {
    if (!kernel) return;
    const k = new ScanKernel(kernel, settings);
    k.countRows(() => [1, 1, 1, 1, 1]);
    const maps = [Int32Array.of(0), Int32Array.of(0), Int32Array.of(0), Int32Array.of(0), Int32Array.of(0, -1)];
    expect(k.merge(Float64Array.of(keyOf([0, 0, 0, 0, 0])), Float64Array.of(1), Float64Array.of(0), 1, maps, 0)).toBe(true);
    expect(k.merge(Float64Array.of(keyOf([0, 0, 0, 0, 1])), Float64Array.of(1), Float64Array.of(0), 1, maps, 0)).toBe(false);
    expect(k.merge(Float64Array.of(keyOf([0, 0, 0, 0, 2])), Float64Array.of(1), Float64Array.of(0), 1, maps, 0)).toBe(false);
    k.release();
  });

  it('the dense table has room for 2^20 combinations: one id more turns it into a hash table, which keeps the counts', () => {
    if (!kernel) return;
    const k = new ScanKernel(kernel, settings);
    /** Adds, making room once when the table says it is full. */
    const add = (ids: readonly number[], n: number, line: number) => {
      if (k.put(keyOf(ids), n, line)) return;
      expect(k.growCounts()).toBe(true);
      expect(k.put(keyOf(ids), n, line)).toBe(true);
    };
    // 4 + 4 + 4 + 4 + 4 bits: 2^20 combinations, dense
    const sizes = [16, 16, 16, 16, 16];
    k.countRows(() => sizes);
    [
      [15, 15, 15, 15, 15],
      [0, 0, 0, 0, 0],
      [3, 1, 4, 1, 5],
    ].forEach((ids, line) => add(ids, line + 1, line));
    expect(LAYOUT.DENSE_MAX_BITS).toBe(20);
    expect(k.countTable).toBe('dense');
    // a 17th age: 21 bits
    sizes[4] = 17;
    add([2, 7, 1, 8, 16], 9, 3);
    expect(k.countTable).toBe('hashed');
    add([3, 1, 4, 1, 5], 1, 4);
    const { keys, values, lines, size } = k.counts();
    const got = Array.from({ length: size }, (_, i) => [keys[i], values[i], lines[i]]).sort((a, b) => (a[2] ?? 0) - (b[2] ?? 0));
    k.release();
    expect(got).toEqual([
      [keyOf([15, 15, 15, 15, 15]), 1, 0],
      [keyOf([0, 0, 0, 0, 0]), 2, 1],
      [keyOf([3, 1, 4, 1, 5]), 4, 2],
      [keyOf([2, 7, 1, 8, 16]), 9, 3],
    ]);
  });
});

describe('groups put in order of first line (inLineOrder)', () => {
  it('are in the order a plain sort by line gives, with each key and count kept to its line, lines up to 2^53 among them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2 ** 32, max: 2 ** 53 - 1 })), { minLength: 1, maxLength: 300 }), (lines) => {
        const size = lines.length;
        const keys = Float64Array.from(lines, (_, i) => i * 7 + 3);
        const values = Float64Array.from(lines, (_, i) => i + 1);
        const got = inLineOrder(keys, values, Float64Array.from(lines), size);
        const expected = lines.map((line, i) => ({ line, key: i * 7 + 3, value: i + 1 })).sort((a, b) => a.line - b.line);
        expect(Array.from({ length: size }, (_, j) => ({ line: got.lines[j], key: got.keys[j], value: got.values[j] }))).toEqual(expected);
      }),
      { numRuns: runs(300, 20) },
    );
  });
});
