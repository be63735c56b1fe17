import { describe, expect, it } from 'vitest';
import { funnelCurve } from '../../src/stats/funnel-curve.js';
import { rateFunnelLimits } from '../../src/stats/funnel.js';
import { overdispersedRatioLimits } from '../../src/stats/overdispersion.js';

describe('funnelCurve', () => {
  it("samples PHE's Poisson limits at evenly spaced populations", () => {
    const c = funnelCurve(517.5, 1e5, 2e6, 4);
    expect(c.map((p) => p.population)).toEqual([5e5, 1e6, 1.5e6, 2e6]);
    const at = rateFunnelLimits(517.5, 1e6, 1e5, 0.95);
    const at3 = rateFunnelLimits(517.5, 1e6, 1e5, 0.998);
    expect(c[1]).toEqual({ population: 1e6, lower95: at.lower, upper95: at.upper, lower998: at3.lower, upper998: at3.upper });
    // narrowing with population
    expect(c[3]!.upper998 - c[3]!.lower998).toBeLessThan(c[0]!.upper998 - c[0]!.lower998);
    expect(c[0]!.lower998).toBeLessThan(c[0]!.lower95);
  });

  it("with an adjustment: Spiegelhalter's limits on O/E times the target", () => {
    const adj = { kind: 'additive' as const, phi: 61.6, tau2: 0.0071 };
    const c = funnelCurve(500, 1e5, 1e6, 2, adj);
    const l = overdispersedRatioLimits((500 * 1e6) / 1e5, 0.998, adj);
    expect(c[1]!.lower998).toBeCloseTo(l.lower * 500, 9);
    expect(c[1]!.upper998).toBeCloseTo(l.upper * 500, 9);
    expect(c[0]!.population).toBe(5e5);
  });

  it('refuses what cannot be drawn', () => {
    expect(() => funnelCurve(0, 1e5, 1e6, 10)).toThrow(RangeError);
    expect(() => funnelCurve(1, 0, 1e6, 10)).toThrow(RangeError);
    expect(() => funnelCurve(1, 1e5, 0, 10)).toThrow(RangeError);
    expect(() => funnelCurve(1, 1e5, 1e6, 0)).toThrow(RangeError);
    expect(() => funnelCurve(1, 1e5, 1e6, 2.5)).toThrow(RangeError);
  });
});

describe('funnel plot notes', () => {
  it('wrap at spaces within the width and keep every word in order', async () => {
    const { wrapText } = await import('../../src/render/funnel-svg.js');
    const text = 'Limits: Poisson, as PHEindicatormethods (Spiegelhalter 2005); φ = 61.63: more spread than chance (--overdispersion).';
    const lines = wrapText(text, 40);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.join(' ')).toBe(text);
    expect(wrapText('short', 40)).toEqual(['short']);
    expect(wrapText('', 40)).toEqual([]);
  });
});
