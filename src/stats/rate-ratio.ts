import { betaQuantile } from './beta.js';

export interface RateRatio {
  ratio: number;
  lower: number;
  upper: number;
}

/**
 * The ratio of two Poisson rates (x1/t1) / (x2/t2) with the exact conditional interval: given
 * x1 + x2, x1 is binomial with p = t1·λ1 / (t1·λ1 + t2·λ2), so the Clopper–Pearson limits for
 * p give limits for the ratio (as R's poisson.test does for two samples). Is "+94%" more
 * than noise? If the interval excludes 1, yes.
 * @example rateRatio(12, 10000, 5, 12000) // { ratio: 2.88, lower: 0.944, upper: 10.44 }
 */
export function rateRatio(x1: number, t1: number, x2: number, t2: number, level = 0.95): RateRatio {
  if (!(t1 > 0 && t2 > 0) || x1 < 0 || x2 < 0 || !Number.isInteger(x1) || !Number.isInteger(x2)) {
    throw new RangeError('rateRatio: need whole counts >= 0 and positive denominators');
  }
  if (x2 === 0) throw new RangeError('rateRatio: the second count is 0, so the ratio is undefined');
  const alpha = 1 - level;
  const n = x1 + x2;
  const pLow = x1 === 0 ? 0 : betaQuantile(alpha / 2, x1, n - x1 + 1);
  // x2 > 0, so x1 < n and the upper limit of p always comes from the beta quantile; where it is 1
  // (a level of 1), p / (1 − p) is already Infinity.
  const pHigh = betaQuantile(1 - alpha / 2, x1 + 1, n - x1);
  const toRatio = (p: number) => ((p / (1 - p)) * t2) / t1;
  return { ratio: x1 / t1 / (x2 / t2), lower: toRatio(pLow), upper: toRatio(pHigh) };
}
