import type { FunnelLabel } from '../stats/funnel.js';
import type { FunnelCurvePoint } from '../stats/funnel-curve.js';
import { escapeXml } from './svg.js';
import { COMPARISON, FONT_FAMILY, GRID, INK, marker, MUTED, REFERENCE, TEXT_SIZE, type Comparison } from './palette.js';
import { say, t, type Lang } from '../messages/index.js';
import { FUNNEL_WORDS } from './words.js';

/** One region in a funnel plot. */
export interface FunnelPoint {
  /** SCB region code, carried as data-region. */
  code: string;
  name: string;
  population: number;
  /** Rate per `per`. */
  rate: number;
  label: FunnelLabel | null;
}

/** Everything a funnel plot shows; the renderer computes nothing statistical. */
export interface FunnelPlot {
  title: string;
  /** "per 100,000 inhabitants": the y axis. */
  yLabel: string;
  /** The national rate per `per`: the horizontal line. */
  target: number;
  targetLabel: string;
  points: FunnelPoint[];
  /** The limits along the population axis, in increasing population. */
  curve: FunnelCurvePoint[];
  /** What the limits are, under the chart (e.g. "Poisson limits, PHEindicatormethods"). */
  limitsNote: string;
  /** Formats a rate for the point titles and axis ticks. */
  format: (value: number, digits: number) => string;
  /** Words on the chart, English unless given. */
  text?: Partial<FunnelText>;
  /** Makes the clip-path id unique when several plots share one HTML page. */
  id?: string;
  /** The language of the points' positions in their titles ("above 95%"), English unless given. */
  lang?: Lang;
}

export interface FunnelText {
  population: string;
  above: string;
  within: string;
  below: string;
  dotted: string;
  level95: string;
  level998: string;
}

const ENGLISH: FunnelText = funnelWords('en');

/** The words on a funnel plot in one language. */
export function funnelWords(lang: Lang): FunnelText {
  const w = (id: 'funnel.population' | 'funnel.above' | 'funnel.within' | 'funnel.below' | 'funnel.dotted' | 'funnel.level95' | 'funnel.level998') => t(lang, id);
  return {
    population: w('funnel.population'),
    above: w('funnel.above'),
    within: w('funnel.within'),
    below: w('funnel.below'),
    dotted: w('funnel.dotted'),
    level95: w('funnel.level95'),
    level998: w('funnel.level998'),
  };
}

const WIDTH = 760;
const HEIGHT = 500;
const LEFT = 70;
const RIGHT = 44;
const TOP = 48;
const BOTTOM = 110;
const r1 = (v: number) => Math.round(v * 10) / 10;
/** Characters of small text that fit between the left axis and the right edge (about 6.5 px each). */
const NOTE_CHARS = Math.floor((WIDTH - LEFT - 12) / 6.5);
const NOTE_LINE = 16;

/** Breaks a note into lines of at most `width` characters at spaces (a longer word gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** A "nice" axis maximum: 1, 2, 2.5 or 5 × 10^k at or above max. */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/** Above is blue ▲, below orange ▼, within grey ● (the shared palette), bigger outside 99.8%. */
function styleOf(label: FunnelLabel | null): { comparison: Comparison; size: number } {
  if (label === 'above 99.8%' || label === 'above 95%') return { comparison: 'higher', size: label === 'above 99.8%' ? 13 : 10 };
  if (label === 'below 99.8%' || label === 'below 95%') return { comparison: 'lower', size: label === 'below 99.8%' ? 13 : 10 };
  return { comparison: 'similar', size: 9 };
}

/**
 * A funnel plot as a standalone SVG: rate against population, the national rate as a dashed line,
 * the 95% limits dashed and the 99.8% limits solid, one marker per region — colour (Okabe–Ito
 * blue/orange/grey) and shape (▲ ▼ ●) say where it lies, so it reads without colour too. Each
 * region is a <g data-region="NN"> with a <title> naming it, its rate and its position.
 */
export function funnelSvg(plot: FunnelPlot): string {
  const words = { ...ENGLISH, ...plot.text };
  const clip = `funnel-plot-area${plot.id ? `-${plot.id.replace(/[^A-Za-z0-9_-]/g, '-')}` : ''}`;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const xMax = niceMax(Math.max(...plot.points.map((p) => p.population), ...plot.curve.map((c) => c.population)) * 1.02);
  const yMax = niceMax(Math.max(plot.target * 1.25, ...plot.points.map((p) => p.rate)) * 1.1);
  const x = (v: number) => r1(LEFT + (v / xMax) * plotW);
  const y = (v: number) => r1(TOP + plotH - (Math.min(v, yMax * 1.5) / yMax) * plotH);
  // The notes under the legend wrap to the chart's width; the picture grows to hold them.
  const notes = [`${plot.targetLabel}: ${plot.format(plot.target, 1)} ${plot.yLabel} (${words.dotted}).`, plot.limitsNote].flatMap((n) => wrapText(n, NOTE_CHARS));
  const height = HEIGHT + (notes.length - 2) * NOTE_LINE;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(plot.title)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${TEXT_SIZE.label}" fill="${INK}">`,
    `<title>${escapeXml(plot.title)}</title>`,
    `<text x="8" y="20" font-weight="bold" font-size="${TEXT_SIZE.title}">${escapeXml(plot.title)}</text>`,
    `<defs><clipPath id="${clip}"><rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}"/></clipPath></defs>`,
  ];
  for (let t = 0; t <= 5; t++) {
    const yv = (yMax * t) / 5;
    out.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${y(yv)}" y2="${y(yv)}" stroke="${GRID}"/>`);
    out.push(`<text x="${LEFT - 6}" y="${y(yv) + 4}" text-anchor="end" font-size="${TEXT_SIZE.small}" fill="${MUTED}">${escapeXml(plot.format(yv, 0))}</text>`);
    const xv = (xMax * t) / 5;
    out.push(`<text x="${x(xv)}" y="${TOP + plotH + 16}" text-anchor="middle" font-size="${TEXT_SIZE.small}" fill="${MUTED}">${escapeXml(plot.format(xv, 0))}</text>`);
  }
  out.push(`<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotH}" stroke="${INK}"/>`);
  out.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + plotH}" y2="${TOP + plotH}" stroke="${INK}"/>`);
  out.push(`<text x="${LEFT + plotW / 2}" y="${TOP + plotH + 34}" text-anchor="middle">${escapeXml(words.population)}</text>`);
  out.push(`<text transform="translate(16 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(plot.yLabel)}</text>`);

  const path = (key: keyof Omit<FunnelCurvePoint, 'population'>) => plot.curve.map((c, i) => `${i ? 'L' : 'M'}${x(c.population)} ${y(c[key])}`).join('');
  out.push(`<g clip-path="url(#${clip})" fill="none" stroke="${INK}">`);
  out.push(`<path class="limit-998" d="${path('upper998')}" stroke-width="1.5"/>`, `<path class="limit-998" d="${path('lower998')}" stroke-width="1.5"/>`);
  out.push(`<path class="limit-95" d="${path('upper95')}" stroke-dasharray="5 3"/>`, `<path class="limit-95" d="${path('lower95')}" stroke-dasharray="5 3"/>`);
  out.push(
    `<line class="target" x1="${LEFT}" x2="${LEFT + plotW}" y1="${y(plot.target)}" y2="${y(plot.target)}" stroke="${REFERENCE}" stroke-dasharray="2 3" stroke-width="1.5"/>`,
  );
  out.push('</g>');

  // the biggest markers first, so small ones stay visible on top
  const points = [...plot.points].sort((a, b) => styleOf(b.label).size - styleOf(a.label).size || a.code.localeCompare(b.code));
  for (const p of points) {
    const st = styleOf(p.label);
    const look = COMPARISON[st.comparison];
    const where = p.label ? say(FUNNEL_WORDS[p.label], plot.lang ?? 'en') : t(plot.lang ?? 'en', 'funnel.no-position');
    out.push(
      `<g data-region="${escapeXml(p.code)}"><title>${escapeXml(`${p.name}: ${plot.format(p.rate, 1)} ${plot.yLabel} (${where})`)}</title>${marker(look.shape, x(p.population), y(p.rate), st.size, look.colour)}</g>`,
    );
  }

  const ly = HEIGHT - 40;
  out.push(`<g font-size="${TEXT_SIZE.small}">`);
  out.push(marker(COMPARISON.higher.shape, LEFT + 6, ly - 4, 11, COMPARISON.higher.colour), `<text x="${LEFT + 16}" y="${ly}">${escapeXml(words.above)}</text>`);
  out.push(marker(COMPARISON.similar.shape, LEFT + 136, ly - 4, 9, COMPARISON.similar.colour), `<text x="${LEFT + 146}" y="${ly}">${escapeXml(words.within)}</text>`);
  out.push(marker(COMPARISON.lower.shape, LEFT + 206, ly - 4, 11, COMPARISON.lower.colour), `<text x="${LEFT + 216}" y="${ly}">${escapeXml(words.below)}</text>`);
  out.push(
    `<line x1="${LEFT + 430}" x2="${LEFT + 460}" y1="${ly - 4}" y2="${ly - 4}" stroke="${INK}" stroke-width="1.5"/><text x="${LEFT + 466}" y="${ly}">${escapeXml(words.level998)}</text>`,
  );
  out.push(
    `<line x1="${LEFT + 516}" x2="${LEFT + 546}" y1="${ly - 4}" y2="${ly - 4}" stroke="${INK}" stroke-dasharray="5 3"/><text x="${LEFT + 552}" y="${ly}">${escapeXml(words.level95)}</text>`,
  );
  notes.forEach((line, i) => out.push(`<text x="${LEFT}" y="${ly + 20 + i * NOTE_LINE}" fill="${MUTED}">${escapeXml(line)}</text>`));
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
