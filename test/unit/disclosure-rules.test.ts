import { describe, expect, it } from 'vitest';
import { reducedRowEchelon, suppressCells, type Relation } from '../../src/stats/disclosure.js';

/**
 * The rules of disclosure control on tables small enough to work out by hand: the elimination's
 * row operations and their scaling, which relations count as concerned, the order in which
 * candidates are picked, and the wider search when a concerned relation has nothing left to hide.
 */

describe('reducedRowEchelon: fraction-free Gauss–Jordan, each changed row divided by its gcd', () => {
  it('scales a row to clear the pivot column, then divides it by the gcd of its entries', () => {
    // [2 1; 1 1]: row 2 ← 2·row 2 − 1·row 1 = [0 1]; row 1 ← 1·row 1 − 1·row 2 = [2 0] → ÷2 = [1 0]
    expect(
      reducedRowEchelon(
        [
          [2n, 1n],
          [1n, 1n],
        ],
        2,
      ),
    ).toEqual([
      [1n, 0n],
      [0n, 1n],
    ]);
    // [2 1; 1 −1]: row 2 ← 2·row 2 − row 1 = [0 −3] → ÷3 = [0 −1] (the gcd of |entries|, so the sign
    // stays); row 1 ← −1·row 1 − 1·row 2 = [−2 0] → ÷2 = [−1 0]
    expect(
      reducedRowEchelon(
        [
          [2n, 1n],
          [1n, -1n],
        ],
        2,
      ),
    ).toEqual([
      [-1n, 0n],
      [0n, -1n],
    ]);
  });

  it('leaves a row alone when its entry in the pivot column is already 0', () => {
    // pivot −1 in column 1; row 2 has 0 there and is not multiplied by −1
    expect(
      reducedRowEchelon(
        [
          [-1n, 0n, 1n],
          [0n, 1n, 1n],
        ],
        3,
      ),
    ).toEqual([
      [-1n, 0n, 1n],
      [0n, 1n, 1n],
    ]);
  });

  it('returns only the rows with a pivot: a dependent row becomes 0 and is dropped', () => {
    // rows 1 and 2 are equal: row 2 ← row 2 − row 1 = 0; column 2 has no pivot; row 3 takes column 3
    expect(
      reducedRowEchelon(
        [
          [1n, 1n, 0n],
          [1n, 1n, 0n],
          [0n, 0n, 1n],
        ],
        3,
      ),
    ).toEqual([
      [1n, 1n, 0n],
      [0n, 0n, 1n],
    ]);
  });
});

describe('suppressCells rules', () => {
  const threshold = 5;

  it('leaves alone a relation with no hidden cell', () => {
    // a = 3 is hidden and R1 = a + b gives it away: b is hidden too. R2 = c + d has nothing hidden
    // and is no concern, although the sum of its (no) hidden parts, 0, is below the threshold.
    const counts = new Map<string, number | null>([
      ['R1', 103],
      ['a', 3],
      ['b', 100],
      ['R2', 300],
      ['c', 100],
      ['d', 200],
    ]);
    const relations: Relation[] = [
      { total: 'R1', parts: ['a', 'b'], nonNegative: true },
      { total: 'R2', parts: ['c', 'd'], nonNegative: true },
    ];
    const r = suppressCells({ counts, relations, threshold });
    expect([...r.secondary]).toEqual(['b']);
  });

  it('hidden parts that add up to exactly the threshold are enough', () => {
    // a = 2 and b = 3 are hidden; R − c = 5 tells only their sum, 5, which is not below 5
    const counts = new Map<string, number | null>([
      ['R', 105],
      ['a', 2],
      ['b', 3],
      ['c', 100],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'R', parts: ['a', 'b', 'c'], nonNegative: true }], threshold });
    expect([...r.primary].sort()).toEqual(['a', 'b']);
    expect([...r.secondary]).toEqual([]);
  });

  it('hides a total when it is the only shown cell of the concerned relation', () => {
    // R = a + m with m missing (known to a reader) gives a = 3 away: only R can protect it.
    // Q = x + y + w (a signed relation) has x and w hidden and y = 10 shown, smaller than R = 40,
    // but Q is not concerned, so y stays.
    const counts = new Map<string, number | null>([
      ['R', 40],
      ['a', 3],
      ['m', null],
      ['Q', 13],
      ['x', 2],
      ['y', 10],
      ['w', 1],
    ]);
    const relations: Relation[] = [
      { total: 'R', parts: ['a', 'm'] },
      { total: 'Q', parts: ['x', 'y', 'w'] },
    ];
    const r = suppressCells({ counts, relations, threshold });
    expect([...r.primary].sort()).toEqual(['a', 'w', 'x']);
    expect([...r.secondary]).toEqual(['R']);
  });

  it('picks parts before totals across relations, then the smallest, one at a time', () => {
    // a = 3 and c = 2 are hidden and R1 = a + b, R2 = c + d give them away. The candidates are
    // b = 100, d = 90 (parts) and R1 = 103, R2 = 92 (totals): d first, then, R2 now safe, b.
    const counts = new Map<string, number | null>([
      ['R1', 103],
      ['a', 3],
      ['b', 100],
      ['R2', 92],
      ['c', 2],
      ['d', 90],
    ]);
    const relations: Relation[] = [
      { total: 'R1', parts: ['a', 'b'], nonNegative: true },
      { total: 'R2', parts: ['c', 'd'], nonNegative: true },
    ];
    const r = suppressCells({ counts, relations, threshold });
    expect([...r.secondary]).toEqual(['d', 'b']);
  });

  it('between equal values, the first id, whatever order the relation lists them in', () => {
    for (const parts of [
      ['a', 'x', 'y'],
      ['a', 'y', 'x'],
      ['x', 'y', 'a'],
    ]) {
      const counts = new Map<string, number | null>([
        ['R', 83],
        ['a', 3],
        ['x', 40],
        ['y', 40],
      ]);
      const r = suppressCells({ counts, relations: [{ total: 'R', parts, nonNegative: true }], threshold });
      expect([...r.secondary]).toEqual(['x']);
    }
  });

  it('widens the search to every relation with a hidden cell when the concerned ones have nothing left to hide', () => {
    // A = x + u + v with A missing: x = 3 follows from A − (u + v), and u + v = B − t − s from the
    // signed relation B = u + v + t + s. Every cell of the first relation is hidden or missing, so
    // the search widens to the relations with a hidden cell (the first and B's, not Z's): the
    // smallest shown value there is 50, shared by t and s; s comes first. Hiding s leaves u + v
    // unknown, so x is safe. Z = p + q, with nothing hidden, keeps p = 10 although it is smaller.
    for (const parts of [
      ['u', 'v', 't', 's'],
      ['s', 't', 'u', 'v'],
    ]) {
      const counts = new Map<string, number | null>([
        ['A', null],
        ['x', 3],
        ['u', 2],
        ['v', 1],
        ['B', 103],
        ['t', 50],
        ['s', 50],
        ['Z', 30],
        ['p', 10],
        ['q', 20],
      ]);
      const relations: Relation[] = [
        { total: 'A', parts: ['x', 'u', 'v'] },
        { total: 'B', parts },
        { total: 'Z', parts: ['p', 'q'] },
      ];
      const r = suppressCells({ counts, relations, threshold });
      expect([...r.primary].sort()).toEqual(['u', 'v', 'x']);
      expect([...r.secondary]).toEqual(['s']);
    }
  });

  it('in the wider search, the smallest value first, totals not set apart', () => {
    // As above with t = 60 and s = 70 under B = 133: t is the smallest shown value.
    // With B = 40 (a signed relation may have a total below its parts), B is.
    const cases: [number, string][] = [
      [133, 't'],
      [40, 'B'],
    ];
    for (const [b, expected] of cases) {
      const counts = new Map<string, number | null>([
        ['A', null],
        ['x', 3],
        ['u', 2],
        ['v', 1],
        ['B', b],
        ['t', 60],
        ['s', 70],
      ]);
      const relations: Relation[] = [
        { total: 'A', parts: ['x', 'u', 'v'] },
        { total: 'B', parts: ['s', 'u', 'v', 't'] },
      ];
      expect([...suppressCells({ counts, relations, threshold }).secondary]).toEqual([expected]);
    }
  });
});
