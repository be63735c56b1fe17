import type { BreakResult } from '../domain/break-analysis.js';
import type { RatioEstimate } from '../stats/wald-ratio.js';
import type { Lang } from './model.js';
import { formatNumber } from './numbers.js';

/**
 * A break analysis in sentences, English or Swedish: the model, the level and slope change with
 * their 95% intervals, and how to read them. Used under the trend table and in the report.
 */
export function breakSentences(a: BreakResult, name: string, lang: Lang): string[] {
  const f = (v: number, d: number) => formatNumber(v, d, lang);
  const ci = (r: RatioEstimate, d: number) => `×${f(r.estimate, d)} (${lang === 'sv' ? '95 % KI' : '95% CI'} ${f(r.lower, d)}–${f(r.upper, d)})`;
  const n = a.points.length;
  const phi = f(a.fit.dispersion, 2);
  if (lang === 'sv') {
    const out =
      a.kind === 'alone'
        ? [
            `Brytpunkt ${a.breakYear}: segmenterad Poissonregression av ${name}s antal under ${n} år, offset log(befolkning), kvasi-Poisson-dispersion ${phi}.`,
            `Nivåförändring ${a.breakYear}: ${ci(a.fit.levelChange, 2)}; lutningsförändring: ${ci(a.fit.slopeChange, 3)} per år; trend före: ${ci(a.fit.trendBefore, 3)} per år.`,
          ]
        : [
            `Brytpunkt ${a.breakYear}, ${name} mot övriga Sverige (riket utom regionen): en Poissonmodell med varje term × region, offset log(befolkning), kvasi-Poisson-dispersion ${phi}.`,
            `Jämfört med övriga Sverige — nivåförändring ${a.breakYear}: ${ci(a.fit.levelChange, 2)}; lutningsförändring: ${ci(a.fit.slopeChange, 3)} per år. Kvot: regionens takt ÷ övrigas, exakt 95 % intervall.`,
          ];
    out.push('En kvot vars intervall inte innehåller 1 är en förändring utöver slump och överspridning; "Utan brytpunkt": den anpassade trenden före brytpunkten förlängd.');
    return out;
  }
  const out =
    a.kind === 'alone'
      ? [
          `Break at ${a.breakYear}: segmented Poisson regression of ${name}'s counts over ${n} years, offset log(population), quasi-Poisson dispersion ${phi}.`,
          `Level change at ${a.breakYear}: ${ci(a.fit.levelChange, 2)}; slope change: ${ci(a.fit.slopeChange, 3)} per year; trend before: ${ci(a.fit.trendBefore, 3)} per year.`,
        ]
      : [
          `Break at ${a.breakYear}, ${name} against the rest of Sweden (Riket minus the region): one Poisson model with every term × region, offset log(population), quasi-Poisson dispersion ${phi}.`,
          `Relative to the rest — level change at ${a.breakYear}: ${ci(a.fit.levelChange, 2)}; slope change: ${ci(a.fit.slopeChange, 3)} per year. Ratio: the region's rate ÷ the rest's, exact 95% interval.`,
        ];
  out.push('A ratio whose interval excludes 1 is a change beyond chance and overdispersion; "No break": the fitted pre-break trend continued.');
  return out;
}
