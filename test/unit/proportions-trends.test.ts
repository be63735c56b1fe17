import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';
import { betaQuantile, regularizedBeta } from '../../src/stats/beta.js';
import { rateRatio } from '../../src/stats/rate-ratio.js';
import { compareWithBenchmark } from '../../src/stats/compare.js';
import { quantile7, spread } from '../../src/stats/spread.js';
import { logLinearFit, sparkline } from '../../src/stats/trend.js';

// Reference values: SciPy 1.17.1 / NumPy, computed independently (commands in comments).
describe('wilsonInterval', () => {
  it('matches scipy.stats.binomtest(x, n).proportion_ci(method="wilson")', () => {
    const ipt = wilsonInterval(1185, 59250); // IPT's share of all treatments in 2014
    expect(ipt.lower).toBeCloseTo(0.018903445371775063, 9);
    expect(ipt.upper).toBeCloseTo(0.021158791951191237, 9);
    const access = wilsonInterval(10, 21); // 10 of 21 regions
    expect(access.lower).toBeCloseTo(0.2834400610153418, 9);
    expect(access.upper).toBeCloseTo(0.6763046541715557, 9);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
    expect(wilsonInterval(0, 21)).toEqual({ lower: 0, upper: expect.closeTo(0.15463901892484694, 9) });
    expect(wilsonInterval(21, 21).upper).toBe(1);
    expect(wilsonInterval(21, 21).lower).toBeCloseTo(0.8453609810751531, 9);
  });

  it('rejects x > n', () => expect(() => wilsonInterval(5, 4)).toThrow(RangeError));
});

describe('incomplete beta', () => {
  it('matches scipy.special.betainc and betaincinv', () => {
    expect(regularizedBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 12);
    expect(regularizedBeta(0.3, 10.5, 20)).toBeCloseTo(0.31478771455359356, 10);
    expect(betaQuantile(0.025, 5, 7)).toBeCloseTo(0.16748809406370713, 10);
  });
});

describe('rateRatio', () => {
  // ratio and exact conditional limits: binomtest(x1, x1+x2).proportion_ci(method="exact") mapped p/(1-p)·t2/t1
  it('KBT rate 2014 vs 2009 (+94% in counts) is significantly above 1', () => {
    const r = rateRatio(50440, 9747355, 26000, 9340682);
    expect(r.ratio).toBeCloseTo(1.8590605430909206, 10);
    expect(r.lower).toBeCloseTo(1.8314124106805185, 7);
    expect(r.upper).toBeCloseTo(1.8871596421396295, 7);
  });

  it('small counts give a wide interval that includes 1', () => {
    const r = rateRatio(12, 10000, 5, 12000);
    expect(r.ratio).toBeCloseTo(2.88, 10);
    expect(r.lower).toBeCloseTo(0.9444550730073794, 7);
    expect(r.upper).toBeCloseTo(10.435177342416322, 6);
  });
});

describe('benchmark comparison', () => {
  it('compares intervals with a benchmark', () => {
    expect(compareWithBenchmark(657.7, 686.0, 517.5)).toBe('higher');
    expect(compareWithBenchmark(210.6, 265.0, 517.5)).toBe('lower');
    expect(compareWithBenchmark(390.7, 530, 517.5)).toBe('similar');
  });
});

describe('spread', () => {
  // KBT rates per 100 000 in 2014 (bundled data); numpy: median, quantile(.25/.75), std(ddof=1)
  const rates = [671.731419, 650.975606, 593.071782, 567.5, 561.2, 538.2, 521.6, 501.2, 463.9, 462.8, 460.5, 459.1, 443.6, 410.2, 399.7, 385.1, 378.8, 376.8, 345.5, 266.5, 236.7];
  it('matches NumPy', () => {
    const s = spread(rates);
    expect(s.n).toBe(21);
    expect(s.median).toBeCloseTo(460.5, 10);
    expect(s.q1).toBeCloseTo(385.1, 10);
    expect(s.q3).toBeCloseTo(538.2, 10);
    expect(s.mean).toBeCloseTo(461.6513717619048, 9);
    expect(s.sd).toBeCloseTo(113.64592325307142, 9);
    expect(s.cv).toBeCloseTo(0.2461726103387037, 10);
    expect(s.maxMinRatio).toBeCloseTo(671.731419 / 236.7, 10);
  });

  it('interpolates quantiles as R type 7', () => {
    expect(quantile7([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile7([10], 0.5)).toBe(10);
  });

  it('needs two values', () => expect(() => spread([1])).toThrow(RangeError));
});

describe('log-linear trend', () => {
  it('1177 ongoing internet treatments 5 000 → 25 000 → 60 000 (2018–2022): numpy.polyfit on ln', () => {
    const f = logLinearFit([2018, 2020, 2022], [5000, 25000, 60000]);
    expect(f.slope).toBeCloseTo(0.6212266624469227, 10);
    expect(f.annualGrowthPct).toBeCloseTo(86.12097182040552, 8);
    expect(f.doublingYears).toBeCloseTo(1.1157717826046583, 9);
  });

  it('has no doubling time for a falling series', () => {
    expect(logLinearFit([2010, 2011], [10, 5]).doublingYears).toBeNull();
  });

  it('draws sparklines', () => {
    expect(sparkline([1, 5, 3])).toBe('▁█▅'); // 3 is halfway: 3.5 of 7 steps rounds up
    expect(sparkline([2, null, 2])).toBe('▄ ▄');
    expect(sparkline([])).toBe('');
  });
});

import { directlyStandardisedRate, ESP2013 } from '../../src/stats/dsr.js';

describe('directly standardised rate (Dobson)', () => {
  // Reference: NumPy/SciPy implementation of Dobson et al. 1991 (independent of this code):
  // rate = Σw·x/n / Σw; var = Σ(w/n)²x / (Σw)²; O_L,U = chi2.ppf(α/2, 2O)/2, chi2.ppf(1-α/2, 2O+2)/2;
  // limits = rate + √(var/O)·(O_L,U − O); all × 100 000.
  const strata = [1, 5, 12, 30, 41, 22].map((count, i) => ({ count, population: [12000, 15000, 14000, 16000, 13000, 9000][i]!, weight: [5500, 6000, 6500, 7000, 7000, 6500][i]! }));

  it("matches the reference at 95% and 99.8% with exact Poisson limits for O (Dobson's original)", () => {
    const r95 = directlyStandardisedRate(strata, 1e5, 0.95, 'exact');
    expect(r95.rate).toBeCloseTo(153.55993213136068, 9);
    expect(r95.lower).toBeCloseTo(125.80524017250042, 7);
    expect(r95.upper).toBeCloseTo(185.524294810085, 7);
    const r998 = directlyStandardisedRate(strata, 1e5, 0.998, 'exact');
    expect(r998.lower).toBeCloseTo(111.64262400268338, 6);
    expect(r998.upper).toBeCloseTo(205.11861792482316, 6);
  });

  it('gives no rate below 10 events, with the reason (PHE)', () => {
    const small = strata.map((s, i) => ({ ...s, count: [0, 0, 1, 0, 2, 0][i]! }));
    const r = directlyStandardisedRate(small, 1e5, 0.95, 'exact');
    expect(r).toEqual({
      rate: null,
      lower: null,
      upper: null,
      count: 3,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
      perPerson: expect.closeTo(4.003139717425431e-5, 15),
      missing: 'too-few-events',
    });
    expect(
      directlyStandardisedRate(
        small.map((s) => ({ ...s, count: 0 })),
        1e5,
      ).rate,
    ).toBeNull();
  });

  it('has the ESP 2013 weights summing to 100 000', () => {
    expect(Object.values(ESP2013).reduce((a, b) => a + b, 0)).toBe(100000);
  });
});
