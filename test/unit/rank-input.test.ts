import { describe, expect, it } from 'vitest';
import { rankRows } from '../../src/domain/ranking.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { PopulationTable } from '../../src/domain/population.js';
import type { AgeStratum } from '../../src/stats/dsr.js';

describe('rankRows leaves its input as it was', () => {
  it("age-standardised: Riket's age groups are added to a copy, not to the caller's map", () => {
    const regions = bundledRegions();
    // Two regions' counts by two age groups, weights 0.4 and 0.6 (made-up figures).
    const strata = new Map<string, AgeStratum[]>([
      [
        '01',
        [
          { count: 120, population: 50000, weight: 0.4 },
          { count: 300, population: 70000, weight: 0.6 },
        ],
      ],
      [
        '03',
        [
          { count: 40, population: 20000, weight: 0.4 },
          { count: 90, population: 30000, weight: 0.6 },
        ],
      ],
    ]);
    const before = structuredClone(strata);
    const input = {
      counts: new Map([
        ['01', { value: 420, lines: [2] }],
        ['03', { value: 130, lines: [3] }],
      ]),
      population: new PopulationTable([], 'none needed: the age groups carry the population', regions, true),
      regions,
      year: 2014,
      sex: 'total' as const,
      age: 'all',
      per: 100000,
      level: 0.95,
      ciMethod: 'exact' as const,
      strata,
    };
    const first = rankRows(input);
    expect(strata).toEqual(before);
    expect(strata.has('00')).toBe(false);
    // Riket is the sum of the two regions' age groups, and a second run on the same input agrees.
    expect(first.national.count).toBe(550);
    expect(first.national.population).toBe(170000);
    expect(rankRows(input)).toEqual(first);
  });
});
