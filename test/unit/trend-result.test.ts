import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import type { Observation } from '../../src/domain/observation.js';
import { NO_RULE } from '../../src/domain/publish.js';
import { resolveRegions } from '../../src/domain/select.js';
import { computeTrend, type TrendInput } from '../../src/domain/trend.js';

const regions = bundledRegions();
const obs = (region: string, year: number, method: string, value: number | null): Observation => ({ region, year, method, sex: 'total', age: 'all', value, line: 0 });
const input = (observations: Observation[], over: Partial<TrendInput> = {}): TrendInput => ({
  observations,
  regions,
  selected: [],
  recordLevel: false,
  source: 'test.csv',
  by: 'nation',
  measure: 'count',
  per: 100_000,
  rule: NO_RULE,
  label: () => ['label'],
  made: () => ({ population: null, methods: {} }),
  ...over,
});

// Riket: 100, 110, 121 treatments in 2019–2021, 10% more each year.
const national = [obs('00', 2019, 'KBT', 100), obs('00', 2020, 'KBT', 110), obs('00', 2021, 'KBT', 121)];

describe('computeTrend, one series', () => {
  it('gives the year-on-year rows and the summary of the span', () => {
    const r = computeTrend(input(national));
    if (r.kind !== 'series') throw new Error('one series expected');
    expect(r).toMatchObject({ name: 'KBT', subjects: ['Riket'], firstYear: 2019, lastYear: 2021, rated: false, measure: 'count' });
    expect(r.rows.map((row) => [row.year, row.count, row.change])).toEqual([
      [2019, 100, null],
      [2020, 110, 10],
      [2021, 121, 11],
    ]);
    expect(r.rows[2]?.change_pct).toBeCloseTo(10, 10);
    const [only] = r.series;
    // CAGR (121/100)^(1/2) − 1 = 10%; the log-linear fit through three points on one line: 10% a year too,
    // doubling in ln 2 / ln 1.1 = 7.2725 years.
    expect(only?.summary.cagrPct).toBeCloseTo(10, 10);
    expect(only?.summary.fittedGrowthPct).toBeCloseTo(10, 10);
    expect(only?.summary.doublingYears).toBeCloseTo(Math.log(2) / Math.log(1.1), 10);
    expect(r.analysis).toBeUndefined();
    expect(r.notes).toEqual(['label']);
  });

  it('--from/--to keep the years within the range, and fewer than two years stop', () => {
    const r = computeTrend(input(national, { from: 2020 }));
    expect(r.kind === 'series' && [r.firstYear, r.lastYear]).toEqual([2020, 2021]);
    expect(() => computeTrend(input(national, { from: 2021 }))).toThrow(/KBT/);
  });
});

describe('computeTrend, one line per series', () => {
  it('--by method: each method over its own years, first and last as shown', () => {
    const data = [...national, obs('00', 2020, 'IPT', 5), obs('00', 2021, 'IPT', 20)];
    const r = computeTrend(input(data, { by: 'method' }));
    if (r.kind !== 'span') throw new Error('a span table expected');
    expect(r.by).toBe('method');
    expect(r.lines.map((l) => [l.series.method, l.first?.year, l.first?.count, l.last?.year, l.last?.count])).toEqual([
      ['KBT', 2019, 100, 2021, 121],
      ['IPT', 2020, 5, 2021, 20],
    ]);
    // 5 → 20 in a year: +300%.
    expect(r.lines[1]?.summary.cagrPct).toBeCloseTo(300, 10);
    expect(r.lines[0]?.firstStatus).toBeUndefined();
  });

  it('--by region --region: the chosen regions, with Riket apart for comparison', () => {
    const data = [...national, obs('06', 2019, 'KBT', 10), obs('06', 2020, 'KBT', 12), obs('06', 2021, 'KBT', 9)];
    const r = computeTrend(input(data, { by: 'region', selected: resolveRegions(['06'], regions) }));
    if (r.kind !== 'span') throw new Error('a span table expected');
    expect(r.lines.map((l) => l.series.code)).toEqual(['06']);
    expect(r.apart.map((l) => l.series.code)).toEqual(['00']);
    // What the table is, first; then the data notes.
    expect(r.notes).toHaveLength(2);
    expect(r.notes[1]).toBe('label');
  });

  it('--suppress: a hidden first year is the first year still, with its status', () => {
    const data = [obs('00', 2019, 'KBT', 3), obs('00', 2020, 'KBT', 10), obs('00', 2021, 'KBT', 12)];
    const r = computeTrend(input(data, { by: 'method', method: 'KBT', rule: { suppress: 5, roundTo: 0 } }));
    if (r.kind !== 'span') throw new Error('a span table expected');
    const [line] = r.lines;
    expect(line?.first).toEqual({ year: 2019, count: null });
    expect(line?.firstStatus).toBe('suppressed-primary');
    expect(line?.lastStatus).toBe('shown');
    expect([...(line?.hiddenYears ?? [])]).toEqual([2019]);
  });
});
