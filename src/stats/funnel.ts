import { gammaQuantile, normalQuantile } from './gamma.js';
import type { Interval } from './poisson.js';

/**
 * Funnel-plot control limits (Spiegelhalter 2005) for a rate: where a unit of this population
 * would fall by chance alone if its true rate were the target (usually the national rate).
 * Exact Poisson limits around the expected count E = target × population, via the chi-square
 * (gamma) quantiles as England's public-health indicator tools compute them, scaled to the rate.
 * Use level 0.95 (≈ 2 SD) and 0.998 (≈ 3 SD).
 * @example rateFunnelLimits(517.47, 57255, 100000, 0.95) // { lower: 460.2, upper: 579.9 }
 */
export function rateFunnelLimits(targetRate: number, population: number, per: number, level: number): Interval {
  if (!(population > 0) || !(targetRate >= 0)) throw new RangeError('rateFunnelLimits: need population > 0 and target >= 0');
  const expected = (targetRate * population) / per;
  const alpha = 1 - level;
  const scale = per / population;
  return {
    lower: expected === 0 ? 0 : gammaQuantile(alpha / 2, expected) * scale,
    upper: gammaQuantile(1 - alpha / 2, expected + 1) * scale,
  };
}

/**
 * Funnel-plot control limits for a proportion with target p0 and denominator n, by the normal
 * approximation p0 ± z·√(p0(1−p0)/n) (Spiegelhalter 2005, eq. 2), clamped to [0, 1].
 * @example proportionFunnelLimits(0.73, 100, 0.95) // { lower: 0.643, upper: 0.817 }
 */
export function proportionFunnelLimits(target: number, n: number, level: number): Interval {
  if (!(n > 0) || !(target >= 0 && target <= 1)) throw new RangeError('proportionFunnelLimits: need n > 0 and 0 <= target <= 1');
  const z = normalQuantile(1 - (1 - level) / 2);
  const half = z * Math.sqrt((target * (1 - target)) / n);
  return { lower: Math.max(0, target - half), upper: Math.min(1, target + half) };
}

/** Where a value lies against funnel limits: 'high' above the upper, 'low' below the lower, else 'within'. */
export function funnelPosition(value: number, limits: Interval): 'high' | 'low' | 'within' {
  if (value > limits.upper) return 'high';
  if (value < limits.lower) return 'low';
  return 'within';
}

/**
 * Where a value lies against both sets of limits, as one label: "above 99.8%", "below 95%",
 * "within" — the stricter limits first.
 * @example funnelLabel(0.9, { lower: 0.7, upper: 0.85 }, { lower: 0.65, upper: 0.92 }) // 'above 95%'
 */
export function funnelLabel(value: number, limits95: Interval, limits998: Interval): string {
  const p998 = funnelPosition(value, limits998);
  if (p998 !== 'within') return `${p998 === 'high' ? 'above' : 'below'} 99.8%`;
  const p95 = funnelPosition(value, limits95);
  return p95 !== 'within' ? `${p95 === 'high' ? 'above' : 'below'} 95%` : 'within';
}
