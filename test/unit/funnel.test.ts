import { describe, expect, it } from 'vitest';
import { dsrFunnelSignificance, dsrFunnelTarget, rateFunnelLimits, rateFunnelSignificance } from '../../src/stats/funnel.js';
import { proportionFunnelLimits, proportionFunnelPoint, proportionFunnelSignificance } from '../../src/stats/funnel-proportion.js';
import { PROPORTION_BASELINE_PCT, PROPORTION_LIMITS, PROPORTION_SIGNIFICANCE, RATE_LIMITS, RATE_SIGNIFICANCE } from '../reference/phe-funnels.js';

describe('rate funnels as PHEindicatormethods (its test data)', () => {
  it('classifies all 40 crude rates of testdata_funnel_rate_dsr_inputs, with and without the 0-count unit in the target', () => {
    // PHE's denominator: count ÷ rate × 100 000, the population for a count of 0.
    const denominator = (r: (typeof RATE_SIGNIFICANCE)[number]) => (r[0] === 0 ? r[2] : (r[0] / r[3]) * 1e5);
    const withZero = RATE_SIGNIFICANCE.reduce((s, r) => s + r[0], 0) / RATE_SIGNIFICANCE.reduce((s, r) => s + denominator(r), 0);
    const got = RATE_SIGNIFICANCE.map((r) => rateFunnelSignificance(r[0], denominator(r), withZero));
    expect(got).toEqual(RATE_SIGNIFICANCE.map((r) => r[4]));
    const some = RATE_SIGNIFICANCE.filter((r) => r[0] > 0);
    const withoutZero = some.reduce((s, r) => s + r[0], 0) / some.reduce((s, r) => s + denominator(r), 0);
    expect(some.map((r) => rateFunnelSignificance(r[0], denominator(r), withoutZero))).toEqual(some.map((r) => r[5]));
    // the outcomes cover every level
    expect(new Set(got)).toEqual(new Set(['above 99.8%', 'above 95%', 'within', 'below 95%', 'below 99.8%']));
  });

  it('classifies the DSRs of the same data, none below 10 events', () => {
    const units = RATE_SIGNIFICANCE.filter((r) => r[1] !== null).map((r) => ({ count: r[0], rate: r[1]! }));
    const target = dsrFunnelTarget(units, 1e5);
    expect(units.map((u) => dsrFunnelSignificance(u.count, u.rate, 1e5, target))).toEqual(RATE_SIGNIFICANCE.filter((r) => r[1] !== null).map((r) => r[6]));
    expect(RATE_SIGNIFICANCE.find((r) => r[0] === 0)![6]).toBeNull();
  });

  it("draws the curves through PHE's points (calculate_funnel_limits, 3 years of data)", () => {
    let checked = 0;
    for (const { baseline, rows } of RATE_LIMITS) {
      for (const r of rows) {
        for (const [level, popAt, limitAt, side] of [
          [0.95, 1, 2, 'lower'],
          [0.95, 3, 4, 'upper'],
          [0.998, 5, 6, 'lower'],
          [0.998, 7, 8, 'upper'],
        ] as const) {
          const l = rateFunnelLimits(baseline, r[popAt]! * 3, 1e5, level);
          // PHE's poisson_funnel bisects to 1e-7 on v = E/(1+obs+E): agreement to 1e-5 relative
          expect(Math.abs((side === 'lower' ? l.lower : l.upper) / r[limitAt]! - 1)).toBeLessThan(1e-5);
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * 12 * 4);
  });
});

describe('rate funnels at the edges (independent values from R 4: qgamma, qnorm)', () => {
  // −log(0.025) = 3.6888794541139363 and −log(0.001) = 6.9077552789821368: the upper limits of a count of 0.
  it('a count of 0 is below only when E exceeds the upper limit of 0, and never above', () => {
    expect(rateFunnelSignificance(0, 1000, 3.6888 / 1000)).toBe('within');
    expect(rateFunnelSignificance(0, 1000, 3.6889 / 1000)).toBe('below 95%');
    expect(rateFunnelSignificance(0, 1000, 6.9077 / 1000)).toBe('below 95%');
    expect(rateFunnelSignificance(0, 1000, 6.9078 / 1000)).toBe('below 99.8%');
    expect(rateFunnelSignificance(0, 10, 0)).toBe('within');
    expect(rateFunnelSignificance(0, 1e9, 1e-12)).toBe('within');
  });

  it('one event where almost none were expected: qgamma(0.025, 1) = 0.0253178, qgamma(0.001, 1) = 0.0010005', () => {
    expect(rateFunnelSignificance(1, 1e6, 0.0253 / 1e6)).toBe('above 95%');
    expect(rateFunnelSignificance(1, 1e6, 0.02532 / 1e6)).toBe('within');
    expect(rateFunnelSignificance(1, 1e6, 0.0010004 / 1e6)).toBe('above 99.8%');
    expect(rateFunnelSignificance(1, 1e6, 0.0010006 / 1e6)).toBe('above 95%');
  });

  it("from 10 events Byar's limits decide: 10·(1 − 1/90 − z/(3√10))³ = 4.78745 (95%), 2.91632 (99.8%); 11·(1 − 1/99 + z/(3√11))³ = 18.39146", () => {
    expect(rateFunnelSignificance(10, 100, 4.7874 / 100)).toBe('above 95%');
    expect(rateFunnelSignificance(10, 100, 4.7875 / 100)).toBe('within');
    expect(rateFunnelSignificance(10, 100, 2.9163 / 100)).toBe('above 99.8%');
    expect(rateFunnelSignificance(10, 100, 2.9164 / 100)).toBe('above 95%');
    expect(rateFunnelSignificance(10, 100, 18.3914 / 100)).toBe('within');
    expect(rateFunnelSignificance(10, 100, 18.3915 / 100)).toBe('below 95%');
    // exact below 10: qgamma(0.975, 6) = 11.668332 is the 95% upper limit of 5 events
    expect(rateFunnelSignificance(5, 100, 11.6683 / 100)).toBe('within');
    expect(rateFunnelSignificance(5, 100, 11.6684 / 100)).toBe('below 95%');
  });

  it('curves: the count whose exact limit equals E, continuous in the count', () => {
    // qgamma(0.975, 6) = 11.668332079322667: at E = that, the 95% lower curve is 5 events
    let l = rateFunnelLimits(11.668332079322667, 100, 100, 0.95);
    expect(l.lower).toBeCloseTo(5, 9);
    // qgamma(0.025, 5) = 1.6234863901184207: at E = that, the 95% upper curve is 5 events
    l = rateFunnelLimits(1.6234863901184207, 100, 100, 0.95);
    expect(l.upper).toBeCloseTo(5, 9);
    // qgamma(0.999, 3) = 11.228872242412661: the 99.8% lower curve is 2 events; qgamma(0.001, 2.5) = 0.105106: upper is 2.5
    expect(rateFunnelLimits(11.228872242412661, 100, 100, 0.998).lower).toBeCloseTo(2, 9);
    expect(rateFunnelLimits(0.10510630131460959, 100, 100, 0.998).upper).toBeCloseTo(2.5, 8);
    // below E = −log(α/2) no count is low: the lower curve is 0
    expect(rateFunnelLimits(3.68, 100, 100, 0.95).lower).toBe(0);
    expect(rateFunnelLimits(3.69, 100, 100, 0.95).lower).toBeGreaterThan(0);
    expect(rateFunnelLimits(6.9, 100, 100, 0.998).lower).toBe(0);
    expect(rateFunnelLimits(0, 100, 100, 0.95)).toEqual({ lower: 0, upper: 0 });
    // per scales the rate, not the limit's position
    const a = rateFunnelLimits(517.47, 57255, 1e5, 0.998);
    const b = rateFunnelLimits(5.1747, 57255, 1e3, 0.998);
    expect(a.lower / 100).toBeCloseTo(b.lower, 10);
    expect(a.upper / 100).toBeCloseTo(b.upper, 10);
  });

  it("KBT 2014 national rate 50440/9747355 at Gotland's and Skåne's populations (R: uniroot on pgamma, tol 1e-13)", () => {
    const national = (50440 / 9747355) * 1e5;
    for (const [pop, lo95, up95, lo998, up998] of [
      [57255, 458.5210193918935, 578.08148422641273, 426.23922662814942, 613.6904064460997],
      [1288908, 505.05296939589181, 529.9679464310916, 497.96542619979834, 537.20311785202887],
    ] as const) {
      const a = rateFunnelLimits(national, pop, 1e5, 0.95);
      const b = rateFunnelLimits(national, pop, 1e5, 0.998);
      expect(a.lower).toBeCloseTo(lo95, 8);
      expect(a.upper).toBeCloseTo(up95, 8);
      expect(b.lower).toBeCloseTo(lo998, 8);
      expect(b.upper).toBeCloseTo(up998, 8);
    }
  });

  it('refuses impossible input', () => {
    expect(() => rateFunnelSignificance(-1, 10, 0.1)).toThrow(RangeError);
    expect(() => rateFunnelSignificance(-2, 10, 0.1)).toThrow(/whole count >= 0/);
    expect(() => rateFunnelSignificance(1.5, 10, 0.1)).toThrow(RangeError);
    expect(() => rateFunnelSignificance(1, 0, 0.1)).toThrow(RangeError);
    expect(() => rateFunnelSignificance(1, 10, -0.1)).toThrow(RangeError);
    expect(() => rateFunnelLimits(1, 0, 100, 0.95)).toThrow(RangeError);
    expect(() => rateFunnelLimits(-1, 10, 100, 0.95)).toThrow(RangeError);
    expect(() => rateFunnelLimits(1, 10, 0, 0.95)).toThrow(RangeError);
    expect(() => rateFunnelLimits(1, 10, 100, 1)).toThrow(RangeError);
    expect(() => rateFunnelLimits(1, 10, 100, 0)).toThrow(RangeError);
    expect(() => dsrFunnelTarget([{ count: 0, rate: 0 }], 100)).toThrow(RangeError);
    expect(dsrFunnelSignificance(9, 50, 1e5, 5e-4)).toBeNull();
    expect(dsrFunnelSignificance(10, 50, 1e5, 5e-4)).toBe('within');
  });
});

describe('proportion funnels as PHEindicatormethods (its test data)', () => {
  it('classifies all 303 proportions of testdata_funnel_prop_inputs', () => {
    const target = PROPORTION_SIGNIFICANCE.reduce((s, r) => s + r[0], 0) / PROPORTION_SIGNIFICANCE.reduce((s, r) => s + r[1], 0);
    expect(target * 100).toBeCloseTo(PROPORTION_BASELINE_PCT, 5);
    const got = PROPORTION_SIGNIFICANCE.map((r) => proportionFunnelSignificance(r[0], r[1], target));
    expect(got).toEqual(PROPORTION_SIGNIFICANCE.map((r) => r[2]));
    expect(new Set(got).size).toBe(5);
  });

  it('reproduces the 100 limit rows of testdata_funnel_prop_outputs', () => {
    const target = PROPORTION_BASELINE_PCT / 100;
    for (const [n, l95, u95, l998, u998] of PROPORTION_LIMITS) {
      const a = proportionFunnelLimits(target, n, 0.95);
      const b = proportionFunnelLimits(target, n, 0.998);
      // PHE's values are printed to 6 decimals
      [a.lower * 100, a.upper * 100, b.lower * 100, b.upper * 100].forEach((v, i) => expect(Math.abs(v - [l95, u95, l998, u998][i]!)).toBeLessThan(1e-6));
    }
  });

  it('the limit is where the Wilson score interval touches the target (independent: scipy.stats.norm)', () => {
    // Wilson upper limit of 70/100 at z = qnorm(0.975) is 0.7813; the low funnel point at n = 100 for that target is 0.70
    const z = 1.959963984540054;
    const wilsonUpper = (x: number, n: number) => (2 * x + z * z + z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
    const target = wilsonUpper(70, 100);
    expect(proportionFunnelPoint(0.975, 100, target, 'low')).toBeCloseTo(0.7, 9);
    expect(proportionFunnelSignificance(70, 100, target)).toBe('within');
    expect(proportionFunnelSignificance(69, 100, target)).toBe('below 95%');
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.closeTo, expect.any) as any.
    expect(proportionFunnelLimits(0, 50, 0.95)).toEqual({ lower: 0, upper: expect.any(Number) });
    expect(proportionFunnelLimits(1, 50, 0.95).upper).toBeCloseTo(1, 12);
    expect(() => proportionFunnelSignificance(11, 10, 0.5)).toThrow(RangeError);
    expect(proportionFunnelSignificance(0, 10, 0.5)).toBe('below 99.8%'); // Wilson upper of 0/10 at z = 3.09: z²/(10 + z²) = 0.488
    expect(proportionFunnelSignificance(10, 10, 0.5)).toBe('above 99.8%');
    expect(() => proportionFunnelSignificance(1, 10, -0.1)).toThrow(/0 <= target <= 1/);
    expect(() => proportionFunnelSignificance(11, 10, 0.5)).toThrow(/0 <= x <= n/);
    expect(() => proportionFunnelSignificance(-1, 10, 0.5)).toThrow(RangeError);
    expect(() => proportionFunnelLimits(0.5, 0, 0.95)).toThrow(RangeError);
    expect(() => proportionFunnelLimits(1.5, 10, 0.95)).toThrow(RangeError);
  });
});
