import { describe, expect, it } from 'vitest';
import { compareWithBenchmark } from '../../src/stats/compare.js';
import { growth } from '../../src/stats/growth.js';
import { byarPoissonInterval, exactPoissonInterval, poissonInterval, poissonMethodUsed } from '../../src/stats/poisson.js';
import { crudeRate } from '../../src/stats/rate.js';
import { rateRatio } from '../../src/stats/rate-ratio.js';
import { roundCount } from '../../src/stats/round-count.js';
import { logLinearFit, sparkline } from '../../src/stats/trend.js';
import { waldRatio } from '../../src/stats/wald-ratio.js';
import { wilsonInterval } from '../../src/stats/wilson.js';

/*
 * Edges of the interval functions: other levels than 95%, counts of 0 and 1, the refusals and the
 * boundaries of each comparison. Limits that go through normalQuantile (Acklam, relative error
 * below 1.2e-9) are compared to 7–9 decimals. Reference values from R 4.2.2 (Debian bookworm r-base-core) with
 * options(digits = 17), the call written next to each value; Byar's limits are its closed form
 * evaluated in R:
 *   byar <- function(x, z) c(if (x == 0) 0 else max(0, x*(1 - 1/(9*x) - z/(3*sqrt(x)))^3),
 *                            (x + 1)*(1 - 1/(9*(x + 1)) + z/(3*sqrt(x + 1)))^3)
 */

describe('Poisson intervals', () => {
  it('exact at 90%: qgamma(0.05, 3), qgamma(0.95, 4)', () => {
    const ci = exactPoissonInterval(3, 0.9);
    expect(ci.lower).toBeCloseTo(0.81769144716395337, 10);
    expect(ci.upper).toBeCloseTo(7.7536565279327254, 10);
  });

  it('Byar: lower 0 for a count of 0, and where the cube goes negative (1 at 99.8%)', () => {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
    expect(byarPoissonInterval(0, 0.95)).toEqual({ lower: 0, upper: expect.closeTo(3.6680118321737507, 7) }); // byar(0, qnorm(0.975))
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
    expect(byarPoissonInterval(1, 0.998)).toEqual({ lower: 0, upper: expect.closeTo(9.362180217908362, 7) }); // byar(1, qnorm(0.999))
    const b = byarPoissonInterval(25, 0.998); // byar(25, qnorm(0.999))
    expect(b.lower).toBeCloseTo(12.304459286405249, 7);
    expect(b.upper).toBeCloseTo(44.674780177578079, 7);
  });

  it('picks the method: exact by default, Byar for every count with byar, from 10 with phe', () => {
    expect(poissonMethodUsed(3)).toBe('exact');
    expect(poissonMethodUsed(300)).toBe('exact');
    expect(poissonMethodUsed(3, 'byar')).toBe('byar');
    expect(poissonMethodUsed(9, 'phe')).toBe('exact');
    expect(poissonMethodUsed(10, 'phe')).toBe('byar');
    expect(poissonMethodUsed(10, 'exact')).toBe('exact');
    expect(poissonInterval(25)).toEqual(exactPoissonInterval(25, 0.95));
    expect(poissonInterval(25, 0.998, 'byar')).toEqual(byarPoissonInterval(25, 0.998));
  });

  it('refuses an infinite count and levels of 0 or 1', () => {
    expect(() => exactPoissonInterval(Infinity)).toThrow(RangeError);
    expect(() => byarPoissonInterval(-1)).toThrow(RangeError);
    expect(() => exactPoissonInterval(5, 0)).toThrow(RangeError);
    expect(() => exactPoissonInterval(5, 1)).toThrow(RangeError);
  });
});

describe('crudeRate', () => {
  it('per 100 000 at 95% exact by default; level and method are passed on', () => {
    expect(crudeRate(50, 200000)).toEqual(crudeRate(50, 200000, 100000, 0.95, 'exact'));
    expect(crudeRate(50, 200000).rate).toBe(25);
    // byar(50, qnorm(0.999)) × 100 000 / 200 000
    const r = crudeRate(50, 200000, 100000, 0.998, 'byar');
    expect(r).toMatchObject({ count: 50, population: 200000, per: 100000 });
    expect(r.lower).toBeCloseTo(15.467354219876571, 7);
    expect(r.upper).toBeCloseTo(37.984650295072043, 7);
  });

  it('refuses a population or per that is not positive', () => {
    expect(() => crudeRate(5, -1)).toThrow(RangeError);
    expect(() => crudeRate(5, 1000, 0)).toThrow(RangeError);
    expect(() => crudeRate(5, 1000, -100)).toThrow(RangeError);
  });
});

describe('rateRatio edges (R poisson.test on two samples)', () => {
  it('a first count of 0: ratio 0, lower 0', () => {
    // poisson.test(c(0, 5), c(1000, 2000)): 0, conf.int 0 2.1825582103650918
    const r = rateRatio(0, 1000, 5, 2000);
    expect(r.ratio).toBe(0);
    expect(r.lower).toBe(0);
    expect(r.upper).toBeCloseTo(2.1825582103650918, 8);
  });

  it('another level: poisson.test(c(7, 3), c(1000, 2000), conf.level = 0.9)', () => {
    const r = rateRatio(7, 1000, 3, 2000, 0.9);
    expect(r.ratio).toBeCloseTo(4.666666666666667, 12);
    expect(r.lower).toBeCloseTo(1.2969339945579401, 8);
    expect(r.upper).toBeCloseTo(20.918844600167535, 6);
  });

  it('a second count of 1: poisson.test(c(30, 1), c(500, 100))', () => {
    const r = rateRatio(30, 500, 1, 100);
    expect(r.ratio).toBeCloseTo(6, 12);
    expect(r.lower).toBeCloseTo(0.99745337903449893, 8);
    expect(r.upper / 244.78693288399802).toBeCloseTo(1, 8);
  });

  it('refuses what has no ratio', () => {
    expect(() => rateRatio(1, 0, 1, 1)).toThrow(RangeError);
    expect(() => rateRatio(1, 1, 1, 0)).toThrow(RangeError);
    expect(() => rateRatio(-1, 1, 1, 1)).toThrow(RangeError);
    expect(() => rateRatio(1, 1, -1, 1)).toThrow(RangeError);
    expect(() => rateRatio(1.5, 1, 1, 1)).toThrow(RangeError);
    expect(() => rateRatio(1, 1, 2.5, 1)).toThrow(RangeError);
    expect(() => rateRatio(3, 1, 0, 1)).toThrow(/second count is 0/);
  });
});

describe('wilsonInterval edges', () => {
  it('at 90%: prop.test(3, 40, conf.level = 0.9, correct = FALSE)$conf.int', () => {
    const ci = wilsonInterval(3, 40, 0.9);
    expect(ci.lower).toBeCloseTo(0.030370252611739007, 9);
    expect(ci.upper).toBeCloseTo(0.17348017873690033, 9);
  });

  it('refuses n ≤ 0, x < 0 and levels of 0 or 1', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });
});

describe('waldRatio edges', () => {
  it('at 90%: exp(log(2) ∓ qnorm(0.95)·0.1); a standard error of 0 gives the estimate', () => {
    const r = waldRatio(Math.log(2), 0.1, 0.9);
    expect(r.estimate).toBeCloseTo(2, 14);
    expect(r.lower).toBeCloseTo(1.6966603482416733, 9);
    expect(r.upper).toBeCloseTo(2.357572630341354, 9);
    expect(waldRatio(0, 0)).toEqual({ estimate: 1, lower: 1, upper: 1 });
  });

  it('refuses a coefficient that is not finite, a negative standard error and levels of 0 or 1', () => {
    expect(() => waldRatio(Number.NaN, 0.1)).toThrow(RangeError);
    expect(() => waldRatio(Infinity, 0.1)).toThrow(RangeError);
    expect(() => waldRatio(0, -0.1)).toThrow(RangeError);
    expect(() => waldRatio(0, 0.1, 0)).toThrow(RangeError);
    expect(() => waldRatio(0, 0.1, 1)).toThrow(RangeError);
  });
});

describe('small pieces', () => {
  it('compareWithBenchmark: an interval touching the benchmark is similar', () => {
    expect(compareWithBenchmark(5, 8, 5)).toBe('similar');
    expect(compareWithBenchmark(2, 5, 5)).toBe('similar');
    expect(compareWithBenchmark(5.01, 8, 5)).toBe('higher');
    expect(compareWithBenchmark(2, 4.99, 5)).toBe('lower');
  });

  it('growth refuses negative counts', () => {
    expect(() => growth(-1, 5, 2010, 2011)).toThrow(RangeError);
    expect(() => growth(5, -1, 2010, 2011)).toThrow(RangeError);
    expect(growth(0, 0, 2010, 2011)).toEqual({ base: 0, value: 0, change: 0, changePct: null, cagrPct: null, reason: 'zero base' });
    // (12/10)^(1/2) − 1 = 0.0954451150103322 (√1.2 = 1.0954451150103321)
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
    expect(growth(10, 12, 2010, 2012)).toEqual({ base: 10, value: 12, change: 2, changePct: 20, cagrPct: expect.closeTo(9.54451150103322, 10) });
  });

  it('roundCount: a base of 1 leaves even a fraction as it is; a fractional base is refused', () => {
    expect(roundCount(7.4, 1)).toBe(7.4);
    expect(roundCount(7.5, 5)).toBe(10);
    expect(roundCount(7.4, 5)).toBe(5);
    expect(() => roundCount(7, 2.5)).toThrow(RangeError);
    expect(() => roundCount(7, -1)).toThrow(RangeError);
  });

  it('logLinearFit refuses too few points, mismatched lengths, values ≤ 0 and a single year', () => {
    expect(() => logLinearFit([2010], [5])).toThrow(RangeError);
    expect(() => logLinearFit([2010, 2011], [5])).toThrow(RangeError);
    expect(() => logLinearFit([2010, 2011], [5, 0])).toThrow(RangeError);
    expect(() => logLinearFit([2010, 2011], [-5, 5])).toThrow(RangeError);
    expect(() => logLinearFit([2010, 2010], [5, 6])).toThrow(RangeError);
    // ln 2 per year exactly: 100% growth, doubling in 1 year, intercept −2010·ln 2 + ln 5
    const f = logLinearFit([2010, 2011, 2012], [5, 10, 20]);
    expect(f.slope).toBeCloseTo(Math.LN2, 10);
    expect(f.intercept).toBeCloseTo(Math.log(5) - 2010 * Math.LN2, 7);
    expect(f.annualGrowthPct).toBeCloseTo(100, 8);
    expect(f.doublingYears).toBeCloseTo(1, 10);
    expect(logLinearFit([2010, 2011], [5, 5]).doublingYears).toBeNull();
  });

  it('sparkline: the lowest bar for the minimum, the highest for the maximum, spaces for gaps', () => {
    expect(sparkline([0, 7, 1, 6])).toBe('▁█▂▇');
    expect(sparkline([null, null])).toBe(''); // nothing to draw
    expect(sparkline([null, 3])).toBe(' ▄');
    expect(sparkline([4])).toBe('▄');
  });
});
