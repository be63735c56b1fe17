import { describe, expect, it } from 'vitest';
import { betaQuantile, regularizedBeta } from '../../src/stats/beta.js';
import { gammaQuantile, normalQuantile, regularizedGammaP } from '../../src/stats/gamma.js';
import { growth } from '../../src/stats/growth.js';
import { invertSymmetric } from '../../src/stats/invert-symmetric.js';
import { exactPoissonInterval } from '../../src/stats/poisson.js';
import { crudeRate } from '../../src/stats/rate.js';
import { rateRatio } from '../../src/stats/rate-ratio.js';
import { roundCount } from '../../src/stats/round-count.js';
import { quantile7, spread } from '../../src/stats/spread.js';
import { logLinearFit } from '../../src/stats/trend.js';
import { waldRatio } from '../../src/stats/wald-ratio.js';
import { wilsonInterval } from '../../src/stats/wilson.js';

// A refusal says what is wrong and, where there is one, the value that is: a blank message helps no one.
describe('the statistics functions say why they refuse', () => {
  it('special functions name the argument and its value', () => {
    expect(() => regularizedBeta(2, 1, 1)).toThrow(/0 <= x <= 1 \(x=2/);
    expect(() => betaQuantile(2, 1, 1)).toThrow(/p must be in \[0, 1\] \(p=2\)/);
    expect(() => regularizedGammaP(-1, 1)).toThrow(/a > 0.*\(a=-1, x=1\)/);
    expect(() => gammaQuantile(2, 1)).toThrow(/\(p=2, shape=1\)/);
    expect(() => gammaQuantile(0.5, 0)).toThrow(/shape > 0 \(p=0.5, shape=0\)/);
    expect(() => normalQuantile(2)).toThrow(/p must be in \[0, 1\] \(p=2\)/);
  });

  it('intervals and rates name the count, level, population or per', () => {
    expect(() => exactPoissonInterval(-3)).toThrow(/count must be a finite number >= 0 \(got -3\)/);
    expect(() => exactPoissonInterval(3, 2)).toThrow(/level must be between 0 and 1 \(got 2\)/);
    expect(() => wilsonInterval(5, 4)).toThrow(/\(x=5, n=4\)/);
    expect(() => wilsonInterval(1, 4, 2)).toThrow(/level must be between 0 and 1 \(got 2\)/);
    expect(() => waldRatio(0, -1)).toThrow(/standard error >= 0/);
    expect(() => waldRatio(0, 1, 2)).toThrow(/level must be between 0 and 1 \(got 2\)/);
    expect(() => crudeRate(1, -5)).toThrow(/population must be > 0 \(got -5\)/);
    expect(() => crudeRate(1, 5, -2)).toThrow(/per must be > 0 \(got -2\)/);
    expect(() => rateRatio(-1, 1, 1, 1)).toThrow(/whole counts >= 0 and positive denominators/);
    expect(() => rateRatio(1, 1, -1, 1)).toThrow(/whole counts >= 0 and positive denominators/);
    expect(() => roundCount(5, 2.5)).toThrow(/whole number ≥ 0, got 2.5/);
  });

  it('the descriptive and regression pieces say what is missing', () => {
    expect(() => growth(-1, 1, 2010, 2011)).toThrow(/counts must be >= 0/);
    expect(() => logLinearFit([2010], [1])).toThrow(/two or more points/);
    expect(() => logLinearFit([2010, 2011], [1, 0])).toThrow(/values must be positive/);
    expect(() => logLinearFit([2010, 2010], [1, 2])).toThrow(/two different years/);
    expect(() => quantile7([], 0.5)).toThrow(/no values/);
    expect(() => spread([1])).toThrow(/at least two values/);
    expect(() => invertSymmetric([[1, 2]])).toThrow(/must be square/);
  });
});

describe('boundaries the refusals and clamps draw', () => {
  it('invertSymmetric: a pivot below 1e-12 of its diagonal entry means dependent columns', () => {
    // The second pivot of [[100, 100], [100, 100 + 1e-11]] is about 1e-11, below 1e-12 × 100 = 1e-10;
    // with the diagonal 1e-3 times smaller it is not (1e-11 > 1e-13) and the inverse exists.
    expect(() =>
      invertSymmetric([
        [100, 100],
        [100, 100 + 1e-11],
      ]),
    ).toThrow(/not positive definite/);
    expect(() =>
      invertSymmetric([
        [0.1, 0.1],
        [0.1, 0.1 + 1e-11],
      ]),
    ).not.toThrow();
  });

  it('wilsonInterval: exactly 0 for x = 0 and exactly 1 for x = n, however the arithmetic rounds', () => {
    // (p + z²/2n)/(1 + z²/n) − half-width is 0 in exact arithmetic at x = 0, but rounds to ±1e-17 for some n.
    for (const n of [1, 2, 3, 5, 6, 7, 12, 14, 30, 99, 1000]) {
      for (const level of [0.9, 0.95, 0.998]) {
        expect(wilsonInterval(0, n, level).lower).toBe(0);
        expect(wilsonInterval(n, n, level).upper).toBe(1);
      }
    }
  });
});
