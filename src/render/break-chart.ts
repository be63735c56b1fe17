import type { BreakResult } from '../domain/break-analysis.js';
import type { Series } from '../domain/trend-series.js';
import { escapeXml, niceMax, svgOpen } from './svg.js';
import { GRID, INK, marker, MUTED, OKABE_ITO, TEXT_SIZE } from './palette.js';
import type { Lang } from './model.js';
import { formatNumber } from './numbers.js';
import { t } from '../messages/index.js';

/** The chart's own words (axis, break line, legend, tooltips) in the output's language. */
function chartWords(lang: Lang) {
  return {
    rateAxis: (per: number) => t(lang, 'chart.rate-axis', { per }),
    countAxis: t(lang, 'chart.count-axis'),
    breakAt: (year: number) => t(lang, 'chart.break-at', { year }),
    ci: t(lang, 'chart.ci'),
    observed: (name: string) => t(lang, 'chart.observed', { name }),
    fitted: t(lang, 'chart.fitted'),
    counterfactual: t(lang, 'chart.counterfactual'),
    rest: t(lang, 'chart.rest'),
  };
}
type ChartWords = ReturnType<typeof chartWords>;

/** Rounds coordinates so the SVG text is short and stable. */
const r1 = (v: number) => Math.round(v * 10) / 10;

/** The chart's colours and line styles: each line differs in colour and in dash, so it reads without colour. */
const STYLE = {
  observed: { colour: OKABE_ITO.blue, shape: 'circle' as const },
  fitted: { colour: OKABE_ITO.blue, dash: '' },
  counterfactual: { colour: OKABE_ITO.orange, dash: '7 4' },
  rest: { colour: '#767676', shape: 'square' as const, dash: '2 3' },
};

/**
 * One series over the years as SVG: the observed values (rates with their 95% intervals when
 * the series has a population, else counts) and, with a break analysis, the fitted segments
 * (solid blue), the pre-break trend continued (dashed orange) and a dotted line at the break;
 * with --vs rest also the rest of Sweden (grey squares, dotted fit). Deterministic, no scripts.
 * Its words and numbers follow `lang` (Swedish: "Brytpunkt", decimal comma).
 */
export function breakChart(series: Series, analysis: BreakResult | undefined, per: number, title: string, lang: Lang = 'en'): string {
  const w = chartWords(lang);
  const tick = (v: number) => formatTick(v, lang);
  const rates = series.points.every((p) => p.population !== undefined);
  const valueOf = (p: Series['points'][number]): number | null => (rates ? (p.rate ?? null) : p.count);
  const years = series.points.map((p) => p.year);
  // A model's fitted counts are one per point (and with rates every point has a population).
  const perPop = (counts: readonly number[]) => counts.map((c, i) => (rates ? (c / populationAt(series.points, i)) * per : c));
  const fit = analysis ? (analysis.kind === 'alone' ? analysis.fit : analysis.fit.region) : undefined;
  const fitted = fit ? perPop(fit.fitted) : [];
  const counterfactual = fit ? perPop(fit.counterfactual) : [];
  const restObserved = analysis?.kind === 'vs-rest' ? analysis.rest.map((r) => (r.count / r.population) * per) : [];
  const restFitted = analysis?.kind === 'vs-rest' ? analysis.fit.rest.fitted.map((c, i) => (c / populationAt(analysis.rest, i)) * per) : [];

  const left = 70;
  const top = 64;
  const plotW = 560;
  const plotH = 260;
  const width = left + plotW + 30;
  const height = top + plotH + 86;
  const all = [...series.points.map((p) => (rates ? (p.rateUpper ?? 0) : (valueOf(p) ?? 0))), ...fitted, ...counterfactual, ...restObserved];
  const max = niceMax(Math.max(...all));
  const first = years[0] ?? 0;
  const last = years[years.length - 1] ?? first;
  const x = (year: number) => r1(left + (last === first ? plotW / 2 : ((year - first) / (last - first)) * plotW));
  const y = (v: number) => r1(top + plotH - (v / max) * plotH);
  // Model values line up with the years (one per point); a value beyond them is not drawn.
  const path = (ys: readonly number[], from: number, to: number) =>
    ys
      .slice(from, to)
      .flatMap((v, i) => {
        const year = years[from + i];
        return year === undefined ? [] : [`${i === 0 ? 'M' : 'L'}${x(year)} ${y(v)}`];
      })
      .join('');

  const out = svgOpen(width, height, title);
  out.push(`<text x="0" y="40" font-size="${TEXT_SIZE.small}" fill="${MUTED}">${escapeXml(rates ? w.rateAxis(per) : w.countAxis)}</text>`);
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="${GRID}"/>`);
    out.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="${MUTED}" font-size="${TEXT_SIZE.small}">${tick(v)}</text>`);
  }
  const step = years.length > 12 ? 2 : 1;
  years.forEach((yr, i) => {
    if (i % step === 0 || i === years.length - 1)
      out.push(`<text x="${x(yr)}" y="${top + plotH + 18}" text-anchor="middle" fill="${MUTED}" font-size="${TEXT_SIZE.small}">${yr}</text>`);
  });
  if (analysis) {
    const at = r1((x(analysis.breakYear) + x(analysis.breakYear - 1)) / 2);
    out.push(`<line x1="${at}" y1="${top - 4}" x2="${at}" y2="${top + plotH}" stroke="${INK}" stroke-width="1" stroke-dasharray="1 3"/>`);
    out.push(`<text x="${at + 4}" y="${top + 8}" font-size="${TEXT_SIZE.small}">${escapeXml(w.breakAt(analysis.breakYear))}</text>`);
    const split = analysis.points.findIndex((p) => p.year >= analysis.breakYear);
    if (analysis.kind === 'vs-rest') {
      out.push(
        `<path d="${path(restFitted, 0, split)}${path(restFitted, split, years.length)}" fill="none" stroke="${STYLE.rest.colour}" stroke-width="1.5" stroke-dasharray="${STYLE.rest.dash}"/>`,
      );
      analysis.rest.forEach((r) => out.push(marker(STYLE.rest.shape, x(r.year), y((r.count / r.population) * per), 8, STYLE.rest.colour)));
    }
    // The counterfactual starts at the last pre-break year so it visibly continues that segment.
    out.push(
      `<path d="${path(counterfactual, split - 1, years.length)}" fill="none" stroke="${STYLE.counterfactual.colour}" stroke-width="2" stroke-dasharray="${STYLE.counterfactual.dash}"/>`,
    );
    out.push(`<path d="${path(fitted, 0, split)}${path(fitted, split, years.length)}" fill="none" stroke="${STYLE.fitted.colour}" stroke-width="2.5"/>`);
  } else {
    const known = series.points.map(valueOf);
    const segments = series.points
      .map((p, i) => {
        const v = known[i] ?? null;
        return v === null ? '' : `${i === 0 || known[i - 1] === null ? 'M' : 'L'}${x(p.year)} ${y(v)}`;
      })
      .join('');
    out.push(`<path d="${segments}" fill="none" stroke="${STYLE.fitted.colour}" stroke-width="2"/>`);
  }
  series.points.forEach((p) => {
    const v = valueOf(p);
    if (v === null) return;
    const tip = `${p.year}: ${tick(v)}${rates && p.rateLower != null && p.rateUpper != null ? ` (${w.ci} ${tick(p.rateLower)}–${tick(p.rateUpper)})` : ''}`;
    out.push(`<g><title>${escapeXml(tip)}</title>`);
    if (rates && p.rateLower != null && p.rateUpper != null) {
      out.push(`<path d="M${x(p.year)} ${y(p.rateLower)}V${y(p.rateUpper)}" stroke="${INK}" stroke-width="1"/>`);
    }
    out.push(marker(STYLE.observed.shape, x(p.year), y(v), 9, STYLE.observed.colour));
    out.push('</g>');
  });
  out.push(...legend(top + plotH + 40, analysis, series.name, w));
  out.push('</svg>');
  return out.join('\n');
}

/** The legend: a swatch of each line or marker (colour and dash or shape) and its words. */
function legend(yTop: number, analysis: BreakResult | undefined, name: string, w: ChartWords): string[] {
  const items: { draw: (x: number, y: number) => string; text: string }[] = [
    { draw: (x, y) => marker(STYLE.observed.shape, x + 12, y - 4, 9, STYLE.observed.colour), text: w.observed(name) },
  ];
  if (analysis) {
    items.push({ draw: (x, y) => `<path d="M${x} ${y - 4}H${x + 24}" stroke="${STYLE.fitted.colour}" stroke-width="2.5"/>`, text: w.fitted });
    items.push({
      draw: (x, y) => `<path d="M${x} ${y - 4}H${x + 24}" stroke="${STYLE.counterfactual.colour}" stroke-width="2" stroke-dasharray="${STYLE.counterfactual.dash}"/>`,
      text: w.counterfactual,
    });
    if (analysis.kind === 'vs-rest') {
      items.push({
        draw: (x, y) =>
          `${marker(STYLE.rest.shape, x + 12, y - 4, 8, STYLE.rest.colour)}<path d="M${x} ${y - 4}H${x + 24}" stroke="${STYLE.rest.colour}" stroke-width="1.5" stroke-dasharray="${STYLE.rest.dash}"/>`,
        text: w.rest,
      });
    }
  }
  const out: string[] = [];
  items.forEach((item, i) => {
    const x = (i % 2) * 320;
    const y = yTop + Math.floor(i / 2) * 20;
    out.push(item.draw(x, y));
    out.push(`<text x="${x + 32}" y="${y}" font-size="${TEXT_SIZE.small}">${escapeXml(item.text)}</text>`);
  });
  return out;
}

/** The population of the i-th point: a model has one value per point, so it is there. */
function populationAt(points: readonly { population?: number }[], i: number): number {
  const population = points[i]?.population;
  if (population === undefined) throw new Error(`no population for point ${i}`);
  return population;
}

/** Axis and tooltip numbers: no decimals from 100 up, one below. */
function formatTick(v: number, lang: Lang): string {
  return formatNumber(v, v >= 100 || Number.isInteger(v) ? 0 : 1, lang);
}
