import { describe, expect, it } from 'vitest';
import { funnelCurve } from '../../src/stats/funnel-curve.js';

/**
 * Spiegelhalter's (2005) overdispersed limits along the curve, each of the four values against
 * SciPy: with E = target × population ÷ per, s² = 1/(4E), z = norm.ppf(0.975) or norm.ppf(0.999),
 *   additive:       sd = √(s² + τ²),              limits (1 ∓ z·sd)² × target
 *   multiplicative: sd = √(s² · max(1, φ)),       limits (1 ∓ z·sd)² × target
 * (normalQuantile's relative error, below 1.2e-9, moves these by less than 1e-6).
 */
describe('funnelCurve with an overdispersion adjustment', () => {
  it('additive: (1 ∓ z√(s² + τ²))² × target at each level', () => {
    // E = 500 · 1e6 / 1e5 = 5000, τ² = 0.0071:
    // (1 - norm.ppf(0.975) * sqrt(1/20000 + 0.0071))**2 * 500 = 348.003222319633, (1 + …)**2 * 500 = 679.46320824833
    // (1 - norm.ppf(0.999) * sqrt(1/20000 + 0.0071))**2 * 500 = 272.8367384646646, (1 + …)**2 * 500 = 795.4424418338306
    const [p] = funnelCurve(500, 1e5, 2e6, 2, { kind: 'additive', phi: 61.6, tau2: 0.0071 });
    expect(p?.population).toBe(1e6);
    expect(p?.lower95).toBeCloseTo(348.003222319633, 5);
    expect(p?.upper95).toBeCloseTo(679.46320824833, 5);
    expect(p?.lower998).toBeCloseTo(272.8367384646646, 5);
    expect(p?.upper998).toBeCloseTo(795.4424418338306, 5);
  });

  it('multiplicative: (1 ∓ z·s·√φ)² × target at each level', () => {
    // φ = 4: sd = sqrt(4/20000); (1 ∓ norm.ppf(0.975) * sd)**2 * 500 = 472.6660693950759, 528.1022223690629;
    // (1 ∓ norm.ppf(0.999) * sd)**2 * 500 = 457.2524691879482, 544.6574379532685
    const [p] = funnelCurve(500, 1e5, 1e6, 1, { kind: 'multiplicative', phi: 4, tau2: 0 });
    expect(p?.population).toBe(1e6);
    expect(p?.lower95).toBeCloseTo(472.6660693950759, 5);
    expect(p?.upper95).toBeCloseTo(528.1022223690629, 5);
    expect(p?.lower998).toBeCloseTo(457.2524691879482, 5);
    expect(p?.upper998).toBeCloseTo(544.6574379532685, 5);
  });

  it('one step is one point, at the end of the axis; the refusal says what is needed', () => {
    expect(funnelCurve(500, 1e5, 1e6, 1).map((p) => p.population)).toEqual([1e6]);
    expect(() => funnelCurve(500, 1e5, 1e6, 0)).toThrow(/funnelCurve: need to > 0, target > 0, per > 0 and whole steps >= 1/);
    expect(() => funnelCurve(500, 1e5, 0, 4)).toThrow(/funnelCurve: need to > 0/);
    expect(() => funnelCurve(500, 0, 1e6, 4)).toThrow(/funnelCurve: need to > 0/);
    expect(() => funnelCurve(500, 1e5, NaN, 4)).toThrow(RangeError);
    expect(() => funnelCurve(NaN, 1e5, 1e6, 4)).toThrow(RangeError);
    expect(() => funnelCurve(500, NaN, 1e6, 4)).toThrow(RangeError);
  });
});
