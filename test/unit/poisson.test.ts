import { describe, expect, it } from 'vitest';
import { byarPoissonInterval, exactPoissonInterval, poissonInterval } from '../../src/stats/poisson.js';
import { gammaQuantile, normalQuantile, regularizedGammaP } from '../../src/stats/gamma.js';
import { crudeRate } from '../../src/stats/rate.js';

/**
 * Reference values computed independently with SciPy 1.17.1:
 *   lower = scipy.stats.chi2.ppf(α/2, 2x) / 2, upper = scipy.stats.chi2.ppf(1-α/2, 2x+2) / 2
 * (the Garwood exact interval; R's poisson.test gives the same), lower = 0 for x = 0.
 */
const EXACT: [count: number, level: number, lower: number, upper: number][] = [
  [0, 0.95, 0, 3.6888794541139354],
  [0, 0.998, 0, 6.907755278982137],
  [1, 0.95, 0.025317807984289897, 5.571643390938898],
  [1, 0.998, 0.0010005003335835346, 9.233413476451585],
  [5, 0.95, 1.623486390118421, 11.66833207932267],
  [5, 0.998, 0.7393717319178327, 16.454745203680105],
  [9, 0.95, 4.115373097378334, 17.084803451419166],
  [10, 0.95, 4.7953886961324335, 18.39035604201778],
  [10, 0.998, 2.96052037274376, 24.13397114541759],
  [100, 0.95, 81.36399125092315, 121.62679379242638],
  [100, 0.998, 71.9213974950004, 134.92431906126444],
  [1000, 0.95, 938.9730184076952, 1063.952136016302],
  [1000, 0.998, 905.1207909349766, 1101.6269438790305],
  [50440, 0.95, 50000.76252118945, 50882.13614543232],
  [50440, 0.998, 49748.81818553232, 51137.88836877821],
];

describe('exactPoissonInterval', () => {
  it.each(EXACT)('count %d at level %d matches SciPy', (count, level, lower, upper) => {
    const ci = exactPoissonInterval(count, level);
    expect(ci.lower).toBeCloseTo(lower, 7);
    expect(ci.upper / upper).toBeCloseTo(1, 9);
  });

  it('has lower limit 0 for a count of 0', () => {
    expect(exactPoissonInterval(0).lower).toBe(0);
  });

  it('rejects impossible input', () => {
    expect(() => exactPoissonInterval(-1)).toThrow(RangeError);
    expect(() => exactPoissonInterval(5, 1.5)).toThrow(RangeError);
    expect(() => exactPoissonInterval(Number.NaN)).toThrow(RangeError);
  });
});

describe('byarPoissonInterval', () => {
  // SciPy: x(1 - 1/9x - z/3√x)^3 and (x+1)(1 - 1/9(x+1) + z/3√(x+1))^3 with z = norm.ppf(0.975).
  it('matches the closed form for 100 and 10', () => {
    const a = byarPoissonInterval(100, 0.95);
    expect(a.lower).toBeCloseTo(81.36210549052788, 7);
    expect(a.upper).toBeCloseTo(121.6279375792065, 7);
    const b = byarPoissonInterval(10, 0.95);
    expect(b.lower).toBeCloseTo(4.787449913967563, 7);
    expect(b.upper).toBeCloseTo(18.391458605756473, 7);
  });

  it('is close to exact for large counts', () => {
    const byar = byarPoissonInterval(1000);
    const exact = exactPoissonInterval(1000);
    expect(Math.abs(byar.lower - exact.lower)).toBeLessThan(0.1);
  });

  it('PHE rule: exact below 10, Byar from 10', () => {
    expect(poissonInterval(9, 0.95, 'phe')).toEqual(exactPoissonInterval(9, 0.95));
    expect(poissonInterval(10, 0.95, 'phe')).toEqual(byarPoissonInterval(10, 0.95));
  });
});

describe('special functions', () => {
  it('regularizedGammaP matches scipy.special.gammainc', () => {
    expect(regularizedGammaP(1, 1)).toBeCloseTo(0.6321205588285577, 12);
    expect(regularizedGammaP(5, 3)).toBeCloseTo(0.18473675547622787, 12);
    expect(regularizedGammaP(100, 110)).toBeCloseTo(0.8417213299399129, 11);
    expect(regularizedGammaP(0.5, 2)).toBeCloseTo(0.9544997361036415, 12);
  });

  it('gammaQuantile inverts it', () => {
    for (const [p, a] of [
      [0.025, 3],
      [0.5, 1],
      [0.999, 40],
      [0.001, 0.7],
    ] as const) {
      expect(regularizedGammaP(a, gammaQuantile(p, a))).toBeCloseTo(p, 12);
    }
  });

  it('normalQuantile matches scipy.stats.norm.ppf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 8);
  });
});

describe('crudeRate', () => {
  it('scales the count and its interval by per / population', () => {
    const r = crudeRate(5, 20000, 100000);
    expect(r.rate).toBe(25);
    expect(r.lower).toBeCloseTo(1.623486390118421 * 5, 6);
    expect(r.upper).toBeCloseTo(11.66833207932267 * 5, 6);
  });

  it('rejects a zero population', () => {
    expect(() => crudeRate(5, 0)).toThrow(RangeError);
  });
});
