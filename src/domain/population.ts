import { populationError } from '../errors.js';
import { ALL_AGES, TARGET_AGES, type AgeGroup, type Observation, type Sex } from './observation.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import { msg, sexWord, type Text } from '../messages/index.js';

/** A set of population figures with where they come from (for messages and notes). */
export interface PopulationLayer {
  observations: readonly Observation[];
  /** E.g. "the bundled SCB population table" or a file name: the provenance records it. */
  source: string;
  /** How people read the source in notes and messages, in their language (default: `source`). */
  label?: Text;
}

/**
 * Where the published national figure and the sum of the 21 regions differ. From reference
 * year 2025 SCB perturbs every published cell (Cell Key Method), so parts need not add up.
 */
export interface NationalDifference {
  year: number;
  sex: Sex;
  age: AgeGroup;
  published: number;
  sumOfRegions: number;
}

/**
 * Population on 31 December per region, year, sex and age group — the bundled SCB table or
 * a user's file, optionally with further layers (figures fetched from SCB) that fill only
 * the cells the first lacks. Missing cells are derived where that is exact: Riket as the sum
 * of the 21 regions, all ages as the sum of single-year ages, 16–67 from single-year ages.
 * A published Riket cell is always used as published, never replaced by the sum.
 */
export class PopulationTable {
  /** Each layer's cells, first layer first: a lookup takes the first layer that has the cell. */
  private readonly cells: readonly ReadonlyMap<string, number>[];
  /** The age groups of all cells: a lookup for any other age finds nothing (derivations keep the age). */
  private readonly ages = new Set<AgeGroup>();
  private readonly layers: PopulationLayer[];
  private readonly used = new Set<number>();
  /** While peeking, lookups are not uses: no source or Riket difference is noted. */
  private peeking = false;
  private readonly differences = new Map<string, NationalDifference>();
  readonly years: readonly number[];

  constructor(
    observations: readonly Observation[],
    /** Where the figures come from, for messages and footnotes. */
    readonly source: string,
    private readonly regions: RegionIndex,
    /** True for the bundled SCB table (the hint then says to pass --population or fetch). */
    readonly bundled: boolean,
    /** Further figures, e.g. fetched from SCB, that fill only cells the first table lacks. */
    more: readonly PopulationLayer[] = [],
    /** The source as people read it (default: `source`). */
    readonly label: Text = source,
  ) {
    this.layers = [{ observations, source, label }, ...more];
    const indexed = this.layers.map((layer) => layerCells(layer.observations));
    this.cells = indexed.map((l) => l.cells);
    for (const l of indexed) for (const age of l.ages) this.ages.add(age);
    this.years = [...new Set(indexed.flatMap((l) => l.years))].sort((a, b) => a - b);
  }

  /** False when no region, year or sex has a figure for this age group (a quick "no" for {@link get}). */
  hasAge(age: AgeGroup): boolean {
    return this.ages.has(age);
  }

  /** The cell from the first layer that has it, and that layer. */
  private cell(k: string): { value: number; layer: number } | undefined {
    for (const [layer, cells] of this.cells.entries()) {
      const value = cells.get(k);
      if (value !== undefined) return { value, layer };
    }
    return undefined;
  }

  /** The population, or undefined if the table lacks it (and it cannot be derived exactly). */
  get(region: string, year: number, sex: Sex = 'total', age: AgeGroup = ALL_AGES): number | undefined {
    const direct = this.cell(key(region, year, sex, age));
    if (direct !== undefined) {
      if (!this.peeking) {
        this.used.add(direct.layer);
        if (region === NATIONAL_CODE) this.noteDifference(year, sex, age, direct.value);
      }
      return direct.value;
    }
    if (region === NATIONAL_CODE) return this.sumOfRegions(year, sex, age);
    if (sex === 'total') {
      const w = this.get(region, year, 'women', age);
      const m = w === undefined ? undefined : this.get(region, year, 'men', age);
      if (w !== undefined && m !== undefined) return w + m;
    }
    return undefined;
  }

  /**
   * The population as get() gives it, for a check rather than a result (a count above its
   * population): the notes of a result name only the sources and Riket figures it used.
   */
  peek(region: string, year: number, sex: Sex = 'total', age: AgeGroup = ALL_AGES): number | undefined {
    const was = this.peeking;
    this.peeking = true;
    try {
      return this.get(region, year, sex, age);
    } finally {
      this.peeking = was;
    }
  }

  private sumOfRegions(year: number, sex: Sex, age: AgeGroup): number | undefined {
    let sum = 0;
    for (const r of this.regions.regions) {
      const v = this.get(r.code, year, sex, age);
      if (v === undefined) return undefined;
      sum += v;
    }
    return sum;
  }

  /** Records when a published Riket figure that was used differs from the sum of the regions. */
  private noteDifference(year: number, sex: Sex, age: AgeGroup, published: number): void {
    const k = key(NATIONAL_CODE, year, sex, age);
    if (this.differences.has(k)) return;
    const sumOfRegions = this.sumOfRegions(year, sex, age);
    if (sumOfRegions !== undefined && sumOfRegions !== published) this.differences.set(k, { year, sex, age, published, sumOfRegions });
  }

  /** The published Riket figures used so far that differ from the sum of the regions. */
  nationalDifferences(): NationalDifference[] {
    return [...this.differences.values()];
  }

  /** The sources of the figures looked up so far, first layer first. */
  usedSources(): string[] {
    return this.layers.filter((_, i) => this.used.has(i)).map((l) => l.source);
  }

  /** The same, as people read them: the labels of the layers used beyond the first. */
  furtherLabelsUsed(): Text[] {
    return this.layers.filter((_, i) => i > 0 && this.used.has(i)).map((l) => l.label ?? l.source);
  }

  /** The years in which all 21 regions have a figure for this sex and age group. */
  completeYears(sex: Sex, age: AgeGroup): number[] {
    return this.years.filter((y) => this.regions.regions.every((r) => this.cell(key(r.code, y, sex, age)) !== undefined));
  }

  /** Like {@link get}, but a missing figure is an error that names it and says how to supply it. */
  require(region: string, year: number, sex: Sex = 'total', age: AgeGroup = ALL_AGES): number {
    const v = this.get(region, year, sex, age);
    if (v !== undefined) return v;
    const r = this.regions.byScbCode(region);
    const group = groupInParentheses(sex, age);
    const where = r ? `${r.name} (${r.code})` : region === NATIONAL_CODE ? 'Riket (00)' : region;
    const what = { source: this.label, region: where, year, group };
    if (!this.bundled) throw populationError(msg('population.missing', what), msg('population.missing.own.hint'));
    const complete = this.completeYears(sex, age);
    throw populationError(
      complete.length ? msg('population.missing.bundled', { ...what, years: describeYears(complete) }) : msg('population.missing.bundled-none', what),
      msg('population.missing.bundled.hint', { year }),
    );
  }
}

/** One layer's figures, indexed: its cells with the totals derived from single years of age, its age groups and years. */
interface LayerCells {
  cells: ReadonlyMap<string, number>;
  ages: ReadonlySet<AgeGroup>;
  years: readonly number[];
}

/**
 * The index of a frozen table, kept for as long as the table lives: the bundled population is
 * one frozen table (domain/bundled.ts), indexed once per process instead of at every run. A
 * table that is not frozen may still change, so it is indexed each time it is used.
 */
const indexedTables = new WeakMap<readonly Observation[], LayerCells>();

function layerCells(observations: readonly Observation[]): LayerCells {
  const kept = indexedTables.get(observations);
  if (kept) return kept;
  const indexed = indexLayer(observations);
  if (Object.isFrozen(observations) && observations.every((o) => Object.isFrozen(o))) indexedTables.set(observations, indexed);
  return indexed;
}

function indexLayer(observations: readonly Observation[]): LayerCells {
  const own = new Map<string, number>();
  const ages = new Set<AgeGroup>();
  const singleAges = new Map<string, Map<number, number>>();
  for (const o of observations) {
    if (o.value === null) continue;
    own.set(key(o.region, o.year, o.sex, o.age), o.value);
    ages.add(o.age);
    const single = /^\d+\+?$/.exec(o.age) ? parseInt(o.age, 10) : undefined;
    if (single !== undefined) {
      const k = key(o.region, o.year, o.sex, '');
      const byAge = singleAges.get(k) ?? new Map<number, number>();
      singleAges.set(k, byAge.set(single, o.value));
    }
  }
  // From single years of age (SCB BE0101N1: 0 … 100+), the totals that are exact sums.
  for (const [k, byAge] of singleAges) {
    const complete = byAge.size >= 101 && [...Array(101).keys()].every((a) => byAge.has(a));
    if (complete && !own.has(k + ALL_AGES))
      own.set(
        k + ALL_AGES,
        [...byAge.values()].reduce((a, b) => a + b, 0),
      );
    if (complete) ages.add(ALL_AGES);
    const target = [...Array(52).keys()].map((i) => byAge.get(16 + i));
    const known = target.filter((v) => v !== undefined);
    if (known.length === target.length && !own.has(k + TARGET_AGES))
      own.set(
        k + TARGET_AGES,
        known.reduce((a, b) => a + b, 0),
      );
    if (known.length === target.length) ages.add(TARGET_AGES);
  }
  return { cells: own, ages, years: [...new Set(observations.map((o) => o.year))] };
}

function key(region: string, year: number, sex: Sex, age: AgeGroup): string {
  return `${region}|${year}|${sex}|${age}`;
}

/** "women, aged 16-67" — empty for the total of all ages. */
export function describeGroup(sex: Sex, age: AgeGroup): string {
  return [sex !== 'total' ? sex : '', age !== ALL_AGES ? `aged ${age}` : ''].filter(Boolean).join(', ');
}

/**
 * " (women, aged 16-67)" in the language of the message — nothing for the total of all ages;
 * `words` gives " (women aged 16-67)", as in a title.
 */
export function groupInParentheses(sex: Sex, age: AgeGroup, words = false): Text {
  if (words && sex !== 'total' && age !== ALL_AGES) return msg('group.paren', { group: msg('group.sex-aged', { sex: sexWord(sex), age }) });
  const parts = [...(sex !== 'total' ? [sexWord(sex)] : []), ...(age !== ALL_AGES ? [msg('group.aged', { age })] : [])];
  return parts.length ? msg('group.paren', { group: parts }) : '';
}

/** 2000–2015, 2018 — runs of consecutive years. */
export function describeYears(years: readonly number[]): string {
  const runs: string[] = [];
  let start = years[0];
  for (const [i, y] of years.entries()) {
    if (years[i + 1] !== y + 1) {
      runs.push(start === y ? String(y) : `${start}–${y}`);
      start = years[i + 1];
    }
  }
  return runs.join(', ') || 'no years';
}
