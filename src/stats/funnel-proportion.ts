import { normalQuantile } from './gamma.js';
import type { Interval } from './poisson.js';
import type { FunnelLabel } from './funnel.js';

/**
 * The control limit for a proportion with denominator n around the target p̄, as
 * PHEindicatormethods' `sigma_adjustment` computes it (the Fingertips funnel method): the
 * proportion whose Wilson score interval at the one-sided probability `p` (0.975 or 0.999) just
 * reaches p̄, from the quadratic in closed form. Unclamped: it can fall below 0 or above 1 (or be
 * NaN for n = 1 at 0.999), which never makes a proportion significant.
 */
export function proportionFunnelPoint(p: number, n: number, target: number, side: 'low' | 'high'): number {
  const z2 = normalQuantile(p) ** 2;
  const first = target * (n / z2 + 1);
  const adj = Math.sqrt((-8 * target * (n / z2 + 1)) ** 2 - 64 * (1 / z2 + 1 / n) * target * (n * (target * (n / z2 + 2) - 1) + z2 * (target - 1)));
  const last = 1 / z2 + 1 / n;
  return (side === 'low' ? first - adj / 8 : first + adj / 8) / last / n;
}

function checkArgs(n: number, target: number): void {
  if (!(n > 0) || !(target >= 0 && target <= 1)) throw new RangeError(`proportion funnel: need n > 0 and 0 <= target <= 1 (n=${n}, target=${target})`);
}

/**
 * Funnel-plot control limits for a proportion with target p̄ and denominator n, as
 * PHEindicatormethods' `calculate_funnel_limits` (statistic "proportion"): `sigma_adjustment` at
 * 0.975 for 95% and 0.999 for 99.8%, clamped to [0, 1].
 * @example proportionFunnelLimits(0.8, 100, 0.95) // { lower: 0.7017, upper: 0.8737 }
 */
export function proportionFunnelLimits(target: number, n: number, level: number): Interval {
  checkArgs(n, target);
  const p = 1 - (1 - level) / 2;
  const lower = proportionFunnelPoint(p, n, target, 'low');
  const upper = proportionFunnelPoint(p, n, target, 'high');
  return { lower: lower > 0 ? lower : 0, upper: upper < 1 ? upper : 1 };
}

/**
 * Where a proportion x/n lies in a funnel plot around p̄, as PHEindicatormethods'
 * `assign_funnel_significance` (statistic "proportion"): below the 99.8% limit first, then the
 * 95% one, then above 99.8%, above 95%.
 * @example proportionFunnelSignificance(60, 100, 0.8) // 'below 99.8%'
 */
export function proportionFunnelSignificance(x: number, n: number, target: number): FunnelLabel {
  checkArgs(n, target);
  if (!(x >= 0 && x <= n)) throw new RangeError(`proportion funnel: need 0 <= x <= n (x=${x}, n=${n})`);
  const value = x / n;
  if (value < proportionFunnelPoint(0.999, n, target, 'low')) return 'below 99.8%';
  if (value < proportionFunnelPoint(0.975, n, target, 'low')) return 'below 95%';
  if (value > proportionFunnelPoint(0.999, n, target, 'high')) return 'above 99.8%';
  if (value > proportionFunnelPoint(0.975, n, target, 'high')) return 'above 95%';
  return 'within';
}
