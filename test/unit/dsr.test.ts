import { describe, expect, it } from 'vitest';
import { directlyStandardisedRate, ESP2013 } from '../../src/stats/dsr.js';

// PHEindicatormethods' own DSR tests (tests/testthat/testDSRs.R; data testdata_DSR_ISR: testdata_multiarea and
// testdata_1976, expected results testresults_DSR), transcribed here: calculate_dsr with the ESP 2013 weights,
// Dobson's method with Byar's limits for the total count, per 10 000 and per 100 000.
const POP = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
const AREAS = {
  big: [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91],
  small: [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4],
  // one count is NA in PHE's data, counted as 0 (na.zero)
  tiny: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3],
};
const ESP = Object.values(ESP2013);
const strataOf = (counts: number[], pop = POP, weights = ESP) => counts.map((count, i) => ({ count, population: pop[i]!, weight: weights[i]! }));

describe('DSR as PHEindicatormethods calculate_dsr (its test results)', () => {
  it('testdata_big: 895 events, per 10 000 and 100 000, 95% and 99.8%', () => {
    const s = strataOf(AREAS.big);
    const a = directlyStandardisedRate(s, 10000, 0.95);
    expect(a.count).toBe(895);
    expect(a.rate).toBeCloseTo(1043.0247991469423, 9);
    expect(a.lower).toBeCloseTo(971.770906798568, 6);
    expect(a.upper).toBeCloseTo(1117.894091547925, 6);
    const b = directlyStandardisedRate(s, 10000, 0.998);
    expect(b.lower).toBeCloseTo(932.3287880219904, 6);
    expect(b.upper).toBeCloseTo(1162.0595999522059, 6);
    const c = directlyStandardisedRate(s, 100000, 0.998);
    expect(c.rate).toBeCloseTo(10430.247991469423, 8);
    expect(c.lower).toBeCloseTo(9323.287880219903, 5);
    expect(c.upper).toBeCloseTo(11620.595999522058, 5);
  });

  it('testdata_small: 91 events', () => {
    const s = strataOf(AREAS.small);
    const a = directlyStandardisedRate(s, 10000, 0.95);
    expect(a.rate).toBeCloseTo(110.3212025300104, 9);
    expect(a.lower).toBeCloseTo(87.7455767536709, 6);
    expect(a.upper).toBeCloseTo(136.70882227251795, 6);
    const b = directlyStandardisedRate(s, 10000, 0.998);
    expect(b.lower).toBeCloseTo(76.36420357939879, 6);
    expect(b.upper).toBeCloseTo(153.00328948244763, 6);
    // 'phe' is Byar from 10 events: the same
    expect(directlyStandardisedRate(s, 10000, 0.95, 'phe')).toEqual(a);
  });

  it('testdata_tiny: 9 events, no DSR ("dsr NA for total count < 10")', () => {
    const r = directlyStandardisedRate(strataOf(AREAS.tiny), 10000, 0.95);
    expect(r.count).toBe(9);
    expect(r.rate).toBeNull();
    expect(r.lower).toBeNull();
    expect(r.upper).toBeNull();
    expect(r.missing).toBe('too-few-events');
  });

  it('testdata_1976: the ESP 1976 weights (18 groups, 85+), 95%', () => {
    const weights = [8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 1000];
    const r = directlyStandardisedRate(strataOf(AREAS.big.slice(0, 18), POP.slice(0, 18), weights), 10000, 0.95);
    expect(r.count).toBe(804);
    expect(r.rate).toBeCloseTo(859.2097585022366, 9);
    expect(r.lower).toBeCloseTo(799.1160931442103, 6);
    expect(r.upper).toBeCloseTo(922.5253880318318, 6);
    // (PHE's expected 99.8% limits for this case, 7659.28–9599.21 "per 10000", are per 100 000 in their file; not used.)
  });

  it('at exactly 10 events a DSR is given; any level is honoured', () => {
    const ten = strataOf([...AREAS.tiny.slice(0, 18), 4]);
    expect(directlyStandardisedRate(ten, 1e5).count).toBe(10);
    expect(directlyStandardisedRate(ten, 1e5).rate).not.toBeNull();
    const r90 = directlyStandardisedRate(strataOf(AREAS.big), 1e4, 0.9);
    const r99 = directlyStandardisedRate(strataOf(AREAS.big), 1e4, 0.99);
    expect(r90.lower!).toBeGreaterThan(r99.lower!);
    expect(r90.upper!).toBeLessThan(r99.upper!);
  });

  it('refuses impossible strata', () => {
    expect(() => directlyStandardisedRate([], 1e5)).toThrow(/no age groups/);
    expect(() => directlyStandardisedRate([{ count: 1, population: 0, weight: 1 }], 1e5)).toThrow(RangeError);
    expect(() => directlyStandardisedRate([{ count: -1, population: 10, weight: 1 }], 1e5)).toThrow(RangeError);
    expect(() => directlyStandardisedRate([{ count: 1, population: 10, weight: -1 }], 1e5)).toThrow(RangeError);
    expect(() => directlyStandardisedRate([{ count: 1, population: 10, weight: 0 }], 1e5)).toThrow(/weights sum to 0/);
    expect(() => directlyStandardisedRate([{ count: 1, population: 10, weight: -1 }], 1e5)).toThrow(/weights >= 0/);
  });
});
