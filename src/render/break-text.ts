import type { BreakResult } from '../domain/break-analysis.js';
import type { RatioEstimate } from '../stats/wald-ratio.js';
import { msg, type Message } from '../messages/index.js';

/**
 * A break analysis in sentences: the model, the level and slope change with their 95% intervals,
 * and how to read them. Used under the trend table and in the report; written in the output's
 * language where it is shown.
 */
export function breakSentences(a: BreakResult, name: string): Message[] {
  const ci = (r: RatioEstimate, digits: 2 | 3): Message => msg(digits === 2 ? 'break.ratio-ci2' : 'break.ratio-ci3', { estimate: r.estimate, lower: r.lower, upper: r.upper });
  const n = a.points.length;
  const year = a.breakYear;
  const phi = a.fit.dispersion;
  const out =
    a.kind === 'alone'
      ? [
          msg('break.alone-model', { year, name, n, phi }),
          msg('break.alone-changes', { year, level: ci(a.fit.levelChange, 2), slope: ci(a.fit.slopeChange, 3), before: ci(a.fit.trendBefore, 3) }),
        ]
      : [msg('break.rest-model', { year, name, phi }), msg('break.rest-changes', { year, level: ci(a.fit.levelChange, 2), slope: ci(a.fit.slopeChange, 3) })];
  out.push(msg('break.how-to-read'));
  return out;
}
