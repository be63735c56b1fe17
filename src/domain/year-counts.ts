import { dataError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';
import type { Observation, Sex } from './observation.js';
import { chooseMethod, latestYear, selectCounts, yearsOf, type CountCell } from './select.js';

/** The counts of one method in one year, per region, and which method and year they are. */
export interface YearCounts {
  /** The method as the data names it ('' for a file without a method column). */
  method: string;
  /** The method as asked for (or found): names the counts of a file without a method column. */
  asked: string;
  year: number;
  counts: Map<string, CountCell>;
}

/**
 * The counts a one-year chart draws (funnel, map): the method asked for (or the data's only one),
 * the year asked for (or the latest with counts of it). A year without counts of the method stops
 * with the years that have them.
 */
export function countsOfYear(obs: readonly Observation[], o: { method?: string | undefined; year?: number | undefined; sex: Sex; recordLevel: boolean; source: Text }): YearCounts {
  const method = chooseMethod(obs, o.method, o.source);
  const asked = o.method ?? method;
  const years = yearsOf(obs.filter((x) => x.method === method));
  const year = o.year ?? latestYear(years);
  const counts = selectCounts(obs, { method, year, sex: o.sex, absentIsZero: o.recordLevel });
  if (counts.size === 0)
    throw dataError(
      msg('select.no-counts-for-year', { method: asked, year }),
      { file: o.source },
      msg('select.years-with-counts.hint', { method: asked, years: years.length ? years.join(', ') : msg('select.none') }),
    );
  return { method, asked, year, counts };
}
