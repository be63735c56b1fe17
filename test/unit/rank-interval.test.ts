import { describe, expect, it } from 'vitest';
import { poissonDraw, rankIntervals, seededRandom } from '../../src/stats/rank-interval.js';

describe('rank intervals by simulation (Goldstein & Spiegelhalter 1996)', () => {
  it('is deterministic: the same seed gives the same intervals, another seed may not', () => {
    const units = [
      [120, 1000],
      [100, 1000],
      [95, 1000],
      [60, 1000],
    ].map(([numerator, denominator]) => ({ numerator: numerator!, denominator: denominator! }));
    expect(rankIntervals(units)).toEqual(rankIntervals(units));
    const r = rankIntervals(units, 2000, 20140101);
    // 120 vs 100 and 95 overlap, 60 is far below: rank 4 for sure
    expect(r[3]).toEqual({ lower: 4, upper: 4 });
    expect(r[0]!.lower).toBe(1);
    expect(r[1]!.lower).toBeLessThanOrEqual(2);
    expect(r[1]!.upper).toBeGreaterThanOrEqual(3);
    for (const x of r) expect(x.lower).toBeLessThanOrEqual(x.upper);
  });

  it('a dominant unit is 1–1; two identical large units share 1–2', () => {
    expect(
      rankIntervals(
        [
          { numerator: 10000, denominator: 1e5 },
          { numerator: 100, denominator: 1e5 },
        ],
        500,
      ),
    ).toEqual([
      { lower: 1, upper: 1 },
      { lower: 2, upper: 2 },
    ]);
    const twins = rankIntervals(
      [
        { numerator: 400, denominator: 1e5 },
        { numerator: 400, denominator: 1e5 },
        { numerator: 10, denominator: 1e5 },
      ],
      1000,
    );
    expect(twins[0]).toEqual({ lower: 1, upper: 2 });
    expect(twins[1]).toEqual({ lower: 1, upper: 2 });
    expect(twins[2]).toEqual({ lower: 3, upper: 3 });
    // a count of 0 always draws 0
    expect(
      rankIntervals(
        [
          { numerator: 0, denominator: 10 },
          { numerator: 50, denominator: 10 },
        ],
        100,
      ),
    ).toEqual([
      { lower: 2, upper: 2 },
      { lower: 1, upper: 1 },
    ]);
  });

  it('draws Poisson counts with the right mean and variance (20 000 draws; SE-based tolerance)', () => {
    for (const mean of [0.7, 5, 29.5, 30, 480, 12000]) {
      const random = seededRandom(7);
      const n = 20000;
      let s = 0;
      let s2 = 0;
      const notCounts: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = poissonDraw(mean, random);
        if (!(Number.isInteger(k) && k >= 0)) notCounts.push(k);
        s += k;
        s2 += k * k;
      }
      // Checked once after the draws: an expect per draw costs more than the draws.
      expect(notCounts, `mean ${mean}: draws that are not counts`).toEqual([]);
      const m = s / n;
      const v = s2 / n - m * m;
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.06);
    }
    // P(X = 0) for mean 2 is e^-2 = 0.1353: inversion puts it there
    const random = seededRandom(11);
    let zeros = 0;
    for (let i = 0; i < 20000; i++) if (poissonDraw(2, random) === 0) zeros++;
    expect(Math.abs(zeros / 20000 - Math.exp(-2))).toBeLessThan(0.01);
  });

  it('seededRandom is uniform in [0, 1) and repeatable', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01);
  });

  it('refuses impossible input', () => {
    expect(() => rankIntervals([{ numerator: 1, denominator: 0 }])).toThrow(RangeError);
    expect(() => rankIntervals([{ numerator: -1, denominator: 1 }])).toThrow(RangeError);
    expect(() => rankIntervals([{ numerator: 1, denominator: 1 }], 0)).toThrow(RangeError);
    expect(() => rankIntervals([{ numerator: 1, denominator: 1 }], 1.5)).toThrow(RangeError);
    expect(() => poissonDraw(-1, Math.random)).toThrow(RangeError);
    expect(() => poissonDraw(Infinity, Math.random)).toThrow(RangeError);
  });
});
