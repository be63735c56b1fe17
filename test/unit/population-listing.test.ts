import { describe, expect, it } from 'vitest';
import { ExitCode, RehabError } from '../../src/errors.js';
import { buildRegionIndex } from '../../src/domain/regions.js';
import { populationCoverage, populationLookup, type PopulationRows } from '../../src/domain/population-listing.js';
import type { PopulationRow } from '../../src/domain/population-rows.js';
import { translated } from '../../src/messages/index.js';

/** A country of two regions, so that Riket's published figure can be checked against their sum by hand. */
const regions = buildRegionIndex([
  { region_code: '00', official_name: 'Riket', scb_county_name: 'Riket', scb_label_sv: '00 Riket', scb_label_en: '00 Sweden' },
  { region_code: '06', official_name: 'Region Jönköpings län', scb_county_name: 'Jönköpings län', scb_label_sv: '06 Jönköpings län', scb_label_en: '06 Jönköping county' },
  { region_code: '01', official_name: 'Region Stockholm', scb_county_name: 'Stockholms län', scb_label_sv: '01 Stockholms län', scb_label_en: '01 Stockholm county' },
]);

const row = (region_code: string, year: number, sex: PopulationRow['sex'], age_group: string, population: number, source_id: string): PopulationRow => ({
  region_code,
  region_name: `as written ${region_code}`,
  year,
  sex,
  age_group,
  population,
  source_id,
  note: '',
});

const table: PopulationRows = {
  rows: [
    // 2024: Riket as published = 100 + 50.
    row('01', 2024, 'total', 'all', 100, 'A'),
    row('06', 2024, 'total', 'all', 50, 'A'),
    row('01', 2024, 'women', 'all', 60, 'A'),
    row('00', 2024, 'total', 'all', 150, 'A'),
    // 2025: Riket published as 157, the regions sum to 151.
    row('01', 2025, 'total', 'all', 101, 'B'),
    row('06', 2025, 'total', 'all', 50, 'B'),
    row('00', 2025, 'total', 'all', 157, 'B'),
    row('06', 2025, 'men', '16-67', 20, 'SCB_API'),
  ],
  cacheFile: '~/.cache/rehab-stats/population.csv',
  label: 'test table',
};
const locations = new Map([['A', translated('somewhere @abc', 'någonstans @abc')]]);

describe('populationCoverage', () => {
  const c = populationCoverage(table, regions, locations);

  it('counts per year the regions (not Riket) with a figure for each group', () => {
    expect(c.years).toEqual([
      { year: 2024, regions: { total: 2, women: 1, men: 0, total_16_67: 0, women_16_67: 0, men_16_67: 0 } },
      { year: 2025, regions: { total: 2, women: 0, men: 0, total_16_67: 0, women_16_67: 0, men_16_67: 1 } },
    ]);
  });

  it('lists the sources by their number of figures, the fetched one with the cache it is in', () => {
    expect(c.sources).toEqual([
      { id: 'A', rows: 4, location: translated('somewhere @abc', 'någonstans @abc'), fetchedInto: undefined },
      { id: 'B', rows: 3, location: undefined, fetchedInto: undefined },
      { id: 'SCB_API', rows: 1, location: undefined, fetchedInto: '~/.cache/rehab-stats/population.csv' },
    ]);
    expect(c.cacheFile).toBe('~/.cache/rehab-stats/population.csv');
  });

  it("finds Riket's published figure that is not the sum of the regions", () => {
    expect(c.differences).toEqual([{ year: 2025, sex: 'total', age: 'all', published: 157, sumOfRegions: 151 }]);
  });
});

describe('populationLookup', () => {
  const jkpg = regions.resolve('06');

  it("gives a region's figures under its name as the tool knows it, their sources in order of first use", () => {
    const r = populationLookup(table, regions, locations, jkpg, undefined);
    expect(r.figures.map((f) => [f.regionName, f.row.year, f.row.sex, f.row.population])).toEqual([
      ['Region Jönköpings län', 2024, 'total', 50],
      ['Region Jönköpings län', 2025, 'total', 50],
      ['Region Jönköpings län', 2025, 'men', 20],
    ]);
    expect(r.sources.map((s) => [s.id, s.location !== undefined])).toEqual([
      ['A', true],
      ['B', false],
      ['SCB_API', false],
    ]);
    expect(r.differences.map((d) => d.year)).toEqual([2025]);
  });

  it("names Riket 'Riket', and keeps only the year's differences", () => {
    const r = populationLookup(table, regions, locations, undefined, 2024);
    expect(r.figures.find((f) => f.row.region_code === '00')?.regionName).toBe('Riket');
    expect(r.differences).toEqual([]);
  });

  it('stops with a population error (exit 5) when there is no figure', () => {
    let caught: unknown;
    try {
      populationLookup(table, regions, locations, jkpg, 2030);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RehabError);
    expect(caught instanceof RehabError && caught.exitCode).toBe(ExitCode.population);
  });
});
