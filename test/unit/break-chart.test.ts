import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import { breakAlone, breakVsRest } from '../../src/domain/break-analysis.js';
import type { Series } from '../../src/domain/trend-series.js';
import { breakChart } from '../../src/render/break-chart.js';
import { crudeRate } from '../../src/stats/rate.js';

// fixtures/its-illustrative.csv, MMR, Region Jönköpings län and Riket, with the bundled population.
const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const jk = [201, 260, 275, 210, 256, 250, 270, 298, 320, 333, 371, 445];
const jkPop = [344262, 347837, 352735, 357237, 360825, 363599, 365010, 367064, 369113, 368856, 370009, 369722];
const riket = [6167, 6419, 6654, 6526, 6466, 6669, 6772, 6510, 6901, 6854, 7084, 6615];
const riketPop = [9747355, 9851017, 9995153, 10120242, 10230185, 10327589, 10379295, 10452326, 10521556, 10551707, 10587710, 10605529];
const series = (code: string, name: string, counts: number[], pops: number[]): Series => ({
  code,
  name,
  method: 'MMR',
  points: years.map((year, i) => {
    const r = crudeRate(counts[i]!, pops[i]!, 100000);
    return { year, count: counts[i]!, population: pops[i]!, rate: r.rate, rateLower: r.lower, rateUpper: r.upper };
  }),
});
// Built before each test, not while the file is collected, so that mutation testing can tell
// which tests reach the statistics (code run at collection time counts as covered by none).
let region: Series;
let national: Series;
beforeEach(() => {
  region = series('06', 'Region Jönköpings län', jk, jkPop);
  national = series('00', 'Riket', riket, riketPop);
});
bundledRegions();

describe('break analysis (domain)', () => {
  it('per-year rate ratios region/rest with exact intervals (R: poisson.test)', () => {
    // R 4.2.2: poisson.test(c(298, 6212), c(367064, 10085262))$conf.int → 1.16947378853801 1.48072774311817
    const a = breakVsRest(region, national, 2021, 'test');
    expect(a.kind).toBe('vs-rest');
    if (a.kind !== 'vs-rest') return;
    expect(a.rest[7]).toEqual({ year: 2021, count: 6212, population: 10085262 });
    expect(a.ratios[7]!.lower).toBeCloseTo(1.16947378853801, 8);
    expect(a.ratios[7]!.upper).toBeCloseTo(1.48072774311817, 8);
  });

  it('says which break years work when one has too few years after it', () => {
    expect(() => breakAlone(region, 2025, 'test')).toThrow(/11 years before it and 1 from it/);
    try {
      breakAlone(region, 2025, 'test');
    } catch (e) {
      expect((e as { hint: string }).hint).toBe('with these years, --break can be 2017–2023');
    }
  });

  it('refuses a year without a count rather than filling it', () => {
    const gap: Series = { ...region, points: region.points.map((p) => (p.year === 2019 ? { ...p, count: null } : p)) };
    expect(() => breakAlone(gap, 2021, 'test')).toThrow(/no MMR for 2019/);
  });
});

describe('breakChart', () => {
  let alone: string;
  let vsRest: string;
  beforeEach(() => {
    alone = breakChart(region, breakAlone(region, 2021, 'test'), 100000, 'MMR, Region Jönköpings län, 2014–2025');
    vsRest = breakChart(region, breakVsRest(region, national, 2021, 'test'), 100000, 'MMR, Region Jönköpings län, 2014–2025');
  });

  it('draws the fitted segments solid blue, the counterfactual dashed orange, the break dotted', () => {
    expect(alone).toMatch(/<path d="M[^"]+" fill="none" stroke="#0072B2" stroke-width="2.5"\/>/);
    expect(alone).toMatch(/stroke="#E69F00" stroke-width="2" stroke-dasharray="7 4"/);
    expect(alone).toContain('Break 2021');
    expect(alone).toContain('pre-break trend continued');
    // 12 observed points with their intervals, each with a tooltip.
    expect(alone.match(/<circle /g)).toHaveLength(12 + 1);
    expect(alone).toContain('<title>2021: 81.2 (95% CI 72.2–90.9)</title>');
    expect(alone).not.toContain('rest of Sweden');
  });

  it('with --vs rest adds the rest of Sweden in grey squares and a dotted line', () => {
    expect(vsRest).toContain('rest of Sweden, observed and fitted');
    expect(vsRest).toMatch(/stroke="#767676" stroke-width="1.5" stroke-dasharray="2 3"/);
  });

  it('speaks Swedish under --lang sv: axis, break line, legend and tooltips', () => {
    const sv = breakChart(region, breakVsRest(region, national, 2021, 'test'), 100000, 'MMR i Region Jönköpings län, 2014–2025', 'sv');
    expect(sv).toContain('>Antal per 100 000 invånare, 95 % konfidensintervall</text>');
    expect(sv).toContain('>Brytpunkt 2021</text>');
    expect(sv).toContain('>Region Jönköpings län, observerat</text>');
    expect(sv).toContain('>anpassade segment</text>');
    expect(sv).toContain('>trenden före brytpunkten förlängd</text>');
    expect(sv).toContain('>övriga Sverige, observerat och anpassat</text>');
    expect(sv).toContain('<title>2021: 81,2 (95 % KI 72,2–90,9)</title>');
    // Nothing English is left among the chart's words.
    const words = [...sv.matchAll(/>([^<>]+)<\/(?:text|title)>/g)].map((m) => m[1]!).join('\n');
    expect(words).not.toMatch(/Break|fitted|observed|pre-break|rest of Sweden|inhabitants|Rate|Count|CI\b/);
  });

  it('is stable: the golden SVG (regenerate with UPDATE_GOLDEN=1, then look at it)', () => {
    const file = join(__dirname, '..', 'golden', 'trend-break-vs-rest.svg');
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, vsRest + '\n');
    expect(vsRest + '\n').toBe(readFileSync(file, 'utf8'));
  });
});

describe('report break section', () => {
  it('puts the sentences, the chart and the year-by-year table in the HTML report, in Swedish too', async () => {
    const { breakSection } = await import('../../src/report/break-section.js');
    const { parseConfig } = await import('../../src/domain/config.js');
    const sv = breakSection(region, breakVsRest(region, national, 2021, 'test'), 100000, 'sv');
    expect(sv.title).toBe('MMR i Region Jönköpings län, 2014–2025: brytpunkt 2021 jämfört med övriga Sverige');
    expect(sv.sentences[1]).toContain('nivåförändring 2021: ×1,09 (95 % KI 0,83–1,43)');
    // The chart's own words are Swedish too (axis, break line, legend, tooltips with decimal commas).
    expect(sv.svg).toContain('Brytpunkt 2021');
    expect(sv.svg).not.toMatch(/Break|fitted|observed|pre-break|rest of Sweden|inhabitants|95% CI/);
    expect(sv.table.rows).toHaveLength(12);
    expect(parseConfig('{"break": {"region": "06", "year": 2021, "vs": "rest"}}', 'c.json').break).toEqual({ region: '06', year: 2021, vs: 'rest' });
    expect(() => parseConfig('{"break": {"region": "06"}}', 'c.json')).toThrow(/"break" needs "year"/);
    expect(() => parseConfig('{"break": {"region": "06", "year": 2021, "vs": "all"}}', 'c.json')).toThrow(/"break.vs" must be "rest"/);
  });
});
