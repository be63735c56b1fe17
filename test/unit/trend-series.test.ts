import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import type { Observation } from '../../src/domain/observation.js';
import { PopulationTable } from '../../src/domain/population.js';
import { keepRegions, nationalCount, resolveRegions } from '../../src/domain/select.js';
import { countSeries, seriesSubjects, seriesValues, spanSummary, withRates } from '../../src/domain/trend-series.js';

const regions = bundledRegions();
const obs = (region: string, year: number, method: string, value: number | null): Observation => ({ region, year, method, sex: 'total', age: 'all', value, line: 0 });

describe('resolveRegions (--region)', () => {
  it('takes codes, names, aliases and comma lists, each region once, in the order given', () => {
    const got = resolveRegions(['06', 'Stockholm', 'Region Jönköpings län', 'sthlm,14'], regions);
    expect(got.map((r) => r.code)).toEqual(['06', '01', '14']);
    expect(resolveRegions(['Riket'], regions).map((r) => r.code)).toEqual(['00']);
  });

  it('refuses an unknown name with the nearest names, as a usage error (exit 2)', () => {
    expect(() => resolveRegions(['Jönkping'], regions)).toThrow(/--region Jönkping: no such region/);
    try {
      resolveRegions(['Jönkping'], regions);
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
      expect((e as { hint: string }).hint).toMatch(/Region Jönköpings län \(06\)/);
    }
  });

  it('keeps the selected rows, or all rows when nothing is selected', () => {
    const rows = [{ region_code: '01' }, { region_code: '06' }, { region_code: '14' }];
    expect(keepRegions(rows, resolveRegions(['14', '01'], regions))).toEqual([{ region_code: '01' }, { region_code: '14' }]);
    expect(keepRegions(rows, [])).toEqual(rows);
  });
});

describe('nationalCount', () => {
  it("uses the input's Riket row when it has one, not the sum of the few regions beside it", () => {
    const data = [obs('00', 2020, 'KBT', 1000), obs('06', 2020, 'KBT', 40), obs('01', 2020, 'KBT', 200)];
    expect(nationalCount(data, regions, 'KBT', 2020, 'total', false)).toBe(1000);
    expect(nationalCount(data.slice(1), regions, 'KBT', 2020, 'total', false)).toBe(240);
  });
});

describe('trend series', () => {
  it("a file holding one region's rows is that region's series, not Riket", () => {
    const data = [obs('06', 2020, 'KBT', 40), obs('06', 2021, 'KBT', 50)];
    expect(seriesSubjects(data, regions, []).map((r) => r.code)).toEqual(['06']);
    expect(seriesSubjects([...data, obs('01', 2020, 'KBT', 5)], regions, []).map((r) => r.code)).toEqual(['00']);
  });

  it('a method that starts mid-series has no earlier years: null, never zero', () => {
    const data = [obs('01', 2023, 'KBT', 10), obs('01', 2024, 'KBT', 12), obs('01', 2025, 'KBT', 13), obs('01', 2025, 'ME/CFS', 7)];
    const s = countSeries(data, regions, regions.byScbCode('01')!, 'ME/CFS', [2023, 2024, 2025], false);
    expect(s.points.map((p) => p.count)).toEqual([null, null, 7]);
    expect(spanSummary(seriesValues(s))).toMatchObject({ firstYear: 2025, lastYear: 2025, cagrPct: null, fittedGrowthPct: null });
  });

  it('rates with exact Poisson intervals (R: poisson.test(1551)$conf.int / 347837 * 1e5)', () => {
    // R 4.2.2: poisson.test(1551)$conf.int → 1474.77…, 1630.16…; per 100 000 of 347 837:
    // 423.980981924656 468.655252579839
    const pop = new PopulationTable([{ ...obs('06', 2015, '', 347837) }], 'test population', regions, false);
    const s = withRates(countSeries([obs('06', 2015, 'KBT', 1551)], regions, regions.byScbCode('06')!, 'KBT', [2015], false), pop, 100000);
    const p = s.points[0]!;
    expect(p.rate).toBeCloseTo((1551 / 347837) * 1e5, 10);
    expect(p.rateLower).toBeCloseTo(423.980981924656, 6);
    expect(p.rateUpper).toBeCloseTo(468.655252579839, 6);
  });

  it('CAGR from the first and last known year; the log-linear fit over every year (R values)', () => {
    // R 4.2.2:
    //   b <- coef(lm(log(c(5000, 25000, 60000, 61000)) ~ c(2018, 2020, 2022, 2023)))[2]
    //   100 * (exp(b) - 1)            # 66.5831601222070
    //   log(2) / b                    # 1.3582480095185
    //   100 * ((61000 / 5000)^(1/5) - 1)  # 64.9194835533725
    const s = spanSummary([
      { year: 2018, value: 5000 },
      { year: 2020, value: 25000 },
      { year: 2021, value: null },
      { year: 2022, value: 60000 },
      { year: 2023, value: 61000 },
    ]);
    expect(s).toMatchObject({ firstYear: 2018, lastYear: 2023, firstValue: 5000, lastValue: 61000 });
    expect(s.cagrPct).toBeCloseTo(64.9194835533725, 9);
    expect(s.fittedGrowthPct).toBeCloseTo(66.583160122207, 8);
    expect(s.doublingYears).toBeCloseTo(1.3582480095185, 9);
  });
});
