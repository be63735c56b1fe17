import { describe, expect, it } from 'vitest';
import { suppressCells } from '../../src/stats/disclosure.js';

/**
 * Which cell secondary suppression picks, on small tables worked out by hand: parts before totals,
 * then the smallest value, then the id; counts hidden from the start; and the refusal when nothing
 * shown is left to hide.
 */
describe('suppressCells picks', () => {
  it('a part before a total, even a larger one', () => {
    // p = 3 is below 5 and the only unknown of T = p + q: hide q (50, a part), not T (5, a total).
    const counts = new Map<string, number | null>([
      ['T', 5],
      ['p', 3],
      ['q', 50],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'T', parts: ['p', 'q'] }], threshold: 5 });
    expect([...r.secondary]).toEqual(['q']);
  });

  it('between equal values, the first id', () => {
    const counts = new Map<string, number | null>([
      ['R', 83],
      ['a', 3],
      ['y', 40],
      ['x', 40],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'R', parts: ['a', 'y', 'x'], nonNegative: true }], threshold: 5 });
    expect([...r.secondary]).toEqual(['x']);
  });

  it('a count equal to the threshold is shown', () => {
    const counts = new Map<string, number | null>([
      ['R', 105],
      ['a', 5],
      ['b', 100],
    ]);
    const r = suppressCells({ counts, relations: [{ total: 'R', parts: ['a', 'b'], nonNegative: true }], threshold: 5 });
    expect(r.hidden.size).toBe(0);
  });

  it('protects counts hidden from the start, leaving out missing and primary ones', () => {
    // a is forced hidden (another table hides it): R = a + b + c then gives it away unless one more
    // part is hidden; the smaller is b. 'gone' is missing (null) and 'c' small: neither is secondary.
    const counts = new Map<string, number | null>([
      ['R', 153],
      ['a', 50],
      ['b', 60],
      ['c', 3],
      ['gone', null],
    ]);
    const relations = [{ total: 'R', parts: ['a', 'b', 'c'], nonNegative: true }];
    const r = suppressCells({ counts, relations, threshold: 5, forced: new Set(['a', 'gone', 'c']) });
    expect([...r.primary]).toEqual(['c']);
    expect([...r.secondary].sort()).toEqual(['a']);
    // a and c hidden under a shown total: 53 together, not small, and neither is the only unknown
    expect([...r.hidden].sort()).toEqual(['a', 'c']);
    // forced alone, with no count below the threshold, still gets its protection
    const alone = suppressCells({
      counts: new Map([
        ['R', 150],
        ['a', 50],
        ['b', 60],
        ['c', 40],
      ]),
      relations,
      threshold: 5,
      forced: new Set(['a']),
    });
    expect([...alone.primary]).toEqual([]);
    expect([...alone.secondary].sort()).toEqual(['a', 'c']);
  });

  it('says so when no shown count is left that could protect a hidden one', () => {
    // x = A − m where A and m are missing (known to a reader elsewhere): hiding more cannot help.
    const counts = new Map<string, number | null>([
      ['A', null],
      ['m', null],
      ['x', 2],
      ['C', 31],
      ['z', 1],
      ['w1', 10],
      ['w2', 20],
    ]);
    const relations = [
      { total: 'A', parts: ['x', 'm'] },
      { total: 'C', parts: ['z', 'w1', 'w2'], nonNegative: true },
    ];
    expect(() => suppressCells({ counts, relations, threshold: 5 })).toThrow(/no shown count left to hide/);
  });
});
