import { ALL_AGES, type Sex } from '../domain/observation.js';
import { msg, type Message } from '../messages/index.js';
import type { StatisticName } from '../domain/summary.js';
import type { Comparison } from '../stats/compare.js';
import type { FunnelLabel } from '../stats/funnel.js';
import type { Words } from './model.js';

/**
 * The words people read for the codes a result's cells hold: the value machine formats print
 * as it is (vs_national "higher", sex "women"), and the catalogue message human formats write
 * in their language. A column names its map (`words`); each map is typed by its codes, so a
 * code without a word does not compile.
 */

export const COMPARISON_WORDS: Readonly<Record<Comparison, Message>> = {
  higher: msg('cell.higher'),
  similar: msg('cell.similar'),
  lower: msg('cell.lower'),
};

export const FUNNEL_WORDS: Readonly<Record<FunnelLabel, Message>> = {
  'above 99.8%': msg('cell.above-99.8'),
  'above 95%': msg('cell.above-95'),
  within: msg('cell.within'),
  'below 95%': msg('cell.below-95'),
  'below 99.8%': msg('cell.below-99.8'),
};

/** growth --per-capita's `significant`: whether the rate ratio's interval lies above 1, below it, or holds it. */
export const CHANGE_WORDS: Readonly<Record<'increase' | 'decrease' | 'no', Message>> = {
  increase: msg('cell.increase'),
  decrease: msg('cell.decrease'),
  no: msg('cell.no'),
};

/** rank's `interval_method`: the interval a row got (PHE's rule picks by count; a DSR's is Dobson's). */
export const INTERVAL_METHOD_WORDS: Readonly<Record<'exact' | 'byar' | 'dobson', Message>> = {
  exact: msg('cell.exact'),
  byar: msg('cell.byar'),
  dobson: msg('cell.dobson'),
};

export const SEX_WORDS: Readonly<Record<Sex, Message>> = {
  total: msg('cell.total'),
  women: msg('cell.women'),
  men: msg('cell.men'),
};

/** An age column: every age together has a word; an age group ("16-67") is shown as it is. */
export const AGE_WORDS: Readonly<Record<typeof ALL_AGES, Message>> = { [ALL_AGES]: msg('cell.all') };

/** summary's statistics (domain/summary.ts). */
export const STATISTIC_WORDS: Readonly<Record<StatisticName, Message>> = {
  min: msg('cell.min'),
  q1: msg('cell.q1'),
  median: msg('cell.median'),
  q3: msg('cell.q3'),
  max: msg('cell.max'),
  mean: msg('cell.mean'),
  sd: msg('cell.sd'),
  cv: msg('cell.cv'),
  max_min_ratio: msg('cell.max_min_ratio'),
};

/** The word for a code in `words`, or undefined when the map has none (a name, an age group), which is shown as it is. */
export function wordFor(words: Words, code: string): Message | undefined {
  return Object.hasOwn(words, code) ? words[code] : undefined;
}
