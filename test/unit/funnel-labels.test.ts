import { describe, expect, it } from 'vitest';
import { dsrFunnelSignificance, dsrFunnelTarget, funnelLabelFromLimits, rateFunnelLimits } from '../../src/stats/funnel.js';

/**
 * The small helpers of the funnel classification, on values worked out by hand: each boundary is
 * strict (a value on a limit is within it, as PHE compares), and the stricter limit wins.
 */
describe('funnelLabelFromLimits', () => {
  const l95 = { lower: 10, upper: 20 };
  const l998 = { lower: 5, upper: 25 };
  it.each([
    [26, 'above 99.8%'],
    [25.000001, 'above 99.8%'],
    [25, 'above 95%'],
    [20.5, 'above 95%'],
    [20, 'within'],
    [15, 'within'],
    [10, 'within'],
    [9.5, 'below 95%'],
    [5, 'below 95%'],
    [4.999999, 'below 99.8%'],
    [0, 'below 99.8%'],
  ] as const)('%d against 95%% 10–20 and 99.8%% 5–25 is %s', (value, label) => {
    expect(funnelLabelFromLimits(value, l95, l998)).toBe(label);
  });
});

describe('dsrFunnelTarget', () => {
  it('is the events over the population the DSRs imply, per person', () => {
    // 20 events at 100 per 100 000 imply 20 000 people; 30 at 200 imply 15 000: 50 / 35 000.
    expect(
      dsrFunnelTarget(
        [
          { count: 20, rate: 100 },
          { count: 30, rate: 200 },
        ],
        100000,
      ),
    ).toBeCloseTo(50 / 35000, 15);
    // per 1 000: 20 at 4 imply 5 000 people; 10 at 2 imply 5 000: 30 / 10 000.
    expect(
      dsrFunnelTarget(
        [
          { count: 20, rate: 4 },
          { count: 10, rate: 2 },
        ],
        1000,
      ),
    ).toBeCloseTo(0.003, 15);
  });
  it('counts the events of a unit without events in the numerator only (they are zero), and needs one unit with events', () => {
    expect(
      dsrFunnelTarget(
        [
          { count: 0, rate: 0 },
          { count: 40, rate: 400 },
        ],
        100000,
      ),
    ).toBeCloseTo(40 / 10000, 15);
    expect(() => dsrFunnelTarget([], 100000)).toThrow(RangeError);
  });
});

describe('dsrFunnelSignificance', () => {
  it('gives no label below 10 events and judges 10 or more against the implied population', () => {
    expect(dsrFunnelSignificance(9, 1000, 100000, 0.0001)).toBeNull();
    // 10 events at 1 000 per 100 000 imply 1 000 people; expected 0.1 at 1 per 10 000: far above.
    expect(dsrFunnelSignificance(10, 1000, 100000, 0.0001)).toBe('above 99.8%');
    // 100 events implying 100 000 people where 1 000 were expected: far below.
    expect(dsrFunnelSignificance(100, 100, 100000, 0.01)).toBe('below 99.8%');
  });
});

describe('rateFunnelLimits refuses impossible input, saying what it needs', () => {
  it('a negative target, a population or per of 0, a level outside (0, 1)', () => {
    expect(() => rateFunnelLimits(-1, 1000, 100000, 0.95)).toThrow(/target >= 0/);
    expect(() => rateFunnelLimits(500, 0, 100000, 0.95)).toThrow(/population > 0/);
    expect(() => rateFunnelLimits(500, 1000, 0, 0.95)).toThrow(/per > 0/);
    expect(() => rateFunnelLimits(500, 1000, 100000, 1)).toThrow(/level must be between 0 and 1 \(got 1\)/);
    expect(() => rateFunnelLimits(500, 1000, 100000, 0)).toThrow(/got 0/);
    expect(rateFunnelLimits(0, 1000, 100000, 0.95)).toEqual({ lower: 0, upper: 0 });
  });
});
