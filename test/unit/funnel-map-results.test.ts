import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import { funnelLabelOf, funnelPlot } from '../../src/domain/funnel-plot.js';
import type { Observation } from '../../src/domain/observation.js';
import { PopulationTable } from '../../src/domain/population.js';
import { NO_RULE } from '../../src/domain/publish.js';
import type { RankInput } from '../../src/domain/ranking.js';
import { rateMap } from '../../src/domain/rate-map.js';
import { resolveRegions, type CountCell } from '../../src/domain/select.js';
import { english } from '../../src/messages/index.js';

const regions = bundledRegions();
const row = (region: string, value: number): Observation => ({ region, year: 2020, method: 'KBT', sex: 'total', age: 'all', value, line: 0 });
// 100 000 inhabitants in each of the 21 regions; 10 treatments in each but Stockholm (40) and Jönköping (2).
const population = new PopulationTable([row('00', 2_100_000), ...regions.regions.map((r) => row(r.code, 100_000))], 'test population', regions, false);
const counts = new Map<string, CountCell>(regions.regions.map((r) => [r.code, { value: r.code === '01' ? 40 : r.code === '06' ? 2 : 10, lines: [] }]));
const ranking: RankInput = { counts, population, regions, year: 2020, sex: 'total', age: 'all', per: 100_000, level: 0.95, ciMethod: 'exact' };
const plotOf = (suppress = 0, selected: string[] = []) =>
  funnelPlot(ranking, { method: 'KBT', asked: 'KBT', selected: resolveRegions(selected, regions), rule: { suppress, roundTo: 0 }, source: 'test.csv' });

describe('funnelPlot', () => {
  it('centres on the national rate, with each region at its rate and population', () => {
    const plot = plotOf();
    // 232 treatments among 2.1 million: 11.05 per 100 000.
    expect(plot.target).toBeCloseTo((232 / 2_100_000) * 100_000, 10);
    expect(plot.targetLabel).toBe('Riket');
    expect(plot.points).toHaveLength(21);
    expect(plot.points.find((p) => p.code === '01')).toEqual({ code: '01', name: 'Region Stockholm', population: 100_000, rate: 40, label: 'above 99.8%' });
    expect(plot.points.find((p) => p.code === '03')?.label).toBe('within');
    // The limits are drawn to 5% past the largest region, in 240 steps.
    expect(plot.curve).toHaveLength(240);
    expect(plot.curve.at(-1)?.population).toBeCloseTo(105_000, 6);
    expect(plot.adjustment).toBeUndefined();
  });

  it('--region: only the chosen regions are points; the limits stay those of the whole country', () => {
    const plot = plotOf(0, ['06', '01']);
    expect(plot.points.map((p) => p.code).sort()).toEqual(['01', '06']);
    expect(plot.target).toBe(plotOf().target);
  });

  it('--suppress: a hidden region is no point and is named, as is the second one hidden to protect it', () => {
    const plot = plotOf(5);
    expect(plot.points.some((p) => p.code === '06')).toBe(false);
    expect(plot.points).toHaveLength(19);
    const notDrawn = plot.notes.map((n) => english(n)).find((n) => n.includes('Region Jönköpings län'));
    expect(notDrawn).toBeDefined();
  });

  it('stops when the rule would hide the national count the centre line shows', () => {
    expect(() => plotOf(1000)).toThrow(/national KBT count for 2020 is hidden by --suppress 1000/);
  });
});

describe('rateMap', () => {
  it('gives every region its rate, and the funnel class when coloured by funnel', () => {
    const map = rateMap(ranking, { method: 'KBT', colourBy: 'funnel', rule: NO_RULE });
    expect(map.regions).toHaveLength(21);
    expect(map.regions.find((r) => r.code === '01')).toEqual({ code: '01', name: 'Region Stockholm', rate: 40, funnel: 'above 99.8%' });
    expect(map.notes).toEqual([]);
    expect(rateMap(ranking, { method: 'KBT', colourBy: 'rate', rule: NO_RULE }).regions[0]).not.toHaveProperty('funnel');
  });

  it('--suppress: a hidden region has no rate and is marked hidden, not missing', () => {
    const map = rateMap(ranking, { method: 'KBT', colourBy: 'rate', rule: { suppress: 5, roundTo: 0 } });
    const jonkoping = map.regions.find((r) => r.code === '06');
    expect(jonkoping).toMatchObject({ rate: null, hidden: true });
    expect(map.regions.filter((r) => r.hidden)).toHaveLength(2);
    expect(map.notes.map((n) => english(n))).toHaveLength(1);
  });
});

describe('funnelLabelOf', () => {
  it("reads a ranking's funnel cell, and nothing else, as a label", () => {
    expect(funnelLabelOf('below 95%')).toBe('below 95%');
    expect(funnelLabelOf(null)).toBeNull();
    expect(funnelLabelOf('×')).toBeNull();
    expect(funnelLabelOf(3)).toBeNull();
  });
});
