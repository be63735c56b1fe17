import { dataError, usageError } from '../errors.js';
import { msg, sexWord, type Message, type Text } from '../messages/index.js';
import type { Observation, Sex } from './observation.js';
import { NATIONAL_CODE, type Region } from './regions.js';
import { chooseMethod, latestYear, selectCounts, yearsOf, type CountCell } from './select.js';

/**
 * The one way rank, summary, growth, funnel and map pick their counts: the method asked for (or
 * the data's only one), the year asked for (or the latest with counts of the method), and the
 * counts of a sex in that year (countsOfYear; growth's two years, countsOfYears). A year without
 * counts of the method and sex stops (exit 4) with the years that have them, in the same words
 * for every command.
 */

/** The counts a command selects from, as ingest gives them. */
export interface CountsData {
  observations: readonly Observation[];
  /** Every observation, when `observations` holds only the method and year a reader kept. */
  all?: Iterable<Observation>;
  /** Record-level data: a sex (or region) without rows had no treatments. */
  recordLevel: boolean;
}

/** The method a command works on, found in the data. */
export interface MethodChoice {
  /** The method as the data names it ('' for a file without a method column). */
  method: string;
  /** The method as asked for (or found): names the counts of a file without a method column. */
  asked: string;
}

/** The counts of one method in one year, per region, and which method, year and sex they are. */
export interface YearCounts extends MethodChoice {
  year: number;
  sex: Sex;
  counts: Map<string, CountCell>;
}

/** Every observation of the data, whether or not a reader kept only some as `observations`. */
function everyObservation(data: CountsData): Iterable<Observation> {
  return data.all ?? data.observations;
}

/** The method: --method as the data spells it, or the data's only one (chooseMethod's usage errors otherwise). */
export function methodChoice(data: CountsData, wanted: string | undefined, source: Text): MethodChoice {
  const method = chooseMethod(everyObservation(data), wanted, source);
  return { method, asked: wanted ?? method };
}

/**
 * The years with counts of the method for a sex, ascending. The total is formed from either
 * sex's rows when there is no total row (selectCounts), so any row of the method counts for it;
 * a sex needs rows of that sex.
 */
export function yearsWithCounts(data: CountsData, method: string, sex: Sex): number[] {
  return yearsOf(everyObservation(data), method, sex);
}

/** The year a one-year command works on: the one asked for, or the latest with counts of the method (of any sex). */
export function chosenYear(data: CountsData, choice: MethodChoice, year: number | undefined): number {
  return year ?? latestYear(yearsOf(everyObservation(data), choice.method));
}

/**
 * The counts of the chosen method in `year` for `sex`, per region (Riket's row, code 00, among
 * them when the data has one). None stops with a data error naming the year, the sex when not
 * the total, and the years that have counts of them.
 */
export function countsIn(data: CountsData, choice: MethodChoice, year: number, sex: Sex, source: Text): Map<string, CountCell> {
  const counts = selectCounts(data.observations, { method: choice.method, year, sex, absentIsZero: data.recordLevel });
  if (counts.size > 0) return counts;
  const method = choice.asked;
  const years = yearsWithCounts(data, choice.method, sex);
  const listed = years.length ? years.join(', ') : msg('select.none');
  if (sex === 'total') throw dataError(msg('select.no-counts-for-year', { method, year }), { file: source }, msg('select.years-with-counts.hint', { method, years: listed }));
  const group = sexWord(sex);
  throw dataError(msg('select.no-counts-for-year-group', { method, year, group }), { file: source }, msg('select.years-with-counts-group.hint', { method, group, years: listed }));
}

/**
 * The counts a one-year command works on (rank, summary, funnel, map): the method asked for (or
 * the data's only one), the year asked for (or the latest with counts of it), for one sex.
 */
export function countsOfYear(data: CountsData, ask: { method?: string | undefined; year?: number | undefined; sex: Sex; source: Text }): YearCounts {
  const choice = methodChoice(data, ask.method, ask.source);
  const year = chosenYear(data, choice, ask.year);
  return { ...choice, year, sex: ask.sex, counts: countsIn(data, choice, year, ask.sex, ask.source) };
}

/** The counts of one method in two years, per region: what growth compares. */
export interface YearsCounts extends MethodChoice {
  from: number;
  to: number;
  sex: Sex;
  base: Map<string, CountCell>;
  end: Map<string, CountCell>;
}

/**
 * The counts growth compares: the method as countsOfYear picks it, the base year `from` and the
 * end year `to` (or the latest with counts of the method). An end year not after the base year
 * is a usage error; either year without counts stops as countsIn does, the base year first.
 */
export function countsOfYears(data: CountsData, ask: { method?: string | undefined; from: number; to?: number | undefined; sex: Sex; source: Text }): YearsCounts {
  const choice = methodChoice(data, ask.method, ask.source);
  const { from, sex } = ask;
  const to = chosenYear(data, choice, ask.to);
  if (to <= from) throw usageError(msg('select.to-after-since', { to, since: from }));
  return { ...choice, from, to, sex, base: countsIn(data, choice, from, sex, ask.source), end: countsIn(data, choice, to, sex, ask.source) };
}

/**
 * The regions without a count in the selection, by name, in the order given: absent from the
 * input for the year, marked missing (".."), or a total with one sex missing. Riket apart. A
 * command that leaves them out of what it draws or summarises names them (summary, funnel);
 * rank gives each a row that says why.
 */
export function regionsWithoutCount(counts: ReadonlyMap<string, CountCell>, regions: readonly Pick<Region, 'code' | 'name'>[]): string[] {
  return regions.filter((r) => r.code !== NATIONAL_CODE && counts.get(r.code)?.value == null).map((r) => r.name);
}

/** The note naming the regions without a count that a command leaves out (summary, funnel); none when every region has one. */
export function leftOutNote(counts: ReadonlyMap<string, CountCell>, regions: readonly Pick<Region, 'code' | 'name'>[], method: string, year: number): Message[] {
  const missing = regionsWithoutCount(counts, regions);
  return missing.length ? [msg('note.left-out-no-count', { method, year, regions: missing })] : [];
}
