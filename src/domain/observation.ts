/** Sex as SCB and Kolada split it: T/K/M, totalt/kvinnor/män. */
export type Sex = 'total' | 'women' | 'men';
export const SEXES: readonly Sex[] = ['total', 'women', 'men'];

/** Age group of a count or population: 'all', a band such as '16-67', or a single year ('34'). */
export type AgeGroup = string;
export const ALL_AGES = 'all';
/** The rehabilitation guarantee's target group. */
export const TARGET_AGES = '16-67';

/**
 * One number read from an input: a count of treatments (or, in a population file, a
 * population) for one region, year, method, sex and age group. `value` null means the
 * export marked it missing ("..", "."). `line` is where it was read, for messages.
 */
export interface Observation {
  region: string;
  year: number;
  method: string;
  sex: Sex;
  age: AgeGroup;
  value: number | null;
  line: number;
  /** A categorical answer (`tally --column`), when one was asked for. */
  category?: string;
}

/**
 * Observations kept as columns, for inputs with hundreds of thousands of them: per observation
 * the ids of its region, year, method, sex and age in each kind's list of distinct values, and
 * its value; in the observations' order. Iterating gives each observation as one reused object
 * (copy what you keep).
 */
export interface ObservationColumns extends Iterable<Observation> {
  readonly size: number;
  readonly dictionaries: { region: readonly string[]; year: readonly number[]; method: readonly string[]; sex: readonly Sex[]; age: readonly AgeGroup[] };
  /** Writes observation i's five ids (region, year, method, sex, age) into `into` from index `at`. */
  ids(i: number, into: Int32Array, at?: number): void;
  value(i: number): number | null;
}

/** What an input is a table of. */
export type Measure = 'count' | 'population';
