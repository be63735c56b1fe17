import { gammaQuantile, normalQuantile } from './gamma.js';
import type { Interval } from './poisson.js';
import { quantile7 } from './spread.js';

/** A unit of a funnel: its observed count and the count expected at the target rate. */
export interface ObservedExpected {
  observed: number;
  expected: number;
}

/** How Spiegelhalter (2005) widens funnel limits for overdispersion. */
export type OverdispersionKind = 'multiplicative' | 'additive';

export interface OverdispersionEstimate {
  /** Units used (expected > 0). */
  n: number;
  /** φ: the mean of the squared winsorised z-scores; about 1 when Poisson variation explains the spread. */
  phi: number;
  /** τ²: the between-unit variance on the square-root scale of O/E (0 when nφ ≤ n − 1). */
  tau2: number;
  /** Whether nφ exceeds the 95th percentile of χ²(n − 1): overdispersion beyond chance (Spiegelhalter 2005). */
  overdispersed: boolean;
}

/**
 * Values winsorised at `fraction` in each tail: those below the fraction-quantile are set to it,
 * those above the (1 − fraction)-quantile likewise (type-7 quantiles, R's default, as FunnelPlotR's winsorisation uses).
 * @example winsorise([1, 2, 3, 4, 100], 0.1) // [1.4, 2, 3, 4, 61.6]
 */
export function winsorise(values: readonly number[], fraction: number): number[] {
  if (!(fraction >= 0 && fraction < 0.5)) throw new RangeError(`winsorise: fraction must be in [0, 0.5) (got ${fraction})`);
  const sorted = [...values].sort((a, b) => a - b);
  const low = quantile7(sorted, fraction);
  const high = quantile7(sorted, 1 - fraction);
  return values.map((v) => (v < low ? low : v > high ? high : v));
}

/**
 * Spiegelhalter's (2005, "Handling over-dispersion of performance indicators", Qual Saf Health
 * Care 14:347) estimates for counts against expected counts, on the square-root scale: each unit's
 * y = √(O/E) with target 1 and standard error s = 1/(2√E), so z = 2(√O − √E); the z-scores are
 * winsorised at `trim` (10%) in each tail; φ = Σ z_w² ÷ n; and the additive between-unit variance
 * by his moment estimator τ² = (nφ − (n − 1)) ÷ (Σ wᵢ − Σ wᵢ² ÷ Σ wᵢ), wᵢ = 1/sᵢ² = 4Eᵢ, or 0 when
 * nφ ≤ n − 1. Overdispersed when nφ exceeds χ²(n − 1)'s 95th percentile.
 * @example estimateOverdispersion([{ observed: 100, expected: 108 }, …]) // { phi: 2.327, tau2: 0.00344, … }
 */
export function estimateOverdispersion(units: readonly ObservedExpected[], trim = 0.1): OverdispersionEstimate {
  const used = units.filter((u) => u.expected > 0);
  for (const u of used) {
    if (!(u.observed >= 0) || !Number.isFinite(u.observed) || !Number.isFinite(u.expected)) throw new RangeError(`estimateOverdispersion: need counts >= 0 (got ${u.observed})`);
  }
  const n = used.length;
  if (n < 2) throw new RangeError('estimateOverdispersion: needs at least 2 units with an expected count');
  const z = winsorise(
    used.map((u) => 2 * (Math.sqrt(u.observed) - Math.sqrt(u.expected))),
    trim,
  );
  const phi = z.reduce((s, v) => s + v * v, 0) / n;
  const w = used.map((u) => 4 * u.expected);
  const sumW = w.reduce((s, v) => s + v, 0);
  const sumW2 = w.reduce((s, v) => s + v * v, 0);
  const tau2 = n * phi > n - 1 ? (n * phi - (n - 1)) / (sumW - sumW2 / sumW) : 0;
  // χ²(k) quantile = 2 × Gamma(k/2) quantile
  const overdispersed = n * phi > 2 * gammaQuantile(0.95, (n - 1) / 2);
  return { n, phi, tau2, overdispersed };
}

/**
 * Funnel limits for the ratio O/E at a unit with E expected events, widened for overdispersion on
 * the square-root scale and squared back (Spiegelhalter 2005): multiplicative 1 ± z·√φ·s, with no
 * widening when φ ≤ 1; additive 1 ± z·√(s² + τ²); s = 1/(2√E), z the standard normal quantile of
 * the two-sided level. The lower limit is 0 where 1 − … falls below 0. Multiply by the target rate
 * for rate limits.
 * @example overdispersedRatioLimits(108, 0.95, { kind: 'multiplicative', phi: 2.327, tau2: 0 }) // { lower: 0.733, upper: 1.308 }
 */
export function overdispersedRatioLimits(expected: number, level: number, adjustment: { kind: OverdispersionKind; phi: number; tau2: number }): Interval {
  if (!(expected > 0)) throw new RangeError(`overdispersedRatioLimits: need expected > 0 (got ${expected})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`overdispersedRatioLimits: level must be between 0 and 1 (got ${level})`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const s2 = 1 / (4 * expected);
  const sd = adjustment.kind === 'multiplicative' ? Math.sqrt(s2 * Math.max(1, adjustment.phi)) : Math.sqrt(s2 + adjustment.tau2);
  const low = 1 - z * sd;
  return { lower: low > 0 ? low * low : 0, upper: (1 + z * sd) ** 2 };
}
