import { populationError } from '../errors.js';
import { ALL_AGES, TARGET_AGES, type AgeGroup, type Observation, type Sex } from './observation.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';

/**
 * Population on 31 December per region, year, sex and age group — the bundled SCB table or
 * a user's file. Missing cells are derived where that is exact: Riket as the sum of the 21
 * regions, all ages as the sum of single-year ages, 16–67 from single-year ages.
 */
export class PopulationTable {
  private readonly cells = new Map<string, number>();
  readonly years: readonly number[];

  constructor(
    observations: readonly Observation[],
    /** Where the figures come from, for messages and footnotes. */
    readonly source: string,
    private readonly regions: RegionIndex,
    /** True for the bundled SCB table (the hint then says to pass --population). */
    readonly bundled: boolean,
  ) {
    const singleAges = new Map<string, Map<number, number>>();
    for (const o of observations) {
      if (o.value === null) continue;
      this.cells.set(key(o.region, o.year, o.sex, o.age), o.value);
      const single = /^\d+\+?$/.exec(o.age) ? parseInt(o.age, 10) : undefined;
      if (single !== undefined) {
        const k = key(o.region, o.year, o.sex, '');
        if (!singleAges.has(k)) singleAges.set(k, new Map());
        singleAges.get(k)!.set(single, o.value);
      }
    }
    // From single years of age (SCB BE0101N1: 0 … 100+), the totals that are exact sums.
    for (const [k, ages] of singleAges) {
      const complete = ages.size >= 101 && [...Array(101).keys()].every((a) => ages.has(a));
      if (complete && !this.cells.has(k + ALL_AGES)) this.cells.set(k + ALL_AGES, [...ages.values()].reduce((a, b) => a + b, 0));
      const target = [...Array(52).keys()].map((i) => ages.get(16 + i));
      if (target.every((v) => v !== undefined) && !this.cells.has(k + TARGET_AGES)) {
        this.cells.set(k + TARGET_AGES, target.reduce((a, b) => a! + b!, 0)!);
      }
    }
    this.years = [...new Set(observations.map((o) => o.year))].sort((a, b) => a - b);
  }

  /** The population, or undefined if the table lacks it (and it cannot be derived exactly). */
  get(region: string, year: number, sex: Sex = 'total', age: AgeGroup = ALL_AGES): number | undefined {
    const direct = this.cells.get(key(region, year, sex, age));
    if (direct !== undefined) return direct;
    if (region === NATIONAL_CODE) {
      let sum = 0;
      for (const r of this.regions.regions) {
        const v = this.get(r.code, year, sex, age);
        if (v === undefined) return undefined;
        sum += v;
      }
      return sum;
    }
    if (sex === 'total') {
      const w = this.cells.get(key(region, year, 'women', age));
      const m = this.cells.get(key(region, year, 'men', age));
      if (w !== undefined && m !== undefined) return w + m;
    }
    return undefined;
  }

  /** Like {@link get}, but a missing figure is an error that names it and says how to supply it. */
  require(region: string, year: number, sex: Sex = 'total', age: AgeGroup = ALL_AGES): number {
    const v = this.get(region, year, sex, age);
    if (v !== undefined) return v;
    const r = this.regions.byScbCode(region);
    const group = [sex !== 'total' ? sex : '', age !== ALL_AGES ? `aged ${age}` : ''].filter(Boolean).join(', ');
    throw populationError(
      `${this.source} has no population for ${r ? `${r.name} (${r.code})` : region} in ${year}${group ? ` (${group})` : ''}`,
      this.bundled
        ? `the bundled SCB table covers ${describeYears(this.years)} (see: rehab-stats population); pass your own with --population FILE`
        : 'add the figure to your population file, or leave out --population to use the bundled SCB table',
    );
  }
}

function key(region: string, year: number, sex: Sex, age: AgeGroup): string {
  return `${region}|${year}|${sex}|${age}`;
}

function describeYears(years: readonly number[]): string {
  if (years.length === 0) return 'no years';
  return `${years[0]}–${years[years.length - 1]}, not every year for every region`;
}
