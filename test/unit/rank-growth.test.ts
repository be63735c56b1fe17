import { describe, expect, it } from 'vitest';
import { competitionRanks } from '../../src/stats/rank.js';
import { growth } from '../../src/stats/growth.js';

describe('competitionRanks', () => {
  it('gives ties the same rank and skips the next places (1, 2, 2, 4)', () => {
    expect(competitionRanks([30, 20, 20, 10])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([10, 20, 20, 30])).toEqual([4, 2, 2, 1]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe('growth', () => {
  // Published: KBT 26 000 (2009) → just over 50 000 (2014), "+94 %" (SKL via Läkartidningen 2015).
  it('reproduces +94% for KBT 2009–2014 and its CAGR', () => {
    const g = growth(26000, 50440, 2009, 2014);
    expect(g.change).toBe(24440);
    expect(g.changePct).toBeCloseTo(94.0, 10);
    // (50440 / 26000)^(1/5) − 1, computed in Python: 0.14172193787911125
    expect(g.cagrPct).toBeCloseTo(14.172193787911125, 9);
  });

  it('gives no percentage for a zero base and says why', () => {
    const g = growth(0, 41, 2009, 2015);
    expect(g.changePct).toBeNull();
    expect(g.cagrPct).toBeNull();
    expect(g.reason).toBe('zero base');
    expect(g.change).toBe(41);
  });

  it('handles decline to zero and a zero-year span', () => {
    expect(growth(10, 0, 2010, 2012).cagrPct).toBeCloseTo(-100, 10);
    expect(growth(10, 12, 2010, 2010)).toMatchObject({ changePct: 20, cagrPct: null, reason: 'same year' });
  });
});
