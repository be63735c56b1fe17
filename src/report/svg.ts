import type { Lang, ResultRow } from '../render/model.js';
import { formatNumber } from '../render/numbers.js';

/** Inline SVG charts for the HTML report: no scripts, no external assets, deterministic output. */

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLOURS = { higher: '#2b8a3e', lower: '#c92a2a', similar: '#868e96' } as const;

/** Rounds coordinates so the SVG text is short and stable. */
const r1 = (v: number) => Math.round(v * 10) / 10;

/** The opening of a chart: the svg element with its accessible name, and the title drawn at the top. */
function svgOpen(width: number, height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="0" y="16" font-weight="bold">${escapeXml(title)}</text>`,
  ];
}

/** A "nice" upper bound for an axis: 1, 2 or 5 × 10^k at or above max. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/**
 * Horizontal bars per region, highest rate first, with whiskers for the 95% interval and a
 * dashed line at the national rate. Bars are coloured by the comparison with Riket.
 */
export function rankChart(rows: ResultRow[], national: number | null, title: string, lang: Lang): string {
  const data = rows.filter((r) => typeof r.rate === 'number');
  const label = 210;
  const plot = 460;
  const rowH = 20;
  const top = 48;
  const height = top + data.length * rowH + 30;
  const width = label + plot + 60;
  const max = niceMax(Math.max(...data.map((r) => r.rate_upper as number), national ?? 0));
  const x = (v: number) => r1(label + (v / max) * plot);
  const out = svgOpen(width, height, title);
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out.push(`<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${top + data.length * rowH}" stroke="#e9ecef"/>`);
    out.push(`<text x="${x(v)}" y="${top + data.length * rowH + 16}" text-anchor="middle" fill="#495057">${formatNumber(v, v < 10 && v % 1 ? 1 : 0, lang)}</text>`);
  }
  data.forEach((r, i) => {
    const y = top + i * rowH;
    const colour = COLOURS[(r.vs_national as keyof typeof COLOURS) ?? 'similar'] ?? COLOURS.similar;
    const tip = `${r.region}: ${formatNumber(r.rate as number, 1, lang)} (${formatNumber(r.rate_lower as number, 1, lang)}–${formatNumber(r.rate_upper as number, 1, lang)})`;
    out.push(`<g><title>${escapeXml(tip)}</title>`);
    out.push(`<text x="${label - 6}" y="${y + 14}" text-anchor="end">${escapeXml(String(r.region))}</text>`);
    out.push(`<rect x="${label}" y="${y + 4}" width="${r1(x(r.rate as number) - label)}" height="${rowH - 8}" fill="${colour}" fill-opacity="0.75"/>`);
    const cy = y + rowH / 2;
    out.push(`<path d="M${x(r.rate_lower as number)} ${cy}H${x(r.rate_upper as number)}M${x(r.rate_lower as number)} ${cy - 4}V${cy + 4}M${x(r.rate_upper as number)} ${cy - 4}V${cy + 4}" stroke="#212529" stroke-width="1.2" fill="none"/>`);
    out.push('</g>');
  });
  if (national !== null) {
    out.push(`<line x1="${x(national)}" y1="${top - 6}" x2="${x(national)}" y2="${top + data.length * rowH}" stroke="#1c7ed6" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x(national) + 4}" y="${top - 10}" fill="#1c7ed6">${lang === 'sv' ? 'Riket' : 'Riket (Sweden)'} ${formatNumber(national, 1, lang)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

const LINE_COLOURS = ['#1c7ed6', '#e8590c', '#2b8a3e', '#862e9c', '#c92a2a', '#495057'];

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
  const x = (year: number) => r1(left + (years.length === 1 ? plotW / 2 : ((year - years[0]!) / (years[years.length - 1]! - years[0]!)) * plotW));
  const y = (v: number) => r1(top + plotH - (v / max) * plotH);
  const out = svgOpen(width, height, title);
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="#e9ecef"/>`);
    out.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#495057">${formatNumber(v, 0, lang)}</text>`);
  }
  for (const year of years) out.push(`<text x="${x(year)}" y="${top + plotH + 18}" text-anchor="middle" fill="#495057">${year}</text>`);
  series.forEach((s, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length]!;
    const pts = s.points.filter((p): p is { year: number; count: number } => p.count !== null);
    if (pts.length) out.push(`<polyline points="${pts.map((p) => `${x(p.year)},${y(p.count)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of pts) out.push(`<circle cx="${x(p.year)}" cy="${y(p.count)}" r="3" fill="${colour}"><title>${escapeXml(`${s.name} ${p.year}: ${formatNumber(p.count, 0, lang)}`)}</title></circle>`);
    out.push(`<rect x="${left + plotW + 16}" y="${top + i * 20}" width="12" height="12" fill="${colour}"/>`);
    out.push(`<text x="${left + plotW + 34}" y="${top + i * 20 + 10}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
