import { describe, expect, it } from 'vitest';
import { poissonDraw, rankIntervals, seededRandom } from '../../src/stats/rank-interval.js';

/**
 * The rank-interval simulation pinned draw for draw. Every expected value here comes from
 * test/reference/rank-interval-reference.py, an independent Python implementation of the published
 * algorithms: Mulberry32 (Ettinger 2017, checked against its C original), Poisson by inversion,
 * Hörmann's (1993) PTRS with SciPy's `gammaln`, and competition ranks compared as exact fractions.
 */

/** A generator that returns the given values in order and fails when they run out. */
function scripted(values: readonly number[]): () => number {
  let i = 0;
  return () => {
    const value = values[i++];
    if (value === undefined) throw new Error('scripted generator exhausted');
    return value;
  };
}

describe('seededRandom (Mulberry32)', () => {
  it('gives the published generator’s sequence', () => {
    // reference: mulberry32(seed) in rank-interval-reference.py; the same from the C original
    // (uint32_t z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61); return z ^ z >> 14) ÷ 2^32
    const expected: [number, number[]][] = [
      [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111]],
      [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]],
      [20140101, [0.6862615440040827, 0.30357256275601685, 0.43621740164235234, 0.06002417323179543]],
      [4294967295, [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677]],
      // a seed is taken modulo 2^32: −1 is 4294967295
      [-1, [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677]],
    ];
    for (const [seed, values] of expected) {
      const random = seededRandom(seed);
      expect(values.map(() => random())).toEqual(values);
    }
  });
});

describe('poissonDraw', () => {
  it('reproduces the reference draws, including how many uniforms each rejection uses', () => {
    // 3000 draws from seededRandom(7) per mean: sum, sum of squares, uniforms used, first draws
    // (reference: draw(mean, mulberry32(7)) in rank-interval-reference.py). From 30 on PTRS runs,
    // and over these draws every one of its branches: the quick acceptance, the rejections of
    // step 2 and the acceptances and rejections of the exact test of step 3.
    const expected: [number, number, number, number, number[]][] = [
      [0.7, 2065, 3391, 3000, [0, 0, 3, 1, 1, 0, 0, 0]],
      [5, 14886, 88290, 3000, [1, 2, 10, 6, 5, 4, 5, 3]],
      [29.5, 88228, 2680798, 3000, [18, 21, 41, 32, 30, 28, 29, 26]],
      [30, 89960, 2786540, 7290, [30, 29, 31, 26, 35, 25, 26, 26]],
      [31.7, 94986, 3101940, 7248, [32, 31, 33, 27, 36, 26, 28, 27]],
      [480, 1438660, 691315206, 6874, [481, 478, 483, 464, 498, 459, 466, 463]],
      [12000, 35993469, 431877958183, 6802, [12007, 11990, 12016, 11920, 12089, 11895, 11933, 11916]],
    ];
    for (const [mean, sum, sumOfSquares, uniforms, first] of expected) {
      const base = seededRandom(7);
      let used = 0;
      const random = () => {
        used++;
        return base();
      };
      const draws = Array.from({ length: 3000 }, () => poissonDraw(mean, random));
      expect(draws.slice(0, 8)).toEqual(first);
      expect(draws.reduce((s, k) => s + k, 0)).toBe(sum);
      expect(draws.reduce((s, k) => s + k * k, 0)).toBe(sumOfSquares);
      expect(used).toBe(uniforms);
    }
  });

  it('inverts the distribution function below a mean of 30: the smallest k with F(k) ≥ u', () => {
    // F(0) = e^−2 for mean 2, so u = e^−2 gives 0 and the next double up gives 1
    expect(poissonDraw(2, scripted([Math.exp(-2)]))).toBe(0);
    expect(poissonDraw(2, scripted([Math.exp(-2) + 2 ** -55]))).toBe(1);
    // scipy.stats.poisson.ppf(u, 29.99): u = 0.5 → 30 (F(29) = 0.47644, F(30) = 0.54908), u = 0.47 → 29 (F(28) = 0.40378)
    expect(poissonDraw(29.99, scripted([0.5]))).toBe(30);
    expect(poissonDraw(29.99, scripted([0.47]))).toBe(29);
    // scipy.stats.poisson.ppf(0.999, 5) = 13 (F(13) = 0.99977), ppf(0.0001, 5) = 0 (F(0) = e^−5 = 0.0067)
    expect(poissonDraw(5, scripted([0.999]))).toBe(13);
    expect(poissonDraw(5, scripted([0.0001]))).toBe(0);
  });

  it('stops, high in the tail, when u is closer to 1 than the summed probabilities get', () => {
    // For mean 29 the probabilities summed in doubles stay below 1 − 2^−53 until they underflow
    // to 0; the loop must end there, not run forever, and not below the true quantile
    // (scipy.stats.poisson.ppf(1 − 2**−53, 29) = 83).
    const k = poissonDraw(29, scripted([1 - 2 ** -53]));
    expect(Number.isInteger(k)).toBe(true);
    expect(k).toBeGreaterThanOrEqual(83);
  });

  it('a mean of 0 draws 0 without using the generator, so the other units’ draws do not shift', () => {
    expect(poissonDraw(0, scripted([]))).toBe(0);
  });

  it('takes PTRS from a mean of 30 on, branch by branch (Hörmann 1993, steps 1–3)', () => {
    // Each case: uniforms (u, v, u, v …) and the reference result, ptrs(mean, script) in
    // rank-interval-reference.py, with the path it took.
    // mean 30: b = 14.78838, a = 0.30820, v_r = 0.64444, 1/α = 1.22337
    // u = 0.3, v = 0.5: us = 0.2 ≥ 0.07 and v ≤ v_r, accepted at once: k = ⌊(2a/us + b)(u − ½) + 30.43⌋ = 27
    expect(poissonDraw(30, scripted([0.3, 0.5]))).toBe(27);
    // us = 0.02 < 0.07: the exact test of step 3 rejects k = 8 (v = 0.5), the next pair gives 27
    expect(poissonDraw(30, scripted([0.02, 0.5, 0.3, 0.5]))).toBe(27);
    // us = 0.2 ≥ 0.07 but v = 0.99 > v_r: step 3 rejects k = 35
    expect(poissonDraw(30, scripted([0.8, 0.99, 0.3, 0.5]))).toBe(27);
    // us = 0.08 ≥ 0.07 and v = 0.6 ≤ v_r: accepted at once, k = 20; with v = 0.71, just above
    // v_r = 0.9277 − 3.6224/(b − 2) = 0.64444, step 3 decides and rejects k = 20
    expect(poissonDraw(30, scripted([0.08, 0.6]))).toBe(20);
    expect(poissonDraw(30, scripted([0.08, 0.71, 0.3, 0.5]))).toBe(27);
    // us = 0.0135 ≥ 0.013, k = 1, v = 1e−16: step 3 accepts k = 1
    expect(poissonDraw(30, scripted([0.0135, 1e-16, 0.3, 0.5]))).toBe(1);
    // us = 0.0135, v = 0.5: step 3 rejects k = 1
    expect(poissonDraw(30, scripted([0.0135, 0.5, 0.3, 0.5]))).toBe(27);
    // us = 0.013 (plus rounding), k = 0, v = 1e−12: step 3 accepts k = 0 (only k < 0 is thrown out in step 2)
    expect(poissonDraw(30, scripted([0.013, 1e-12, 0.3, 0.5]))).toBe(0);
    // us = 0.012 < 0.013 with v = 1e−16 ≤ us, but k = −2 < 0: step 2 rejects it
    expect(poissonDraw(30, scripted([0.012, 1e-16, 0.3, 0.5]))).toBe(27);
    // k = −2 with v = 0, where log v = −∞ would pass step 3's test: step 2 must reject it first
    expect(poissonDraw(30, scripted([0.012, 0, 0.3, 0.5]))).toBe(27);
    // mean 480: us = 0.005 < 0.013 and v = 0.5 > us: step 2 rejects k = 773; the next pair gives 467
    expect(poissonDraw(480, scripted([0.995, 0.5, 0.3, 0.5]))).toBe(467);
    // us = 0.005, v = 1e−40 ≤ us: on to step 3, which accepts k = 773
    expect(poissonDraw(480, scripted([0.995, 1e-40, 0.3, 0.5]))).toBe(773);
    // us = 0.05 in [0.013, 0.07) and v = 0.3 > us: not quick, not rejected in step 2 (us ≥ 0.013), step 3 accepts k = 529
    expect(poissonDraw(480, scripted([0.95, 0.3, 0.3, 0.5]))).toBe(529);
  });
});

describe('rankIntervals', () => {
  // rates in a narrow band, so each unit's simulated ranks spread over several places; two
  // pairs of equal rates (200/10 000 = 20/1 000, 260/10 000 = 26/1 000), a count of 0, small
  // counts (inversion) and large ones (PTRS), and more than 9 units (ranks of two digits)
  const table: [number, number][] = [
    [200, 10000],
    [20, 1000],
    [215, 10000],
    [230, 10000],
    [24, 1000],
    [245, 10000],
    [260, 10000],
    [26, 1000],
    [280, 10000],
    [300, 10000],
    [0, 500],
    [35, 1200],
  ];
  const units = table.map(([numerator, denominator]) => ({ numerator, denominator }));
  const pairs = (r: { lower: number; upper: number }[]) => r.map((x) => [x.lower, x.upper]);

  it('matches the reference simulation (competition ranks, ⌈0.025·runs⌉-th and ⌈0.975·runs⌉-th smallest)', () => {
    // reference: rank_intervals(units, runs, seed) in rank-interval-reference.py
    expect(pairs(rankIntervals(units, 41, 3))).toEqual([
      [8, 11],
      [3, 11],
      [6, 11],
      [4, 10],
      [2, 11],
      [2, 8],
      [2, 7],
      [1, 11],
      [1, 6],
      [1, 4],
      [12, 12],
      [1, 11],
    ]);
    expect(pairs(rankIntervals(units, 123, 99))).toEqual([
      [7, 11],
      [4, 11],
      [6, 11],
      [4, 10],
      [1, 11],
      [3, 9],
      [2, 8],
      [1, 11],
      [1, 6],
      [1, 5],
      [12, 12],
      [1, 9],
    ]);
  });

  it('uses 2000 runs and the seed 20140101 by default', () => {
    // reference: rank_intervals(units) (runs = 2000, seed = 20140101)
    expect(pairs(rankIntervals(units))).toEqual([
      [7, 11],
      [2, 11],
      [6, 11],
      [4, 10],
      [1, 11],
      [3, 9],
      [2, 8],
      [1, 11],
      [1, 6],
      [1, 4],
      [12, 12],
      [1, 10],
    ]);
  });

  it('takes a single run, and refuses what cannot be simulated with a message that names it', () => {
    // one run: the 1st smallest of one rank is both ends; the counts differ, so the ranks are 1 and 2
    expect(
      rankIntervals(
        [
          { numerator: 0, denominator: 10 },
          { numerator: 5000, denominator: 10 },
        ],
        1,
      ),
    ).toEqual([
      { lower: 2, upper: 2 },
      { lower: 1, upper: 1 },
    ]);
    const one = [{ numerator: 1, denominator: 1 }];
    expect(() => rankIntervals(one, 0)).toThrow(/runs must be a whole number >= 1 \(got 0\)/);
    expect(() => rankIntervals([{ numerator: NaN, denominator: 1 }])).toThrow(/need counts >= 0 and populations > 0 \(got NaN\/1\)/);
    expect(() => rankIntervals([{ numerator: -1, denominator: 1 }])).toThrow(/rankIntervals: need counts >= 0 and populations > 0 \(got -1\/1\)/);
    expect(() => rankIntervals([{ numerator: Infinity, denominator: 1 }])).toThrow(/\(got Infinity\/1\)/);
    expect(() => rankIntervals([{ numerator: 3, denominator: NaN }])).toThrow(/\(got 3\/NaN\)/);
    expect(() => poissonDraw(NaN, scripted([]))).toThrow(/poissonDraw: need a finite mean >= 0 \(got NaN\)/);
  });
});
