import { normalQuantile } from './gamma.js';
import type { Interval } from './poisson.js';

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; Newcombe 1998): well-behaved near
 * 0 and 1 and for small n, unlike the Wald interval. Limits are clamped to [0, 1].
 * @example wilsonInterval(10, 21) // { lower: 0.2834, upper: 0.6763 }
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0) || !(x >= 0) || x > n) throw new RangeError(`wilsonInterval: need 0 <= x <= n and n > 0 (x=${x}, n=${n})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1 (got ${level})`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + z2n);
  return { lower: x === 0 ? 0 : Math.max(0, centre - half), upper: x === n ? 1 : Math.min(1, centre + half) };
}
