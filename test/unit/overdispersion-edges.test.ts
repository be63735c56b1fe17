import { describe, expect, it } from 'vitest';
import { dsrFunnelTarget } from '../../src/stats/funnel.js';
import { estimateOverdispersion, overdispersedRatioLimits, winsorise } from '../../src/stats/overdispersion.js';

/**
 * Spiegelhalter's (2005) estimates where τ² and the overdispersion test change: expected values
 * from R 4.2.2 with the formulas of overdispersion.ts written out:
 *   zc <- 2*(sqrt(O)-sqrt(E)); q <- quantile(zc, c(0.1, 0.9), type = 7); zw <- pmin(pmax(zc, q[1]), q[2])
 *   phi <- mean(zw^2); W <- 4*E; tau2 <- if (n*phi > n-1) (n*phi-(n-1))/(sum(W)-sum(W^2)/sum(W)) else 0
 *   overdispersed <- n*phi > qchisq(0.95, n-1)
 */
const units = (observed: number[], expected: number[]) => observed.map((o, i) => ({ observed: o, expected: expected[i] ?? NaN }));

describe('estimateOverdispersion between n − 1 and the χ² percentile', () => {
  it('τ² > 0 as soon as nφ exceeds n − 1, while nφ is still below χ²(n − 1)’s 95th percentile', () => {
    // O = (100, 130, 80, 95), E = (100, 110, 95, 100): n·phi = 3.51941623726609 (above 3, below
    // qchisq(0.95, 3) = 7.81472790325118), phi = 0.879854059316523, tau2 = 0.000427916143394564
    const est = estimateOverdispersion(units([100, 130, 80, 95], [100, 110, 95, 100]));
    expect(est.phi).toBeCloseTo(0.879854059316523, 12);
    expect(est.tau2).toBeCloseTo(0.000427916143394564, 15);
    expect(est.tau2).toBeGreaterThan(0);
    expect(est.overdispersed).toBe(false);
  });

  it('two units are enough, and a count of 0 is a count', () => {
    // O = (0, 12), E = (4, 10): n·phi = 12.5495474650104 > qchisq(0.95, 1) = 3.84145882069412,
    // phi = 6.2747737325052, tau2 = 0.505292701594205
    const est = estimateOverdispersion(units([0, 12], [4, 10]));
    expect(est.n).toBe(2);
    expect(est.phi).toBeCloseTo(6.2747737325052, 12);
    expect(est.tau2).toBeCloseTo(0.505292701594205, 12);
    expect(est.overdispersed).toBe(true);
  });
});

describe('refusals name what is wrong', () => {
  it('estimateOverdispersion, overdispersedRatioLimits, winsorise, dsrFunnelTarget', () => {
    expect(() => estimateOverdispersion(units([5], [5]))).toThrow(/needs at least 2 units with an expected count/);
    expect(() => estimateOverdispersion(units([-1, 2], [1, 2]))).toThrow(/estimateOverdispersion: need counts >= 0 \(got -1\)/);
    expect(() => estimateOverdispersion(units([1, 2], [1, Infinity]))).toThrow(RangeError);
    expect(() => overdispersedRatioLimits(0, 0.95, { kind: 'additive', phi: 1, tau2: 0 })).toThrow(/overdispersedRatioLimits: need expected > 0 \(got 0\)/);
    expect(() => overdispersedRatioLimits(10, 0, { kind: 'additive', phi: 1, tau2: 0 })).toThrow(/overdispersedRatioLimits: level must be between 0 and 1 \(got 0\)/);
    expect(() => winsorise([1, 2], 0.5)).toThrow(/winsorise: fraction must be in \[0, 0.5\) \(got 0.5\)/);
    expect(() => dsrFunnelTarget([{ count: 0, rate: 0 }], 1e5)).toThrow(/dsrFunnelTarget: no unit has events/);
  });
});
