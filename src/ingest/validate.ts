import { dataError } from '../errors.js';
import type { Measure, Observation } from '../domain/observation.js';
import type { PopulationTable } from '../domain/population.js';
import type { RegionIndex } from '../domain/regions.js';
import { matchKey } from '../domain/text.js';
import { shown } from './text.js';
import { msg, sexWord, type Message, type Text } from '../messages/index.js';

/**
 * The data rules every value obeys, whichever reader read it: counts are whole numbers from 0
 * to 2^53 − 1 (beyond that a double cannot hold every integer, so sums would be wrong), a
 * population is a whole number above 0, and a count never exceeds its population unless the
 * user says it may (--above-population). Pure.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

export function valueProblem(value: number, text: string, measure: Measure): { message: Message; hint?: Message } | undefined {
  const population = measure === 'population';
  if (value < 0) return { message: population ? msg('value.negative.populations', { value }) : msg('value.negative.counts', { value }), hint: msg('value.negative.hint') };
  if (!Number.isInteger(value)) {
    return {
      message: population ? msg('value.not-whole.populations', { value: shown(text) }) : msg('value.not-whole.counts', { value: shown(text) }),
      hint: population ? msg('value.not-whole.population.hint') : msg('value.not-whole.count.hint'),
    };
  }
  if (value > MAX_COUNT) return { message: msg('value.too-large', { value: shown(text) }), hint: msg('value.too-large.hint') };
  if (population && value === 0) return { message: msg('value.zero-population'), hint: msg('value.zero-population.hint') };
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
    // A check, not a use: the result's notes name only the population it used.
    const p = population.peek(o.region, o.year, o.sex, o.age);
    // A copy: the observations may be one reused object (LoadedTable.every).
    if (p !== undefined && o.value > p) out.push({ o: { ...o }, population: p });
  }
  return out;
}

/** "the count 12 for Region Gotland, 2014, KBT is larger than its population, 10". */
export function describeAbove(o: Observation, population: number, regions: RegionIndex, more = 0): Message {
  const where = [
    o.region === '00' ? 'Riket' : (regions.byScbCode(o.region)?.name ?? o.region),
    o.year,
    o.method,
    ...(o.sex !== 'total' ? [sexWord(o.sex)] : []),
    ...(o.age !== 'all' ? [msg('value.aged', { age: o.age })] : []),
  ];
  const count = o.value ?? '–';
  return more > 0 ? msg('value.above-population.more', { count, where, population, more }) : msg('value.above-population', { count, where, population });
}

export function countsAbovePopulation(counts: Iterable<Observation>, population: PopulationTable, regions: RegionIndex, source: Text, allow: boolean): Message[] {
  const above = aboveTheirPopulation(counts, population);
  const [first] = above;
  if (first === undefined) return [];
  const describe = (a: { o: Observation; population: number }) => describeAbove(a.o, a.population, regions);
  if (!allow) {
    const o = first.o;
    throw dataError(describeAbove(o, first.population, regions, above.length - 1), { file: source, ...(o.line > 0 ? { line: o.line } : {}) }, msg('value.above-population.hint'));
  }
  return [msg('note.above-population-allowed', { n: above.length, example: describe(first) })];
}
