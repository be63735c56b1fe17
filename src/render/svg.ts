import { FONT_FAMILY, INK, TEXT_SIZE } from './palette.js';

/** The pieces every SVG chart shares (report charts, funnel plot, break chart, map): no scripts, no external assets, deterministic output. */

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds coordinates so the SVG text is short and stable. */
export const r1 = (v: number) => Math.round(v * 10) / 10;

/** The opening of a chart: the svg element with its accessible name, and the title drawn at the top. */
export function svgOpen(width: number, height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${TEXT_SIZE.label}" fill="${INK}">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="0" y="18" font-weight="bold" font-size="${TEXT_SIZE.title}">${escapeXml(title)}</text>`,
  ];
}

/**
 * A "nice" upper bound for an axis drawn with four equal steps (every chart here gridlines at
 * quarters): four times the smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) that reaches
 * max. A bound of 1, 2 or 5 × 10^k alone can leave half the plot empty (51 200 → 100 000).
 * @example niceMax(51200) // 60000, gridlines at 15 000, 30 000, 45 000
 */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const quarter = max / 4;
  const exp = Math.pow(10, Math.floor(Math.log10(quarter)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= quarter) return 4 * m * exp;
  return 40 * exp;
}
