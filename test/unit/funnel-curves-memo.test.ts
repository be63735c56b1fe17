import { describe, expect, it } from 'vitest';
import { funnelCurveOf } from '../../src/domain/funnel-curves.js';
import { funnelCurve } from '../../src/stats/funnel-curve.js';

/** The memo of drawn funnel curves (domain/funnel-curves.ts) must never answer for other inputs or give out what a caller changed. */
describe('funnelCurveOf', () => {
  const adjustment = { kind: 'additive' as const, phi: 61.6, tau2: 0.0071 };

  it('is funnelCurve, on a first and a repeated call', () => {
    expect(funnelCurveOf(517.5, 1e5, 2e6, 12)).toEqual(funnelCurve(517.5, 1e5, 2e6, 12));
    expect(funnelCurveOf(517.5, 1e5, 2e6, 12)).toEqual(funnelCurve(517.5, 1e5, 2e6, 12));
    expect(funnelCurveOf(500, 1e5, 1e6, 6, adjustment)).toEqual(funnelCurve(500, 1e5, 1e6, 6, adjustment));
  });

  it('answers each input apart: the rate, per, the axis, the steps and every part of the adjustment', () => {
    const base = [517.5, 1e5, 2e6, 12] as const;
    funnelCurveOf(...base);
    funnelCurveOf(...base, adjustment);
    const variants: Parameters<typeof funnelCurve>[] = [
      // The next double after 517.5: a key that rounded would serve the cached curve.
      [517.5000000000001, 1e5, 2e6, 12],
      [517.5, 1e4, 2e6, 12],
      [517.5, 1e5, 2e6 + 1, 12],
      [517.5, 1e5, 2e6, 13],
      [517.5, 1e5, 2e6, 12, { ...adjustment, kind: 'multiplicative' }],
      [517.5, 1e5, 2e6, 12, { ...adjustment, phi: 61.7 }],
      [517.5, 1e5, 2e6, 12, { ...adjustment, tau2: 0.0072 }],
    ];
    for (const args of variants) expect(funnelCurveOf(...args)).toEqual(funnelCurve(...args));
    expect(funnelCurveOf(517.5000000000001, 1e5, 2e6, 12)).not.toEqual(funnelCurveOf(...base));
  });

  it('gives each caller its own array of points no caller can change', () => {
    const first = funnelCurveOf(400, 1e5, 1e6, 4);
    const expected = funnelCurve(400, 1e5, 1e6, 4);
    first.pop();
    expect(() => {
      first[0]!.upper95 = 0;
    }).toThrow(TypeError);
    expect(funnelCurveOf(400, 1e5, 1e6, 4)).toEqual(expected);
  });

  it('still refuses what funnelCurve refuses, and keeps answering after many distinct curves', () => {
    expect(() => funnelCurveOf(0, 1e5, 1e6, 10)).toThrow(RangeError);
    for (let i = 1; i <= 80; i++) funnelCurveOf(100 + i, 1e5, 1e5, 2);
    expect(funnelCurveOf(101, 1e5, 1e5, 2)).toEqual(funnelCurve(101, 1e5, 1e5, 2));
    expect(funnelCurveOf(180, 1e5, 1e5, 2)).toEqual(funnelCurve(180, 1e5, 1e5, 2));
  });
});
