import type { FunnelPlotResult } from '../domain/funnel-plot.js';
import { formatNumber, say, t } from '../messages/index.js';
import { funnelSvg, funnelWords } from './funnel-svg.js';
import type { Lang } from './model.js';

/** The funnel plot as SVG, its title, axis and notes in `lang`. */
export function funnelPlotSvg(r: FunnelPlotResult, lang: Lang): string {
  return funnelSvg({
    title: t(lang, 'title.funnel', { method: r.method, per: r.per, year: r.year }),
    yLabel: t(lang, 'funnel.per', { per: r.per }),
    target: r.target,
    targetLabel: say(r.targetLabel, lang),
    points: r.points,
    curve: r.curve,
    limitsNote: r.notes.map((n) => say(n, lang)).join(' '),
    format: (v, digits) => formatNumber(v, digits, lang),
    text: funnelWords(lang),
    lang,
  });
}
