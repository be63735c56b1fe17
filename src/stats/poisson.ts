import { gammaQuantile, normalQuantile } from './gamma.js';

/** Lower and upper confidence limit. */
export interface Interval {
  lower: number;
  upper: number;
}

/** How to compute a Poisson interval: exact for every count, Byar's approximation, or PHE's rule (exact below 10, Byar from 10). */
export type PoissonMethod = 'exact' | 'byar' | 'phe';

function checkArgs(count: number, level: number) {
  if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`count must be a finite number >= 0 (got ${count})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1 (got ${level})`);
}

/**
 * Exact (Garwood) confidence interval for a Poisson count x: the α/2 quantile of Gamma(x)
 * and the 1-α/2 quantile of Gamma(x+1). The lower limit of a count of 0 is 0.
 * @example exactPoissonInterval(5, 0.95) // { lower: 1.6235, upper: 11.6683 }
 */
export function exactPoissonInterval(count: number, level = 0.95): Interval {
  checkArgs(count, level);
  const alpha = 1 - level;
  return {
    lower: count === 0 ? 0 : gammaQuantile(alpha / 2, count),
    upper: gammaQuantile(1 - alpha / 2, count + 1),
  };
}

/**
 * Byar's approximation to the exact Poisson interval (Breslow & Day 1987), used by England's
 * public-health indicators for counts of 10 or more.
 * @example byarPoissonInterval(100, 0.95) // { lower: 81.3625, upper: 121.6331 }
 */
export function byarPoissonInterval(count: number, level = 0.95): Interval {
  checkArgs(count, level);
  const z = normalQuantile(1 - (1 - level) / 2);
  const lower = count === 0 ? 0 : count * Math.pow(1 - 1 / (9 * count) - z / (3 * Math.sqrt(count)), 3);
  const x1 = count + 1;
  const upper = x1 * Math.pow(1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1)), 3);
  return { lower: Math.max(0, lower), upper };
}

/** Which interval a count gets under the chosen method: 'phe' picks by the count's size. */
export function poissonMethodUsed(count: number, method: PoissonMethod = 'exact'): 'exact' | 'byar' {
  return method === 'byar' || (method === 'phe' && count >= 10) ? 'byar' : 'exact';
}

/** The interval for a count by the chosen method. */
export function poissonInterval(count: number, level = 0.95, method: PoissonMethod = 'exact'): Interval {
  return poissonMethodUsed(count, method) === 'byar' ? byarPoissonInterval(count, level) : exactPoissonInterval(count, level);
}
