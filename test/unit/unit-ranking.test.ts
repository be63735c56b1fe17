import { describe, expect, it } from 'vitest';
import { rankUnits, unitRankResult } from '../../src/domain/unit-ranking.js';
import { msg } from '../../src/messages/index.js';

/**
 * rank --by COLUMN on hand-made units. Reference limits from SciPy 1.17.1: Wilson 95% with
 * z = norm.ppf(0.975), in percent; exact Poisson 95% as chi2.ppf(0.025, 2k)/2 and chi2.ppf(0.975, 2k+2)/2.
 */
const proportions = [
  { unit: 'Borås', numerator: 10, denominator: 50 }, // 20%: lower than overall
  { unit: 'Alingsås', numerator: 45, denominator: 50 }, // 90%: higher
  { unit: 'Eksjö', numerator: 15, denominator: 25 }, // 60%: ties with Cityakuten
  { unit: 'Cityakuten', numerator: 30, denominator: 50 }, // 60%
  { unit: 'Dalby', numerator: 0, denominator: 0 }, // no proportion: unranked, last
];

describe('rankUnits, proportions', () => {
  const r = rankUnits(proportions);
  if (r.kind !== 'proportion') throw new Error('expected proportions');

  it('ranks by the exact proportion, ties sharing a rank and ordered by name, a unit without denominator last', () => {
    expect(r.rows.map((row) => [row.rank, row.unit])).toEqual([
      [1, 'Alingsås'],
      [2, 'Cityakuten'],
      [2, 'Eksjö'],
      [4, 'Borås'],
      [null, 'Dalby'],
    ]);
  });

  it('gives Wilson intervals and the comparison with the overall proportion (100 of 175)', () => {
    const by = (unit: string) => r.rows.find((row) => row.unit === unit);
    expect(by('Alingsås')?.lower).toBeCloseTo(78.63976856252035, 6);
    expect(by('Alingsås')?.upper).toBeCloseTo(95.65242350681096, 6);
    expect(by('Borås')?.upper).toBeCloseTo(33.037105932225415, 6);
    expect(by('Eksjö')?.lower).toBeCloseTo(40.739457358967, 6);
    expect(r.rows.map((row) => row.vs_overall)).toEqual(['higher', 'similar', 'similar', 'lower', null]);
    expect(r.overall.proportion_pct).toBeCloseTo((100 / 175) * 100, 12);
    expect(r.overall.lower).toBeCloseTo(49.73499364814241, 6);
    expect(r.overall.upper).toBeCloseTo(64.24386794516685, 6);
    expect([r.overall.numerator, r.overall.denominator]).toEqual([100, 175]);
  });

  it('says why a proportion is missing or unstable', () => {
    expect(r.rows.map((row) => row.note)).toEqual(['', '', '', '', msg('cell.denominator-zero')]);
    const small = rankUnits([{ unit: 'X', numerator: 3, denominator: 9 }]);
    expect(small.kind === 'proportion' && small.rows[0]?.note).toEqual(msg('cell.denominator-small', { n: 10 }));
  });
});

describe('rankUnits, counts', () => {
  it('ranks counts when a unit has no denominator, with exact Poisson intervals', () => {
    const r = rankUnits([
      { unit: 'b', numerator: 5 },
      { unit: 'c', numerator: 7 },
      { unit: 'a', numerator: 5 },
    ]);
    if (r.kind !== 'count') throw new Error('expected counts');
    expect(r.rows.map((row) => [row.rank, row.unit, row.count])).toEqual([
      [1, 'c', 7],
      [2, 'a', 5],
      [2, 'b', 5],
    ]);
    expect(r.rows[0]?.lower).toBeCloseTo(2.8143630515198654, 6);
    expect(r.rows[0]?.upper).toBeCloseTo(14.422675361702376, 6);
    expect(r.rows[1]?.upper).toBeCloseTo(11.66833207932267, 6);
    expect(r.overall).toEqual({ rank: null, unit: msg('cell.units-total'), count: 17, lower: null, upper: null });
  });
});

describe('unitRankResult', () => {
  const base = { file: 'clinics.csv', filtered: [], readNotes: [], by: 'mottagning', level: 0.95, funnel: false };

  it('with --suppress 10: hides the small numerators and the cells that would give them away', () => {
    const units = [
      { unit: 'A', numerator: 3, denominator: 40 },
      { unit: 'B', numerator: 20, denominator: 40 },
      { unit: 'C', numerator: 25, denominator: 40 },
    ];
    const r = unitRankResult({ ...base, units, numerator: 'behandlade', denominator: 'remitterade', rule: { suppress: 10, roundTo: 1 } });
    const a = r.rows.find((row) => row.unit === 'A');
    // A's numerator is below 10: hidden, and with it what is computed from it.
    expect(r.kind === 'proportion' && a && [a.numerator, a.proportion_pct, a.rank]).toEqual([null, null, null]);
    expect(a && r.hidden?.get(a)?.has('numerator')).toBe(true);
    expect(r.statusKeys).toEqual(['numerator', 'denominator']);
    expect(r.of).toEqual({ numerator: 'behandlade', denominator: 'remitterade' });
    expect(r.made.methods.interval).toBe('Wilson score, 95%');
  });

  it('with --round-counts 5: ranks and intervals from the rounded counts', () => {
    const r = unitRankResult({ ...base, units: [{ unit: 'A', numerator: 7 }], count: 'antal', rule: { suppress: 0, roundTo: 5 } });
    expect(r.kind === 'count' && r.rows[0]?.count).toBe(5);
    expect(r.rows[0]?.upper).toBeCloseTo(11.66833207932267, 6);
    expect(r.of).toEqual({ count: 'antal' });
    expect(r.made.methods.interval).toBe('exact Poisson, 95%');
  });
});
