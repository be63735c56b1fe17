import type { Lang } from '../render/model.js';
import { formatNumber } from '../render/numbers.js';
import { t } from '../messages/index.js';
import type { MethodSection, ReportModel } from './build.js';

/**
 * The report's sentences, built from the numbers — never hard-coded figures — in the words of
 * the message catalogue (src/messages/report.ts).
 */

/** "94 procent" / "94 percent"; one decimal below 10. */
export function percentWords(value: number, lang: Lang): string {
  const digits = Math.abs(value) < 10 && Math.round(value) !== value ? 1 : 0;
  return t(lang, 'report.percent', { value: formatNumber(Math.abs(value), digits, lang) });
}

/**
 * The headline for one method: how many, and the change since the base year.
 * sv: "År 2014 fick 50 440 personer KBT – en ökning med 94 procent jämfört med 2009."
 * en: "In 2014, 50,440 people received KBT – an increase of 94 percent compared with 2009."
 */
export function headline(s: MethodSection, lang: Lang): string {
  const count = s.national.count;
  if (s.hidden?.get(s.national)?.has('count')) return t(lang, 'report.hidden-headline', { method: s.method, year: s.year });
  if (count === null) return t(lang, 'report.no-count', { method: s.method, year: s.year });
  const said = { year: s.year, n: count, method: s.method };
  const g = s.growth.national;
  if (g.base_count === null) return t(lang, 'report.headline', said);
  if (g.base_count === 0) return t(lang, 'report.headline-zero-base', { ...said, since: s.since });
  const pct = g.change_pct;
  // No percentage without the year's count (missing, or hidden by a rule): the headline without the change.
  if (pct === null) return t(lang, 'report.headline', said);
  if (Math.round(pct) === 0) return t(lang, 'report.headline-same', { ...said, since: s.since });
  return t(lang, pct > 0 ? 'report.headline-increase' : 'report.headline-decrease', { ...said, pct: percentWords(pct, lang), since: s.since });
}

/** Which regions have the highest and lowest rate. */
export function extremes(s: MethodSection, model: ReportModel, lang: Lang): string | undefined {
  const ranked = s.ranked.flatMap((r) => (r.rate === null ? [] : [{ region: r.region, rate: r.rate }]));
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  if (ranked.length < 2 || !top || !bottom) return undefined;
  // With --region the extremes are those of the regions shown, and the sentence says so.
  return t(lang, model.regions ? 'report.extremes-selected' : 'report.extremes', {
    top: top.region,
    topRate: top.rate,
    per: model.per,
    bottom: bottom.region,
    bottomRate: bottom.rate,
  });
}

/** "IPT utgjorde 2 procent av alla behandlingar 2014." */
export function shareSentence(s: MethodSection, lang: Lang): string | undefined {
  if (!s.share) return undefined;
  return t(lang, 'report.share', { method: s.method, pct: percentWords(s.share.pct, lang), year: s.year });
}

/** "10 av 21 regioner ligger över riket, 8 under." */
export function comparisonSentence(s: MethodSection, lang: Lang): string {
  const higher = s.ranked.filter((r) => r.vs_national === 'higher').length;
  const lower = s.ranked.filter((r) => r.vs_national === 'lower').length;
  const n = s.ranked.filter((r) => r.rate !== null).length;
  return n === 0 ? t(lang, 'report.comparison-none') : t(lang, 'report.comparison', { higher, n, lower });
}
