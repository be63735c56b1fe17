import { normalQuantile } from './gamma.js';

/** A ratio with its confidence limits. */
export interface RatioEstimate {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * A log-scale coefficient as a ratio with Wald limits, as R's exp(confint.default(fit)):
 * exp(β ∓ z·se) with z the normal quantile for the level (1.959964 for 95%). Pass the
 * standard error already scaled by √dispersion for a quasi-Poisson fit.
 * @example waldRatio(Math.log(2), 0.1) // { estimate: 2, lower: 1.6440, upper: 2.4331 }
 */
export function waldRatio(coefficient: number, standardError: number, level = 0.95): RatioEstimate {
  if (!Number.isFinite(coefficient) || !(standardError >= 0)) throw new RangeError('waldRatio: need a finite coefficient and a standard error >= 0');
  if (!(level > 0 && level < 1)) throw new RangeError(`waldRatio: level must be between 0 and 1 (got ${level})`);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { estimate: Math.exp(coefficient), lower: Math.exp(coefficient - z * standardError), upper: Math.exp(coefficient + z * standardError) };
}
