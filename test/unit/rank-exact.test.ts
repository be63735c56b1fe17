import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRatios, competitionRanks, competitionRanksOfRatios } from '../../src/stats/rank.js';
import { runs } from '../helpers/tier.js';

const r = (numerator: number, denominator: number) => ({ numerator, denominator });

describe('ranks on exact rates', () => {
  it('shares a rank only when the rates are exactly equal', () => {
    expect(competitionRanksOfRatios([r(1, 3), r(2, 6), r(1, 2)])).toEqual([2, 2, 1]);
    // 1/3 and 333333/1000000 agree to six digits and still differ
    expect(competitionRanksOfRatios([r(333333, 1000000), r(1, 3)])).toEqual([2, 1]);
    // rates that round alike at one decimal per 100 000 are not tied: 5174.65 vs 5174.74 per 100 000 → 517.5 and 517.5 per 10 000
    expect(competitionRanksOfRatios([r(517465, 10000000), r(517474, 10000000)])).toEqual([2, 1]);
    expect(competitionRanksOfRatios([])).toEqual([]);
    expect(competitionRanksOfRatios([r(0, 5), r(0, 7), r(1, 9)])).toEqual([2, 2, 1]);
  });

  it('compares beyond double precision: 9007199254740993/… products that doubles cannot hold', () => {
    // (2^53 − 1)/(2^53 − 2) > (2^53 − 2)/(2^53 − 3), although both are 1 to double precision
    const big = 2 ** 53;
    expect((big - 1) / (big - 2)).toBe((big - 2) / (big - 3));
    expect(compareRatios(r(big - 1, big - 2), r(big - 2, big - 3))).toBe(-1);
    expect(compareRatios(r(big - 2, big - 3), r(big - 1, big - 2))).toBe(1);
    expect(compareRatios(r(big - 2, big - 3), r(big - 2, big - 3))).toBe(0);
    // fractions, negatives and subnormals are compared exactly too
    expect(compareRatios(r(0.1, 1), r(1, 10))).toBe(1); // the double 0.1 is slightly above 1/10
    expect(compareRatios(r(-1, 2), r(-1, 3))).toBe(-1);
    expect(compareRatios(r(5e-324, 1), r(0, 1))).toBe(1);
    expect(compareRatios(r(5e-324, 2), r(1e-323, 4))).toBe(0);
    expect(compareRatios(r(1e308, 1e-308), r(1e308, 2e-308))).toBe(1);
  });

  it('refuses what is not a rate', () => {
    expect(() => competitionRanksOfRatios([r(1, 0)])).toThrow(RangeError);
    expect(() => competitionRanksOfRatios([r(1, -1)])).toThrow(RangeError);
    expect(() => competitionRanksOfRatios([r(NaN, 1)])).toThrow(RangeError);
    expect(() => competitionRanksOfRatios([r(Infinity, 1)])).toThrow(RangeError);
    expect(() => competitionRanksOfRatios([r(1, Infinity)])).toThrow(RangeError);
  });

  it('agrees with BigInt cross-multiplication for whole counts and populations (property)', () => {
    const unit = fc.record({ numerator: fc.integer({ min: 0, max: 2 ** 40 }), denominator: fc.integer({ min: 1, max: 2 ** 40 }) });
    fc.assert(
      fc.property(unit, unit, (a, b) => {
        const left = BigInt(a.numerator) * BigInt(b.denominator);
        const right = BigInt(b.numerator) * BigInt(a.denominator);
        expect(compareRatios(a, b)).toBe(left < right ? -1 : left > right ? 1 : 0);
      }),
      { seed: 12, numRuns: runs(2000) },
    );
  });

  it('gives the same ranks for every --per, and ranks like sorting (property)', () => {
    const unit = fc.record({ numerator: fc.integer({ min: 0, max: 5000 }), denominator: fc.integer({ min: 1, max: 400 }) });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 25 }), (units) => {
        const ranks = competitionRanksOfRatios(units);
        const scaled = units.map((u) => r(u.numerator * 1000, u.denominator));
        expect(competitionRanksOfRatios(scaled)).toEqual(ranks);
        units.forEach((u, i) => {
          const above = units.filter((v) => BigInt(v.numerator) * BigInt(u.denominator) > BigInt(u.numerator) * BigInt(v.denominator)).length;
          expect(ranks[i]).toBe(above + 1);
        });
      }),
      { seed: 7, numRuns: runs(300) },
    );
  });

  it('competitionRanks on plain values (1224)', () => {
    expect(competitionRanks([30, 20, 20, 10])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([10, 20, 20, 30])).toEqual([4, 2, 2, 1]);
  });
});
