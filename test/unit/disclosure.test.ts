import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disclosedCells, suppressCells, type Relation } from '../../src/stats/disclosure.js';
import { roundCount } from '../../src/stats/round-count.js';
import { protectTable } from '../../src/domain/publish.js';
import { rankSpec } from '../../src/domain/publish-specs.js';
import type { CountCell } from '../../src/domain/select.js';
import type { ResultRow } from '../../src/render/model.js';
import { determinedByRank } from './helpers/determined.js';
import { runs } from '../helpers/tier.js';

/** A region × sex table with totals both ways, as `share --by sex` per region and Riket would print it. */
function twoWay(values: number[][]): { counts: Map<string, number>; relations: Relation[] } {
  const counts = new Map<string, number>();
  const relations: Relation[] = [];
  const cols = values[0]!.length;
  values.forEach((row, i) => {
    row.forEach((v, j) => counts.set(`r${i}c${j}`, v));
    counts.set(
      `r${i}T`,
      row.reduce((s, v) => s + v, 0),
    );
    relations.push({ total: `r${i}T`, parts: row.map((_, j) => `r${i}c${j}`), nonNegative: true });
  });
  for (let j = 0; j < cols; j++) {
    counts.set(
      `Rc${j}`,
      values.reduce((s, row) => s + row[j]!, 0),
    );
    relations.push({ total: `Rc${j}`, parts: values.map((_, i) => `r${i}c${j}`), nonNegative: true });
  }
  counts.set(
    'RT',
    [...counts].filter(([k]) => /^r\d+T$/.test(k)).reduce((s, [, v]) => s + v, 0),
  );
  relations.push({ total: 'RT', parts: values.map((_, i) => `r${i}T`), nonNegative: true });
  relations.push({ total: 'RT', parts: Array.from({ length: cols }, (_, j) => `Rc${j}`), nonNegative: true });
  return { counts, relations };
}

/** Counts skewed towards the small ones that need protecting. */
const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 400 }));

describe('disclosedCells', () => {
  it('finds a hidden cell that is the only unknown of a relation', () => {
    expect(disclosedCells([{ total: 'R', parts: ['a', 'b', 'c'] }], new Set(['a']))).toEqual(['a']);
    expect(disclosedCells([{ total: 'R', parts: ['a', 'b', 'c'] }], new Set(['a', 'b']))).toEqual([]);
  });

  it('finds a cell determined only by combining relations', () => {
    // Rows a+b=T1, c+d=T2; columns a+c=C1, b+d=C2. Hiding a, b, c leaves d shown: from the
    // second row c = T2 − d, then a = C1 − c, then b = T1 − a — each relation alone has two unknowns.
    const relations: Relation[] = [
      { total: 'T1', parts: ['a', 'b'] },
      { total: 'T2', parts: ['c', 'd'] },
      { total: 'C1', parts: ['a', 'c'] },
      { total: 'C2', parts: ['b', 'd'] },
    ];
    expect(disclosedCells(relations, new Set(['a', 'b', 'c'])).sort()).toEqual(['a', 'b', 'c']);
    // The classic safe pattern: a rectangle of four hidden cells.
    expect(disclosedCells(relations, new Set(['a', 'b', 'c', 'd']))).toEqual([]);
  });

  it('agrees with the rank test on random relation systems', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const relation = fc
      .record({ total: fc.constantFrom(...ids), parts: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 4 }) })
      .filter((r) => !r.parts.includes(r.total));
    fc.assert(
      fc.property(fc.array(relation, { minLength: 1, maxLength: 6 }), fc.uniqueArray(fc.constantFrom(...ids)), (relations, hiddenList) => {
        const hidden = new Set(hiddenList);
        expect(disclosedCells(relations, hidden).sort()).toEqual(determinedByRank(relations, hidden).sort());
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('suppressCells', () => {
  it('hides a small region and one more, so Riket minus the others does not give it away', () => {
    const counts = new Map<string, number | null>([
      ['R', 1003],
      ['a', 3],
      ['b', 400],
      ['c', 600],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'R', parts: ['a', 'b', 'c'], nonNegative: true }], threshold: 5 });
    expect([...r.primary]).toEqual(['a']);
    expect([...r.secondary]).toEqual(['b']); // the smaller of the two that could protect it
  });

  it('hides a third cell when two hidden parts would add up to less than the threshold', () => {
    // 0 and 0 hidden under a shown total: the sum 0 tells both.
    const counts = new Map<string, number | null>([
      ['R', 300],
      ['a', 0],
      ['b', 0],
      ['c', 100],
      ['d', 200],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'R', parts: ['a', 'b', 'c', 'd'], nonNegative: true }], threshold: 5 });
    expect([...r.primary].sort()).toEqual(['a', 'b']);
    expect([...r.secondary]).toEqual(['c']);
  });

  it('hides nothing with threshold 0, and counts of exactly the threshold stay', () => {
    const counts = new Map<string, number | null>([
      ['R', 5],
      ['a', 0],
      ['b', 5],
    ]);
    const relations = [{ total: 'R', parts: ['a', 'b'], nonNegative: true }];
    expect(suppressCells({ counts, relations, threshold: 0 }).hidden.size).toBe(0);
    expect([...suppressCells({ counts, relations, threshold: 1 }).primary]).toEqual(['a']);
  });

  it('hides a derived cell with its count: change = end − base', () => {
    const counts = new Map<string, number | null>([
      ['base', 200],
      ['end', 3],
    ]);
    const r = suppressCells({
      counts,
      relations: [{ total: 'end', parts: ['base', 'change'] }],
      threshold: 5,
      derived: new Map([
        ['end', ['change']],
        ['base', ['change']],
      ]),
    });
    expect([...r.hidden].sort()).toEqual(['change', 'end']);
  });

  it('property: on random two-way tables, every small count is hidden and no hidden cell can be worked out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((cols) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 6 })),
        fc.integer({ min: 1, max: 10 }),
        (values, threshold) => {
          const { counts, relations } = twoWay(values);
          const { hidden, primary } = suppressCells({ counts, relations, threshold });
          for (const [id, v] of counts) if (v < threshold) expect(primary.has(id)).toBe(true);
          // The whole linear system: nothing hidden is determined (checked by the independent rank test).
          expect(determinedByRank(relations, hidden)).toEqual([]);
          // The per-relation property: no hidden cell is the only unknown of a printed relation.
          for (const rel of relations) expect([rel.total, ...rel.parts].filter((c) => hidden.has(c)).length).not.toBe(1);
          // And where the total is shown, the hidden parts together are not small.
          for (const rel of relations) {
            const hiddenParts = rel.parts.filter((p) => hidden.has(p));
            if (!hidden.has(rel.total) && hiddenParts.length) expect(hiddenParts.reduce((s, p) => s + counts.get(p)!, 0)).toBeGreaterThanOrEqual(threshold);
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('property: growth tables (base, end, change per region and Riket) leak nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(count, count), { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 10 }), (rows, threshold) => {
        const counts = new Map<string, number | null>();
        const relations: Relation[] = [];
        const derived = new Map<string, string[]>();
        rows.forEach(([b, e], i) => {
          counts.set(`b${i}`, b);
          counts.set(`e${i}`, e);
          derived.set(`b${i}`, [`d${i}`]);
          derived.set(`e${i}`, [`d${i}`]);
          relations.push({ total: `e${i}`, parts: [`b${i}`, `d${i}`] });
        });
        counts.set(
          'bR',
          rows.reduce((s, [b]) => s + b, 0),
        );
        counts.set(
          'eR',
          rows.reduce((s, [, e]) => s + e, 0),
        );
        derived.set('bR', ['dR']);
        derived.set('eR', ['dR']);
        relations.push({ total: 'eR', parts: ['bR', 'dR'] });
        relations.push({ total: 'bR', parts: rows.map((_, i) => `b${i}`), nonNegative: true });
        relations.push({ total: 'eR', parts: rows.map((_, i) => `e${i}`), nonNegative: true });
        relations.push({ total: 'dR', parts: rows.map((_, i) => `d${i}`) });
        const { hidden } = suppressCells({ counts, relations, threshold, derived });
        for (const [id, v] of counts) if (v !== null && v < threshold) expect(hidden.has(id)).toBe(true);
        expect(determinedByRank(relations, hidden)).toEqual([]);
        for (const rel of relations) expect([rel.total, ...rel.parts].filter((c) => hidden.has(c)).length).not.toBe(1);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('roundCount', () => {
  it('rounds to the nearest multiple, halves up', () => {
    expect([0, 2, 3, 7, 8, 12, 13, 1234].map((v) => roundCount(v, 5))).toEqual([0, 0, 5, 5, 10, 10, 15, 1235]);
    expect(roundCount(17, 10)).toBe(20);
    expect(roundCount(17, 1)).toBe(17);
    expect(roundCount(17, 0)).toBe(17);
    expect(() => roundCount(17, -5)).toThrow();
  });
});

describe('protectTable on a ranking', () => {
  it('property: small counts and all derived from them hidden, the rest ranked without gaps, hidden rows last', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 3, maxLength: 21 }), fc.integer({ min: 1, max: 10 }), (values, threshold) => {
        const counts = new Map<string, CountCell>(values.map((v, i) => [String(i + 1).padStart(2, '0'), { value: v, lines: [] }]));
        // Rates on equal populations, so the rate order is the count order; ranks as competition ranks.
        const sorted = [...counts].sort((a, b) => b[1].value! - a[1].value! || a[0].localeCompare(b[0]));
        const rows: ResultRow[] = sorted.map(([code, c]) => ({
          rank: 1 + sorted.filter(([, o]) => o.value! > c.value!).length,
          region_code: code,
          region: `R${code}`,
          count: c.value,
          population: 1000,
          rate: c.value,
          rate_lower: 0,
          rate_upper: 1,
          vs_national: 'similar',
          note: '',
        }));
        const national: ResultRow = {
          rank: null,
          region_code: '00',
          region: 'Riket',
          count: values.reduce((s, v) => s + v, 0),
          population: 1000 * values.length,
          rate: 1,
          rate_lower: 0,
          rate_upper: 1,
          vs_national: null,
          note: '',
        };
        const table = protectTable({ columns: [], rows, apart: [national], notes: [] }, rankSpec(rows, counts), { suppress: threshold, roundTo: 0 });
        const all = [...table.rows, national];
        for (const r of table.rows) {
          const truth = counts.get(r.region_code as string)!.value!;
          if (truth < threshold) expect(r.count_status).toBe('suppressed-primary');
          if (r.count === null) expect([r.rate, r.rank, r.vs_national]).toEqual([null, null, null]);
          else expect(r.count).toBe(truth);
        }
        // The relation Riket = Σ regions, over the cells actually hidden: nothing determined.
        const hidden = new Set(all.flatMap((r) => (r.count === null ? [r.region_code as string] : [])));
        expect(determinedByRank([{ total: '00', parts: table.rows.map((r) => r.region_code as string) }], hidden)).toEqual([]);
        // Ranks among the shown rows: competition ranks of their counts, no gaps left by hidden rows.
        const shown = table.rows.filter((r) => r.count !== null);
        for (const r of shown) expect(r.rank).toBe(1 + shown.filter((o) => (o.count as number) > (r.count as number)).length);
        const firstHidden = table.rows.findIndex((r) => r.count === null);
        if (firstHidden >= 0) expect(table.rows.slice(firstHidden).every((r) => r.count === null)).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});
