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

/** What an input is a table of. */
export type Measure = 'count' | 'population';
