import { poissonInterval, type PoissonMethod } from './poisson.js';

export interface Rate {
  count: number;
  population: number;
  per: number;
  rate: number;
  lower: number;
  upper: number;
}

/** Counts below this make a rate unstable; indicator bodies flag or suppress them. */
export const SMALL_COUNT = 10;

/**
 * A crude rate per `per` inhabitants with a Poisson confidence interval for the count,
 * scaled by the same factor (the population is taken as known without error).
 * @example crudeRate(50, 200000, 100000) // { rate: 25, lower: 18.56, upper: 32.96, … }
 */
export function crudeRate(count: number, population: number, per = 100000, level = 0.95, method: PoissonMethod = 'exact'): Rate {
  if (!(population > 0)) throw new RangeError(`population must be > 0 (got ${population})`);
  if (!(per > 0)) throw new RangeError(`per must be > 0 (got ${per})`);
  const ci = poissonInterval(count, level, method);
  const scale = per / population;
  return { count, population, per, rate: count * scale, lower: ci.lower * scale, upper: ci.upper * scale };
}
