import { describe, expect, it } from 'vitest';
import { betaQuantile, regularizedBeta } from '../../src/stats/beta.js';
import { gammaQuantile, normalQuantile, regularizedGammaP } from '../../src/stats/gamma.js';

/*
 * Edges of the special functions: the special values, the refusals and each branch of the
 * algorithms (series / continued fraction, the tails of the normal quantile, the fallback start of
 * the gamma quantile). Reference values from R 4.2.2 (Debian bookworm r-base-core), printed with
 * options(digits = 17); the call is written next to each value.
 */

/** Relative closeness, for values spanning many orders of magnitude. */
function rel(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('normalQuantile', () => {
  it('matches R qnorm in the centre, at both ends of the central region and in both tails', () => {
    expect(normalQuantile(0.5)).toBe(0); // qnorm(0.5) = 0: the central formula is odd in p − 0.5
    expect(normalQuantile(0.3)).toBeCloseTo(-0.52440051270804067, 8); // qnorm(0.3)
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446008, 8); // qnorm(0.9)
    // p = 0.02425 and 1 − 0.02425 are the last points of the central formula (Acklam's p_low, p_high)
    expect(normalQuantile(0.02425)).toBeCloseTo(-1.9729610513118845, 8); // qnorm(0.02425)
    expect(normalQuantile(0.97575)).toBeCloseTo(1.9729610513118847, 8); // qnorm(0.97575)
    expect(normalQuantile(0.02)).toBeCloseTo(-2.0537489106318225, 8); // qnorm(0.02)
    expect(normalQuantile(0.98)).toBeCloseTo(2.0537489106318221, 8); // qnorm(0.98)
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.3613409024040557, 7); // qnorm(1e-10)
  });

  it('gives ∓Infinity at 0 and 1 and refuses p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('regularizedGammaP', () => {
  it('matches R pgamma on the series side (x < a + 1) and the continued-fraction side', () => {
    rel(regularizedGammaP(0.1, 1e-5), 0.33239840504050333, 1e-13); // pgamma(1e-5, 0.1)
    rel(regularizedGammaP(3, 1e-3), 1.6654171665278078e-10, 1e-13); // pgamma(1e-3, 3)
    rel(regularizedGammaP(2.5, 3), 0.69378108158672158, 1e-13); // pgamma(3, 2.5)
    rel(regularizedGammaP(50, 49), 0.46210439360093997, 1e-12); // pgamma(49, 50)
    rel(regularizedGammaP(200, 150), 5.7096885742082392e-5, 1e-10); // pgamma(150, 200)
    expect(regularizedGammaP(2, 40)).toBeCloseTo(0.99999999999999978, 15); // pgamma(40, 2)
  });

  it('is 0 at x = 0 and 1 at x = Infinity; refuses a ≤ 0, x < 0 and NaN', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaP(0.5, 0)).toBe(0);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect(() => regularizedGammaP(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(-1, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(Number.NaN, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, -1e-9)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('gammaQuantile', () => {
  it('matches R qgamma, including where the Wilson–Hilferty start is not positive', () => {
    rel(gammaQuantile(0.001, 0.1), 6.0730483624079397e-31, 1e-9); // qgamma(0.001, 0.1)
    rel(gammaQuantile(0.5, 0.05), 5.5738784407462583e-7, 1e-9); // qgamma(0.5, 0.05)
    rel(gammaQuantile(0.999, 0.3), 4.6189360427913337, 1e-12); // qgamma(0.999, 0.3)
    rel(gammaQuantile(0.975, 0.5), 2.5119430936574423, 1e-12); // qgamma(0.975, 0.5)
    rel(gammaQuantile(0.025, 1000), 938.97301840769524, 1e-13); // qgamma(0.025, 1000)
    rel(gammaQuantile(1e-6, 2), 0.001414880661479343, 1e-10); // qgamma(1e-6, 2)
  });

  it('is 0 at p = 0 and Infinity at p = 1; refuses p outside [0, 1] and shape ≤ 0', () => {
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(gammaQuantile(1, 3)).toBe(Infinity);
    expect(() => gammaQuantile(-0.1, 3)).toThrow(RangeError);
    expect(() => gammaQuantile(1.1, 3)).toThrow(RangeError);
    expect(() => gammaQuantile(Number.NaN, 3)).toThrow(RangeError);
    expect(() => gammaQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => gammaQuantile(0.5, Number.NaN)).toThrow(RangeError);
  });
});

describe('regularizedBeta and betaQuantile', () => {
  it('match R pbeta on both sides of the symmetry switch x = (a + 1)/(a + b + 2)', () => {
    rel(regularizedBeta(0.9, 2, 3), 0.99629999999999996, 1e-14); // pbeta(0.9, 2, 3) = 1 − 0.0037 exactly
    rel(regularizedBeta(0.01, 0.5, 0.5), 0.06376856085851984, 1e-13); // pbeta(0.01, 0.5, 0.5)
    rel(regularizedBeta(0.99, 30, 2), 0.96161048540476446, 1e-13); // pbeta(0.99, 30, 2)
    rel(regularizedBeta(0.5, 200, 180), 0.15212954940791309, 1e-11); // pbeta(0.5, 200, 180)
    expect(regularizedBeta(0.2, 1, 1)).toBeCloseTo(0.2, 15); // pbeta(0.2, 1, 1): uniform
  });

  it('regularizedBeta is x itself at 0 and 1 and refuses a, b ≤ 0 or x outside [0, 1]', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(RangeError);
    expect(() => regularizedBeta(0.5, 1, 0)).toThrow(RangeError);
    expect(() => regularizedBeta(-0.1, 1, 1)).toThrow(RangeError);
    expect(() => regularizedBeta(1.1, 1, 1)).toThrow(RangeError);
  });

  it('betaQuantile matches R qbeta', () => {
    rel(betaQuantile(0.975, 1, 5), 0.52182375010498139, 1e-13); // qbeta(0.975, 1, 5)
    rel(betaQuantile(0.5, 0.5, 0.5), 0.49999999999999989, 1e-13); // qbeta(0.5, 0.5, 0.5)
    rel(betaQuantile(0.999, 2, 40), 0.20392061521232829, 1e-13); // qbeta(0.999, 2, 40)
    rel(betaQuantile(0.001, 3, 3), 0.047551898175457678, 1e-12); // qbeta(0.001, 3, 3)
  });

  it('betaQuantile is 0 at p = 0 and 1 at p = 1 and refuses p outside [0, 1]', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(() => betaQuantile(-0.1, 2, 3)).toThrow(RangeError);
    expect(() => betaQuantile(1.1, 2, 3)).toThrow(RangeError);
    expect(() => betaQuantile(Number.NaN, 2, 3)).toThrow(RangeError);
  });
});
