import { describe, expect, it } from 'vitest';
import { compareRatios, competitionRanksOfRatios } from '../../src/stats/rank.js';

const r = (numerator: number, denominator: number) => ({ numerator, denominator });

describe('compareRatios takes the double products only for whole numbers', () => {
  it('a fraction in any of the four places goes to the exact path, even when the rounded products agree', () => {
    // 0.1 · 10 and 100 · 0.1 round to the whole numbers 1 and 10, but the double 0.1 is
    // 0.1000000000000000055511151231257827…, so none of these pairs is equal. Expected signs
    // from Python: Fraction(a) / Fraction(b) compared with Fraction(c) / Fraction(d).
    expect(compareRatios(r(0.1, 1), r(1, 10))).toBe(1); // fraction in the first numerator
    expect(compareRatios(r(1, 10), r(0.1, 1))).toBe(-1); // in the second numerator
    expect(compareRatios(r(10, 0.1), r(100, 1))).toBe(-1); // in the first denominator
    expect(compareRatios(r(100, 1), r(10, 0.1))).toBe(1); // in the second denominator
  });

  it('the exact path reads subnormals and negative fractions right', () => {
    // 2^−1074 (subnormal: no implicit leading bit, exponent −1074) ÷ 1 equals 2^−1022 (the smallest
    // normal) ÷ 2^52; 3·2^−1074 is above it. −0.5 < −1/3. (Python: Fraction comparisons.)
    expect(compareRatios(r(2 ** -1074, 1), r(2 ** -1022, 2 ** 52))).toBe(0);
    expect(compareRatios(r(3 * 2 ** -1074, 1), r(2 ** -1022, 2 ** 52))).toBe(1);
    expect(compareRatios(r(-0.5, 1), r(-1, 3))).toBe(-1);
  });

  it('refuses what is not a rate with a message naming it', () => {
    expect(() => competitionRanksOfRatios([r(1, 0)])).toThrow(/competitionRanksOfRatios: need finite numerators and finite denominators > 0 \(got 1\/0\)/);
  });
});
