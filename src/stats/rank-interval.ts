import { gammaln } from 'simple-statistics';
import { compareRatios, type Ratio } from './rank.js';

/** A seeded pseudo-random generator (Mulberry32): uniform in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Poisson(mean) draw: by inversion below a mean of 30, else Hörmann's (1993) transformed
 * rejection PTRS — exact, and fast for the large counts regions have.
 */
export function poissonDraw(mean: number, random: () => number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poissonDraw: need a finite mean >= 0 (got ${mean})`);
  if (mean === 0) return 0;
  if (mean < 30) {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = random();
    while (u > cdf) {
      k++;
      p *= mean / k;
      cdf += p;
      if (p === 0) break;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - gammaln(k + 1)) return k;
  }
}

/** A unit's interval of rank: the 2.5th and 97.5th percentiles of its simulated ranks. */
export interface RankInterval {
  lower: number;
  upper: number;
}

/**
 * Each unit's 95% interval of rank (highest rate = 1) by parametric simulation (Goldstein &
 * Spiegelhalter 1996, "League tables and their limitations", JRSS A 159:385): `runs` times,
 * every count is drawn from Poisson(observed count) and the units are ranked on the simulated
 * rates (competition ranks, exact comparison); each unit's interval is the 2.5th and 97.5th
 * percentiles of its ranks (the ⌈0.025·runs⌉-th and ⌈0.975·runs⌉-th smallest). Deterministic:
 * the seed fixes every draw.
 * @example rankIntervals([{ numerator: 500, denominator: 1e5 }, …], 2000, 20140101) // [{ lower: 1, upper: 3 }, …]
 */
export function rankIntervals(units: readonly Ratio[], runs = 2000, seed = 20140101): RankInterval[] {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`rankIntervals: runs must be a whole number >= 1 (got ${runs})`);
  for (const u of units) {
    if (!(u.numerator >= 0) || !Number.isFinite(u.numerator) || !(u.denominator > 0))
      throw new RangeError(`rankIntervals: need counts >= 0 and populations > 0 (got ${u.numerator}/${u.denominator})`);
  }
  const random = seededRandom(seed);
  const ranks = units.map(() => new Array<number>(runs));
  for (let run = 0; run < runs; run++) {
    const drawn = units.map((u) => ({ numerator: poissonDraw(u.numerator, random), denominator: u.denominator }));
    drawn.forEach((d, i) => {
      // competition rank: 1 + how many are strictly higher
      let above = 0;
      for (const other of drawn) if (compareRatios(other, d) > 0) above++;
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- ranks has one array per unit, as drawn has one draw per unit.
      ranks[i]![run] = above + 1;
    });
  }
  return ranks.map((r) => {
    const sorted = r.sort((x, y) => x - y);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- runs >= 1 (checked above), so both indices are in [0, runs).
    return { lower: sorted[Math.ceil(0.025 * runs) - 1]!, upper: sorted[Math.ceil(0.975 * runs) - 1]! };
  });
}
