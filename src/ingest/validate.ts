import { dataError } from '../errors.js';
import type { Measure, Observation } from '../domain/observation.js';
import type { PopulationTable } from '../domain/population.js';
import type { RegionIndex } from '../domain/regions.js';
import { matchKey } from '../domain/text.js';
import { shown } from './text.js';

/**
 * The data rules every value obeys, whichever reader read it: counts are whole numbers from 0
 * to 2^53 − 1 (beyond that a double cannot hold every integer, so sums would be wrong), a
 * population is a whole number above 0, and a count never exceeds its population unless the
 * user says it may (--above-population). Pure.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

export function valueProblem(value: number, text: string, measure: Measure): { message: string; hint?: string } | undefined {
  const what = measure === 'population' ? 'populations' : 'counts';
  if (value < 0) return { message: `${value} is negative; ${what} cannot be`, hint: 'counts and populations are 0 or more' };
  if (!Number.isInteger(value)) {
    return {
      message: `${shown(text)} is not a whole number, as ${what} are`,
      hint: measure === 'population'
        ? 'give the number of inhabitants'
        : 'if this column holds rates or shares, give the number of treatments instead; --map count=COLUMN names the column that holds it',
    };
  }
  if (value > MAX_COUNT) return { message: `${shown(text)} is larger than 2^53 − 1, the largest count rehab-stats can add exactly`, hint: 'check the column; no treatment count is that large' };
  if (measure === 'population' && value === 0) return { message: 'a population of 0', hint: 'a rate needs at least one inhabitant; leave the row out or mark it missing (..)' };
  return undefined;
}

/** Headers that name a rate or a share ("andel", "per 100 000", "%"): such a column is not counts. */
export function rateLikeHeader(header: string): boolean {
  const key = matchKey(header);
  return /(^|\s)(andel|procent|percent|percentage|share|rate|ratio|kvot|incidens|incidence|prevalens|prevalence)(\s|$)|per\s*\d|%|\bper (capita|invanare|inhabitants)\b/.test(key);
}

/**
 * A count above the population it is divided by is impossible for people counted once; it is
 * an error unless `allow` (repeat treatments of one person can exceed it), and then a note.
 */
/** The counts larger than their population, with that population, where the table has it. */
export function aboveTheirPopulation(counts: Iterable<Observation>, population: PopulationTable): { o: Observation; population: number }[] {
  const out: { o: Observation; population: number }[] = [];
  for (const o of counts) {
    if (o.value === null || !population.hasAge(o.age)) continue;
    const p = population.get(o.region, o.year, o.sex, o.age);
    // A copy: the observations may be one reused object (LoadedTable.every).
    if (p !== undefined && o.value > p) out.push({ o: { ...o }, population: p });
  }
  return out;
}

/** "the count 12 for Region Gotland, 2014, KBT is larger than its population, 10". */
export function describeAbove(o: Observation, population: number, regions: RegionIndex): string {
  const where = [o.region === '00' ? 'Riket' : (regions.byScbCode(o.region)?.name ?? o.region), o.year, o.method, o.sex !== 'total' ? o.sex : '', o.age !== 'all' ? `aged ${o.age}` : ''].filter(Boolean).join(', ');
  return `the count ${o.value} for ${where} is larger than its population, ${population}`;
}

export function countsAbovePopulation(
  counts: Iterable<Observation>,
  population: PopulationTable,
  regions: RegionIndex,
  source: string,
  allow: boolean,
): string[] {
  const above = aboveTheirPopulation(counts, population);
  if (above.length === 0) return [];
  const describe = (a: { o: Observation; population: number }) => describeAbove(a.o, a.population, regions);
  if (!allow) {
    const o = above[0]!.o;
    throw dataError(
      `${describe(above[0]!)}${above.length > 1 ? ` (and ${above.length - 1} more counts are)` : ''}`,
      { file: source, ...(o.line > 0 ? { line: o.line } : {}) },
      'check the count and the population file; if one person can be counted more than once, pass --above-population',
    );
  }
  return [`${above.length} count${above.length === 1 ? ' is' : 's are'} larger than the population (allowed by --above-population), e.g. ${describe(above[0]!)}.`];
}
