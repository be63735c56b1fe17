import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import type { Observation, Sex } from '../../src/domain/observation.js';
import { NO_RULE } from '../../src/domain/publish.js';
import { resolveRegions } from '../../src/domain/select.js';
import { columnShares, dimensionShares, shareRows, type DimensionShareInput } from '../../src/domain/share.js';

const regions = bundledRegions();
const obs = (region: string, method: string, sex: Sex, value: number | null): Observation => ({ region, year: 2020, method, sex, age: 'all', value, line: 0 });
const input = (observations: Observation[], over: Partial<DimensionShareInput>): DimensionShareInput => ({
  observations,
  regions,
  recordLevel: false,
  by: 'method',
  year: 2020,
  methods: ['KBT', 'IPT'],
  within: [],
  selected: [],
  rule: NO_RULE,
  source: 'test.csv',
  ...over,
});

describe('shareRows', () => {
  it('gives each share of the sum with its Wilson score interval', () => {
    // 1 of 4 and 3 of 4. Wilson (1927) by hand, z = 1.959964: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n),
    // the values statsmodels' proportion_confint(1, 4, method="wilson") gives: 0.045587, 0.699358.
    const [a, b] = shareRows([
      { group: 'a', count: 1 },
      { group: 'b', count: 3 },
    ]);
    expect(a).toMatchObject({ group: 'a', count: 1, total: 4, share_pct: 25 });
    expect(a?.share_lower).toBeCloseTo(4.558726, 5);
    expect(a?.share_upper).toBeCloseTo(69.935816, 5);
    expect(b?.share_lower).toBeCloseTo(30.064184, 5);
    expect(b?.share_upper).toBeCloseTo(95.441274, 5);
  });

  it('has no share and no interval of a zero total', () => {
    expect(shareRows([{ group: 'a', count: 0 }])).toEqual([{ group: 'a', count: 0, total: 0, share_pct: null, share_lower: null, share_upper: null }]);
  });
});

describe('dimensionShares', () => {
  const data = [
    obs('01', 'KBT', 'women', 30),
    obs('01', 'KBT', 'men', 10),
    obs('01', 'IPT', 'women', 5),
    obs('01', 'IPT', 'men', 5),
    obs('06', 'KBT', 'women', 6),
    obs('06', 'KBT', 'men', 4),
    obs('06', 'IPT', 'women', 1),
    obs('06', 'IPT', 'men', 1),
  ];

  it('--by sex within regions: each sex summed over the methods and the chosen regions', () => {
    const within = resolveRegions(['01'], regions);
    const got = dimensionShares(input(data, { by: 'sex', within }), []);
    expect(got.rows.map((r) => [r.group, r.count, r.total, r.share_pct])).toEqual([
      ['women', 35, 50, 70],
      ['men', 15, 50, 30],
    ]);
  });

  it('--by region --region: the chosen rows, still shares of the sum of all regions', () => {
    // KBT 10 in each of the 21 regions, IPT 2 in Jönköping only: 212 in all, 12 of them in Jönköping.
    const all = regions.regions.flatMap((r) => [obs(r.code, 'KBT', 'total', 10), obs(r.code, 'IPT', 'total', r.code === '06' ? 2 : 0)]);
    const got = dimensionShares(input(all, { by: 'region', selected: resolveRegions(['06'], regions) }), []);
    expect(got.rows).toHaveLength(1);
    expect(got.rows[0]).toMatchObject({ group: regions.resolve('06')?.name, count: 12, total: 212 });
  });

  it('stops on a group without a complete count, naming it', () => {
    const gaps = [...data.filter((o) => o.sex !== 'men'), obs('01', 'KBT', 'men', null)];
    expect(() => dimensionShares(input(gaps, { by: 'sex', within: resolveRegions(['01', '06'], regions) }), [])).toThrow(/no complete 2020 count for men/);
  });

  it('--suppress: the small count is hidden, and a second one so that the total does not give it away', () => {
    const totals = [obs('01', 'KBT', 'total', 40), obs('01', 'IPT', 'total', 3), obs('01', 'MMR', 'total', 20)];
    const got = dimensionShares(input(totals, { methods: ['KBT', 'IPT', 'MMR'], within: resolveRegions(['01'], regions), rule: { suppress: 5, roundTo: 0 } }), []);
    const ipt = got.rows.find((r) => r.group === 'IPT');
    expect(ipt).toMatchObject({ count: null, share_pct: null, count_status: 'suppressed-primary' });
    expect(got.rows.filter((r) => r.count_status === 'suppressed-secondary')).toHaveLength(1);
    expect(got.statusKeys).toEqual(['count', 'total']);
    expect(got.hidden?.get(ipt ?? {})).toEqual(new Set(['count', 'share_pct', 'share_lower', 'share_upper']));
  });
});

describe('columnShares', () => {
  it('orders by size, and puts the hidden rows last by name so that their place tells nothing', () => {
    const units = [
      { unit: 'Björk', numerator: 2 },
      { unit: 'Al', numerator: 3 },
      { unit: 'Ek', numerator: 50 },
      { unit: 'Gran', numerator: 30 },
    ];
    expect(columnShares(units, NO_RULE, []).rows.map((r) => r.group)).toEqual(['Ek', 'Gran', 'Al', 'Björk']);
    const hidden = columnShares(units, { suppress: 5, roundTo: 0 }, []);
    expect(hidden.rows.map((r) => [r.group, r.count])).toEqual([
      ['Ek', 50],
      ['Gran', 30],
      ['Al', null],
      ['Björk', null],
    ]);
  });
});
