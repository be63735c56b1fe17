import type { Lang, Value } from '../render/model.js';
import type { RankedRegion } from '../domain/ranking.js';
import { say, t } from '../messages/index.js';
import { COMPARISON_WORDS } from '../render/words.js';
import { escapeXml, niceMax, r1, svgOpen } from '../render/svg.js';
import { formatNumber } from '../render/numbers.js';
import { COMPARISON, comparisonStyle, GRID, INK, marker, MUTED, REFERENCE, seriesStyle, TEXT_SIZE, type Comparison } from '../render/palette.js';

/** Inline SVG charts for the HTML report: no scripts, no external assets, deterministic output. */

/** The legend for higher / similar / lower: marker shape and colour with the word, in one row. */
export function comparisonLegend(x: number, y: number, words: Record<Comparison, string>): string {
  const out: string[] = [];
  let at = x;
  for (const c of ['higher', 'similar', 'lower'] as const) {
    const st = COMPARISON[c];
    out.push(marker(st.shape, at + 6, y - 4, 11, st.colour));
    out.push(`<text x="${at + 16}" y="${y}" font-size="${TEXT_SIZE.small}">${escapeXml(words[c])}</text>`);
    at += 28 + words[c].length * 7;
  }
  return out.join('\n');
}

/** What the bar chart reads of a ranking's row (domain/ranking.ts RankedRegion). */
export type ChartRow = Pick<RankedRegion, 'region' | 'rate' | 'rate_lower' | 'rate_upper'> & { vs_national?: Value };

/**
 * Horizontal bars per region, highest rate first, with whiskers for the 95% interval and a
 * dashed line at the national rate. Bars are coloured by the comparison with Riket.
 */
export function rankChart(rows: readonly ChartRow[], national: number | null, title: string, lang: Lang): string {
  // A region without a rate (missing, or hidden by a publishing rule) has no bar.
  const data = rows.flatMap((r) =>
    r.rate !== null && r.rate_lower !== null && r.rate_upper !== null ? [{ region: r.region, rate: r.rate, lower: r.rate_lower, upper: r.rate_upper, vs: r.vs_national }] : [],
  );
  const label = 210;
  const plot = 460;
  const rowH = 22;
  const top = 64;
  const height = top + data.length * rowH + 30;
  const width = label + plot + 60;
  const max = niceMax(Math.max(...data.map((r) => r.upper), national ?? 0));
  const x = (v: number) => r1(label + (v / max) * plot);
  const out = svgOpen(width, height, title);
  for (let tick = 0; tick <= 4; tick++) {
    const v = (max * tick) / 4;
    out.push(`<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${top + data.length * rowH}" stroke="${GRID}"/>`);
    out.push(
      `<text x="${x(v)}" y="${top + data.length * rowH + 16}" text-anchor="middle" fill="${MUTED}" font-size="${TEXT_SIZE.small}">${formatNumber(v, v < 10 && v % 1 ? 1 : 0, lang)}</text>`,
    );
  }
  out.push(comparisonLegend(0, 40, { higher: say(COMPARISON_WORDS.higher, lang), lower: say(COMPARISON_WORDS.lower, lang), similar: say(COMPARISON_WORDS.similar, lang) }));
  data.forEach((r, i) => {
    const y = top + i * rowH;
    const style = comparisonStyle(r.vs);
    const tip = `${r.region}: ${formatNumber(r.rate, 1, lang)} (${formatNumber(r.lower, 1, lang)}–${formatNumber(r.upper, 1, lang)})`;
    out.push(`<g><title>${escapeXml(tip)}</title>`);
    out.push(`<text x="${label - 6}" y="${y + 15}" text-anchor="end">${escapeXml(r.region)}</text>`);
    out.push(`<rect x="${label}" y="${y + 4}" width="${r1(x(r.rate) - label)}" height="${rowH - 8}" fill="${style.colour}"/>`);
    const cy = y + rowH / 2;
    out.push(`<path d="M${x(r.lower)} ${cy}H${x(r.upper)}M${x(r.lower)} ${cy - 4}V${cy + 4}M${x(r.upper)} ${cy - 4}V${cy + 4}" stroke="${INK}" stroke-width="1.2" fill="none"/>`);
    // The second cue just past the interval's end, where no bar or whisker hides it.
    out.push(marker(style.shape, x(r.upper) + 12, cy, 11, style.colour));
    out.push('</g>');
  });
  if (national !== null) {
    out.push(`<line x1="${x(national)}" y1="${top - 6}" x2="${x(national)}" y2="${top + data.length * rowH}" stroke="${REFERENCE}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x(national) + 4}" y="${top - 10}" font-size="${TEXT_SIZE.small}">${escapeXml(t(lang, 'report.chart-riket', { rate: national }))}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/** A line per series (one per method) over the years, with points, axis ticks and a legend. */
export function trendChart(series: { name: string; points: { year: number; count: number | null }[] }[], title: string, lang: Lang): string {
  const left = 64;
  const plotW = 560;
  const plotH = 220;
  const top = 40;
  const width = left + plotW + 150;
  const height = top + plotH + 40;
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const max = niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p.count ?? 0))));
  const first = years[0] ?? 0;
  const last = years[years.length - 1] ?? first;
  const x = (year: number) => r1(left + (last === first ? plotW / 2 : ((year - first) / (last - first)) * plotW));
  const y = (v: number) => r1(top + plotH - (v / max) * plotH);
  const out = svgOpen(width, height, title);
  for (let tick = 0; tick <= 4; tick++) {
    const v = (max * tick) / 4;
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="${GRID}"/>`);
    out.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="${MUTED}" font-size="${TEXT_SIZE.small}">${formatNumber(v, 0, lang)}</text>`);
  }
  for (const year of years) out.push(`<text x="${x(year)}" y="${top + plotH + 18}" text-anchor="middle" fill="${MUTED}" font-size="${TEXT_SIZE.small}">${year}</text>`);
  series.forEach((s, i) => {
    const style = seriesStyle(i);
    const pts = s.points.filter((p): p is { year: number; count: number } => p.count !== null);
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    if (pts.length) out.push(`<polyline points="${pts.map((p) => `${x(p.year)},${y(p.count)}`).join(' ')}" fill="none" stroke="${style.colour}" stroke-width="2"${dash}/>`);
    for (const p of pts)
      out.push(`<g><title>${escapeXml(`${s.name} ${p.year}: ${formatNumber(p.count, 0, lang)}`)}</title>${marker(style.shape, x(p.year), y(p.count), 8, style.colour)}</g>`);
    const ly = top + i * 22;
    out.push(`<line x1="${left + plotW + 12}" y1="${ly + 6}" x2="${left + plotW + 40}" y2="${ly + 6}" stroke="${style.colour}" stroke-width="2"${dash}/>`);
    out.push(marker(style.shape, left + plotW + 26, ly + 6, 8, style.colour));
    out.push(`<text x="${left + plotW + 46}" y="${ly + 10}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
