import { describe, expect, it } from 'vitest';
import { estimateOverdispersion, overdispersedRatioLimits, winsorise } from '../../src/stats/overdispersion.js';

// FunnelPlotR's own test data (tests/testthat/test-funnel_plot.R, test-classes_methods.R).
const O = [100, 150, 180, 80, 120, 225];
const E = [108, 112, 165, 95, 100, 220];
const units = O.map((observed, i) => ({ observed, expected: E[i]! }));

describe('winsorisation and φ', () => {
  it('type-7 quantiles and 10% winsorisation as R (quantile, pmin/pmax)', () => {
    expect(winsorise([1, 2, 3, 4, 100], 0.1)).toEqual([1.4, 2, 3, 4, expect.closeTo(61.6, 10)]);
    expect(winsorise([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(() => winsorise([1], 0.5)).toThrow(RangeError);
    expect(() => winsorise([1], -0.1)).toThrow(RangeError);
  });

  it('φ as FunnelPlotR phi_func: its expectation 2.948033 is the mean squared log-scale z, none trimmed', () => {
    // FunnelPlotR (test-classes_methods.R) expects round(phi, 6) == 2.948033 for its default SHMI method: z = √E·ln(O/E),
    // truncation at 10% that removes none of 6 units. φ is the same mean of squares; winsorising 0% reproduces it.
    const z = units.map((u) => Math.sqrt(u.expected) * Math.log(u.observed / u.expected));
    const phi = winsorise(z, 0).reduce((s, v) => s + v * v, 0) / z.length;
    expect(Math.round(phi * 1e6) / 1e6).toBe(2.948033);
  });

  it("Spiegelhalter's square-root scale, 10% winsorised (R 4: quantile type 7; independent of FunnelPlotR)", () => {
    // R: zc <- 2*(sqrt(O)-sqrt(E)); phi <- mean(w(zc)^2); tau2 <- (n*phi-(n-1))/(sum(W)-sum(W^2)/sum(W)), W = 4E
    const est = estimateOverdispersion(units);
    expect(est.n).toBe(6);
    expect(est.phi).toBeCloseTo(2.32717825759412, 12);
    expect(est.tau2).toBeCloseTo(0.00343978015418627, 14);
    // χ²(5) 95th percentile is 11.0705; 6 × 2.327 = 13.96 exceeds it
    expect(est.overdispersed).toBe(true);
  });

  it('limits squared back to the ratio scale (FunnelPlotR issue #33 leaves CQC limits on the √ scale)', () => {
    const est = estimateOverdispersion(units);
    // R: (1 ∓ qnorm(p)·√φ·s)², (1 ∓ qnorm(p)·√(s² + τ²))², s = 1/(2√E)
    const expected: [number, number, number, number, number, number, number, number, number, number][] = [
      [0, 0.975, 0.732986483430465, 1.30840129177769, 0.724744040664583, 1.3194680385418, 0.999, 0.597821256346823, 1.50506518747408, 0.586109556362886],
      [2, 0.975, 0.780778339279916, 1.24631184085633, 0.743105436276897, 1.29496289565733, 0.999, 0.666673686916694, 1.40067016722063, 0.612266509528787],
      [5, 0.975, 0.808576898212143, 1.21174073689004, 0.752406913063703, 1.28275122279424, 0.999, 0.70742414618571, 1.34308374441728, 0.625608917194852],
    ];
    for (const [i, , ml, mu, al, au, , ml3, mu3, al3] of expected) {
      const m95 = overdispersedRatioLimits(E[i]!, 0.95, { kind: 'multiplicative', ...est });
      const a95 = overdispersedRatioLimits(E[i]!, 0.95, { kind: 'additive', ...est });
      expect(m95.lower).toBeCloseTo(ml, 8);
      expect(m95.upper).toBeCloseTo(mu, 8);
      expect(a95.lower).toBeCloseTo(al, 8);
      expect(a95.upper).toBeCloseTo(au, 8);
      const m998 = overdispersedRatioLimits(E[i]!, 0.998, { kind: 'multiplicative', ...est });
      expect(m998.lower).toBeCloseTo(ml3, 8);
      expect(m998.upper).toBeCloseTo(mu3, 8);
      expect(overdispersedRatioLimits(E[i]!, 0.998, { kind: 'additive', ...est }).lower).toBeCloseTo(al3, 8);
    }
  });

  it('no multiplicative widening when φ ≤ 1; τ² = 0 when nφ ≤ n − 1; lower limit 0 below zero', () => {
    const plain = overdispersedRatioLimits(100, 0.95, { kind: 'multiplicative', phi: 1, tau2: 0 });
    expect(overdispersedRatioLimits(100, 0.95, { kind: 'multiplicative', phi: 0.4, tau2: 0 })).toEqual(plain);
    // s = 0.05: (1 ± 1.959964·0.05)²
    expect(plain.lower).toBeCloseTo((1 - 1.959963984540054 * 0.05) ** 2, 9);
    expect(plain.upper).toBeCloseTo((1 + 1.959963984540054 * 0.05) ** 2, 9);
    expect(overdispersedRatioLimits(100, 0.95, { kind: 'additive', phi: 5, tau2: 0 })).toEqual(plain);
    expect(overdispersedRatioLimits(0.5, 0.998, { kind: 'additive', phi: 1, tau2: 0.5 }).lower).toBe(0);
    // exactly Poisson-like units: O = E gives z = 0, φ = 0, τ² = 0, not overdispersed
    const calm = estimateOverdispersion([
      { observed: 50, expected: 50 },
      { observed: 80, expected: 80 },
      { observed: 20, expected: 20 },
    ]);
    expect(calm).toEqual({ n: 3, phi: 0, tau2: 0, overdispersed: false });
    // units without an expected count are left out
    expect(estimateOverdispersion([...units, { observed: 3, expected: 0 }]).n).toBe(6);
    expect(() => estimateOverdispersion([{ observed: 1, expected: 1 }])).toThrow(RangeError);
    expect(() =>
      estimateOverdispersion([
        { observed: -1, expected: 1 },
        { observed: 1, expected: 1 },
      ]),
    ).toThrow(RangeError);
    expect(() => overdispersedRatioLimits(0, 0.95, { kind: 'additive', phi: 1, tau2: 0 })).toThrow(RangeError);
    expect(() => overdispersedRatioLimits(10, 1, { kind: 'additive', phi: 1, tau2: 0 })).toThrow(RangeError);
  });

  it("bundled KBT 2014, 21 regions (R 4, same formulas): φ = 61.63, τ² = 0.0070982, Gotland's limits", () => {
    // KBT 2014 counts and populations of the 21 regions (bundled data), national rate 50440 / 9747355
    const data: [number, number][] = [
      [8658, 1288908],
      [10624, 1632012],
      [2622, 442105],
      [1763, 310665],
      [1575, 280666],
      [1412, 262362],
      [1304, 249987],
      [948, 189128],
      [1597, 344262],
      [10173, 2198044],
      [1607, 348942],
      [1261, 274691],
      [254, 57255],
      [997, 243061],
      [1119, 279991],
      [1074, 278903],
      [584, 154157],
      [986, 261703],
      [814, 235598],
      [768, 288150],
      [300, 126765],
    ];
    expect(data.length).toBe(21);
    const t = 50440 / 9747355;
    const est = estimateOverdispersion(data.map(([o, n]) => ({ observed: o, expected: t * n })));
    expect(est.phi).toBeCloseTo(61.6302315542281, 9);
    expect(est.tau2).toBeCloseTo(0.00709818367364415, 12);
    expect(est.overdispersed).toBe(true);
    // Gotland: E = 296.279575330949; multiplicative with φ = 61.6302315542281, per 100 000
    const g = overdispersedRatioLimits(296.279575330949, 0.95, { kind: 'multiplicative', phi: 61.6302315542281, tau2: 0 });
    expect(g.lower * t * 1e5).toBeCloseTo(158.273675629814, 5);
    expect(g.upper * t * 1e5).toBeCloseTo(1083.42425289102, 5);
    const a = overdispersedRatioLimits(296.279575330949, 0.998, { kind: 'additive', phi: 61.6302315542281, tau2: 0.00709818367364415 });
    expect(a.lower * t * 1e5).toBeCloseTo(271.701053263416, 5);
    expect(a.upper * t * 1e5).toBeCloseTo(841.73910109898, 5);
  });
});
