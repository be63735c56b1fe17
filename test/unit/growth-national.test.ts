import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import { growthRows } from '../../src/domain/growth-rows.js';
import type { CountCell } from '../../src/domain/select.js';
import { say, type Text } from '../../src/messages/index.js';

/**
 * growth's national row compares like with like: Riket's own rows when the input gives both
 * years', else the regions with both years summed in each. Made-up counts.
 */
const regions = bundledRegions();
const counts = (entries: [string, number][]): Map<string, CountCell> => new Map(entries.map(([code, value]) => [code, { value, lines: [1] }]));
const both = (t: Text) => [say(t, 'en'), say(t, 'sv')];
const all = (value: (i: number) => number, skip?: string): [string, number][] =>
  regions.regions.flatMap((r, i): [string, number][] => (r.code === skip ? [] : [[r.code, value(i)]]));

describe('the national row of growth', () => {
  it("is Riket's rows when the input gives both years'", () => {
    const g = growthRows(regions, counts([...all(() => 10), ['00', 500]]), counts([...all(() => 12, '09'), ['00', 600]]), 2022, 2025);
    expect([g.summed, g.national.region, g.national.base_count, g.national.count]).toEqual([false, 'Riket', 500, 600]);
  });

  it('is the sum of the regions with both years when Riket is given for the base year only', () => {
    // Before: Riket's 500 against the 20 regions' 240 of 2025, called "Riket": a fall of 52% that never was.
    const g = growthRows(regions, counts([...all(() => 10), ['00', 500]]), counts(all(() => 12, '09')), 2022, 2025);
    expect(g.summed).toBe(true);
    expect([g.national.base_count, g.national.count, g.national.change_pct]).toEqual([200, 240, 20]);
    expect(both(g.national.region)).toEqual(['Total of regions with both years', 'Summa för regioner med båda åren']);
  });

  it('is the sum of the regions with both years when Riket is given for the end year only', () => {
    // Before: the 20 regions' 200 against Riket's 600 of 2025: a rise of 200% that never was.
    const g = growthRows(regions, counts(all(() => 10, '09')), counts([...all(() => 12), ['00', 600]]), 2022, 2025);
    expect([g.summed, g.national.base_count, g.national.count, g.national.change_pct]).toEqual([true, 200, 240, 20]);
  });

  it('is named Riket when every region has both years, whether or not the input gives Riket for one of them', () => {
    const g = growthRows(regions, counts([...all(() => 10), ['00', 215]]), counts(all(() => 12)), 2022, 2025);
    expect([g.summed, g.national.region, g.national.base_count, g.national.count]).toEqual([false, 'Riket', 210, 252]);
  });
});
