import { HIDDEN_MARKER } from '../domain/publish.js';
import type { Lang } from './model.js';
import type { RegionShape } from '../domain/region-shape.js';
import type { RateMapResult } from '../domain/rate-map.js';

export type { RegionShape } from '../domain/region-shape.js';
import { t } from '../messages/index.js';
import { formatNumber } from './numbers.js';
import { escapeXml } from './svg.js';
import { FONT_FAMILY, FUNNEL, FUNNEL_CLASSES, INK, marker, NO_DATA, SEQUENTIAL, TEXT_SIZE, type FunnelClass } from './palette.js';

/**
 * Maps of the 21 regions as SVG: a tile map (one equal square per region, placed roughly where
 * it lies, so sparsely populated Norrland does not dominate the eye) or, from boundaries the
 * user supplies, a choropleth. Coloured by rate (a light-to-dark sequential scale, readable in
 * grey) or by funnel class (Okabe–Ito blue/orange with ▲/▼/● shapes). Every region carries
 * data-region="NN" and a <title> with its name and value. Pure and deterministic.
 */

/** One region's value on the map. */
export interface MapRegion {
  code: string;
  name: string;
  /** The rate, or null when the region has none. */
  rate: number | null;
  /** The funnel class, when colouring by funnel. */
  funnel?: string | null;
  /** The count is hidden by a publishing rule (--suppress): drawn with the marker ×, not as missing. */
  hidden?: boolean;
}

export interface MapOptions {
  title: string;
  colourBy: 'rate' | 'funnel';
  lang: Lang;
  /** The unit in the legend, e.g. "per 100,000". */
  unit: string;
  /** Words for the legend. */
  words: { noData: string; hidden: string; funnel: Record<FunnelClass, string> & { heading: string } };
}

/** The map's words in `lang`. */
export function mapWords(lang: Lang): MapOptions['words'] {
  return {
    noData: t(lang, 'map.no-data'),
    hidden: t(lang, 'map.hidden'),
    funnel: {
      heading: t(lang, 'map.funnel-heading'),
      'above 99.8%': t(lang, 'map.above-998'),
      'above 95%': t(lang, 'map.above-95'),
      within: t(lang, 'map.within'),
      'below 95%': t(lang, 'map.below-95'),
      'below 99.8%': t(lang, 'map.below-998'),
    },
  };
}

/** Where each region's tile sits: column and row in a 4 × 8 grid, with the name shown on it. */
export const TILES: readonly { code: string; col: number; row: number; short: string }[] = [
  { code: '25', col: 2, row: 0, short: 'Norrbotten' },
  { code: '24', col: 2, row: 1, short: 'Västerbotten' },
  { code: '23', col: 1, row: 2, short: 'Jämtland' },
  { code: '22', col: 2, row: 2, short: 'Västernorrland' },
  { code: '20', col: 1, row: 3, short: 'Dalarna' },
  { code: '21', col: 2, row: 3, short: 'Gävleborg' },
  { code: '17', col: 0, row: 4, short: 'Värmland' },
  { code: '18', col: 1, row: 4, short: 'Örebro' },
  { code: '19', col: 2, row: 4, short: 'Västmanland' },
  { code: '03', col: 3, row: 4, short: 'Uppsala' },
  { code: '14', col: 0, row: 5, short: 'V. Götaland' },
  { code: '05', col: 1, row: 5, short: 'Östergötland' },
  { code: '04', col: 2, row: 5, short: 'Sörmland' },
  { code: '01', col: 3, row: 5, short: 'Stockholm' },
  { code: '13', col: 0, row: 6, short: 'Halland' },
  { code: '06', col: 1, row: 6, short: 'Jönköping' },
  { code: '08', col: 2, row: 6, short: 'Kalmar' },
  { code: '09', col: 3, row: 6, short: 'Gotland' },
  { code: '12', col: 0, row: 7, short: 'Skåne' },
  { code: '07', col: 1, row: 7, short: 'Kronoberg' },
  { code: '10', col: 2, row: 7, short: 'Blekinge' },
];

const TILE = 96;
const GAP = 4;
const TOP = 40;
const LEGEND_W = 230;

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Round class widths: these × a power of ten. Finer than 1-2-5 so the five classes fit the data closely. */
const ROUND_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/**
 * Rate classes: five equal steps of a round width from a round start, the narrowest that covers
 * every rate, so the whole light-to-dark scale is used.
 */
export function rateClasses(rates: readonly number[]): { lower: number; upper: number }[] {
  if (!rates.length) return [];
  const n = SEQUENTIAL.length;
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  const spread = max > min ? (max - min) / n : Math.max(Math.abs(max), 1) / n;
  for (let exp = Math.floor(Math.log10(spread)) - 1; ; exp++) {
    for (const m of ROUND_STEPS) {
      const width = m * Math.pow(10, exp);
      if (width < spread) continue;
      // Rounded to tame floating-point residue in the bounds (0.1 × 3 …).
      const start = Math.round(Math.floor(min / width) * width * 1e9) / 1e9;
      // The top class includes its upper bound.
      if (start + width * n >= max - 1e-9)
        return SEQUENTIAL.map((_, i) => ({ lower: Math.round((start + i * width) * 1e9) / 1e9, upper: Math.round((start + (i + 1) * width) * 1e9) / 1e9 }));
    }
  }
}

/** A funnel label as a class of the legend, if it is one. */
function funnelClass(label: unknown): FunnelClass | undefined {
  return FUNNEL_CLASSES.find((c) => c === label);
}

/** The class of a rate: the last class whose lower bound it reaches. */
function classOf(rate: number, classes: readonly { lower: number }[]): number {
  let k = 0;
  classes.forEach((c, i) => {
    if (rate >= c.lower) k = i;
  });
  return k;
}

interface Paint {
  fill: string;
  text: string;
  stroke: string;
  dash?: string;
  shape?: (cx: number, cy: number) => string;
  label: string;
}

/** Fill, text colour, second cue and value label for each region, and the legend entries. */
function paints(
  regions: readonly MapRegion[],
  o: MapOptions,
): { paintOf: (r: MapRegion | undefined) => Paint; legend: { fill: string; stroke: string; dash?: string; shape?: (cx: number, cy: number) => string; text: string }[] } {
  const digits = (v: number) => (v >= 100 ? 0 : 1);
  const noData: Paint = { fill: NO_DATA.fill, text: NO_DATA.text, stroke: NO_DATA.stroke, dash: NO_DATA.dash, label: '–' };
  const noDataLegend = { fill: NO_DATA.fill, stroke: NO_DATA.stroke, dash: NO_DATA.dash, text: o.words.noData };
  // A hidden count: the missing tile's look with the marker × (README "Publishing"), in the legend only when drawn.
  const hidden: Paint = { ...noData, label: HIDDEN_MARKER };
  const hiddenLegend = regions.some((r) => r.hidden) ? [{ fill: NO_DATA.fill, stroke: NO_DATA.stroke, dash: NO_DATA.dash, text: o.words.hidden }] : [];
  if (o.colourBy === 'funnel') {
    const paintOf = (r: MapRegion | undefined): Paint => {
      const cls = funnelClass(r?.funnel);
      if (r?.hidden) return hidden;
      if (!r || r.rate === null || !cls) return noData;
      const f = FUNNEL[cls];
      return { fill: f.fill, text: f.text, stroke: '#ffffff', shape: (cx, cy) => marker(f.shape, cx, cy, 10, f.fill, f.text), label: formatNumber(r.rate, digits(r.rate), o.lang) };
    };
    const legend = FUNNEL_CLASSES.map((c) => ({
      fill: FUNNEL[c].fill,
      stroke: '#ffffff',
      shape: (cx: number, cy: number) => marker(FUNNEL[c].shape, cx, cy, 10, FUNNEL[c].fill, FUNNEL[c].text),
      text: o.words.funnel[c],
    }));
    return { paintOf, legend: [...legend, noDataLegend, ...hiddenLegend] };
  }
  const rates = regions.map((r) => r.rate).filter((v): v is number => v !== null);
  const classes = rateClasses(rates);
  // As many decimals as the bounds need (0.45 – 0.6 needs two), and no more.
  const bounds = classes.flatMap((c) => [c.lower, c.upper]);
  let d = 0;
  while (d < 6 && bounds.some((b) => Math.abs(Math.round(b * 10 ** d) - b * 10 ** d) > 1e-6)) d++;
  const paintOf = (r: MapRegion | undefined): Paint => {
    if (r?.hidden) return hidden;
    if (!r || r.rate === null) return noData;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- classOf gives an index of `classes`, which has one class per SEQUENTIAL colour.
    const s = SEQUENTIAL[classOf(r.rate, classes)]!;
    return { fill: s.fill, text: s.text, stroke: '#ffffff', label: formatNumber(r.rate, digits(r.rate), o.lang) };
  };
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- rateClasses makes one class per SEQUENTIAL colour.
  const legend = classes.map((c, i) => ({ fill: SEQUENTIAL[i]!.fill, stroke: '#adb5bd', text: `${formatNumber(c.lower, d, o.lang)} – ${formatNumber(c.upper, d, o.lang)}` }));
  return { paintOf, legend: [...legend, noDataLegend, ...hiddenLegend] };
}

function svgHead(width: number, height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${TEXT_SIZE.label}" fill="${INK}">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="0" y="20" font-weight="bold" font-size="${TEXT_SIZE.title}">${escapeXml(title)}</text>`,
  ];
}

function legendBlock(x: number, y: number, heading: string, entries: ReturnType<typeof paints>['legend']): string[] {
  const out = [`<g class="legend">`, `<text x="${x}" y="${y}" font-weight="bold">${escapeXml(heading)}</text>`];
  entries.forEach((e, i) => {
    const ey = y + 14 + i * 26;
    out.push(
      `<rect x="${x}" y="${ey}" width="28" height="20" fill="${e.fill}" stroke="${e.stroke === '#ffffff' ? '#adb5bd' : e.stroke}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`,
    );
    if (e.shape) out.push(e.shape(x + 14, ey + 10));
    out.push(`<text x="${x + 36}" y="${ey + 15}">${escapeXml(e.text)}</text>`);
  });
  out.push('</g>');
  return out;
}

/** A tooltip for a region: its name and value (or why it has none). */
function tip(name: string, r: MapRegion | undefined, o: MapOptions): string {
  if (r?.hidden) return `${name}: ${o.words.hidden}`;
  if (!r || r.rate === null) return `${name}: ${o.words.noData}`;
  const value = `${formatNumber(r.rate, 1, o.lang)} ${o.unit}`;
  const cls = funnelClass(r.funnel);
  return o.colourBy === 'funnel' && r.funnel ? `${name}: ${value} (${cls ? o.words.funnel[cls] : r.funnel})` : `${name}: ${value}`;
}

/** The tile map: 21 equal squares in a grid shaped like Sweden, each with its name and value. */
export function tileMap(regions: readonly MapRegion[], o: MapOptions): string {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const { paintOf, legend } = paints(regions, o);
  const gridW = 4 * TILE + 3 * GAP;
  const width = gridW + 24 + LEGEND_W;
  const height = TOP + 8 * TILE + 7 * GAP + 8;
  const out = svgHead(width, height, o.title);
  for (const t of TILES) {
    const r = byCode.get(t.code);
    const p = paintOf(r);
    const x = t.col * (TILE + GAP);
    const y = TOP + t.row * (TILE + GAP);
    const name = r?.name ?? t.short;
    out.push(`<g data-region="${t.code}"><title>${escapeXml(tip(name, r, o))}</title>`);
    out.push(
      `<rect x="${x}" y="${y}" width="${TILE}" height="${TILE}" rx="4" fill="${p.fill}" stroke="${p.stroke === '#ffffff' ? '#ffffff' : p.stroke}"${p.dash ? ` stroke-dasharray="${p.dash}"` : ''} stroke-width="1.5"/>`,
    );
    out.push(`<text x="${x + TILE / 2}" y="${y + 24}" text-anchor="middle" fill="${p.text}" font-size="${TEXT_SIZE.small}">${escapeXml(t.short)}</text>`);
    out.push(`<text x="${x + TILE / 2}" y="${y + 56}" text-anchor="middle" fill="${p.text}" font-size="${TEXT_SIZE.title + 2}" font-weight="bold">${escapeXml(p.label)}</text>`);
    if (p.shape) out.push(p.shape(x + TILE / 2, y + 78));
    out.push('</g>');
  }
  out.push(...legendBlock(gridW + 24, TOP + 16, o.colourBy === 'funnel' ? o.words.funnel.heading : o.unit, legend));
  out.push('</svg>');
  return out.join('\n');
}

/**
 * A choropleth from the user's boundaries. Longitude/latitude is drawn equirectangular with
 * x scaled by cos(mean latitude) (true shape at Sweden's size, within a few percent); projected
 * coordinates (metres, e.g. SWEREF 99 TM) are drawn as they are, north up.
 */
export function choropleth(shapes: readonly RegionShape[], regions: readonly MapRegion[], o: MapOptions): string {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const { paintOf, legend } = paints(regions, o);
  const points = shapes.flatMap((s) => s.polygons.flat(2));
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- ingest/boundaries.ts accepts only positions of at least two finite numbers. */
  const geographic = points.every(([x, y]) => Math.abs(x!) <= 180 && Math.abs(y!) <= 90);
  const ys = points.map((p) => p[1]!);
  const k = geographic ? Math.cos((((Math.min(...ys) + Math.max(...ys)) / 2) * Math.PI) / 180) : 1;
  const xs = points.map((p) => p[0]! * k);
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const mapH = 8 * TILE + 7 * GAP;
  const scale = Math.min(mapH / (maxY - minY || 1), (4 * TILE + 3 * GAP) / (maxX - minX || 1));
  const mapW = (maxX - minX) * scale;
  const px = (x: number) => r1((x * k - minX) * scale);
  const py = (y: number) => r1(TOP + (maxY - y) * scale);
  const width = Math.ceil(mapW) + 24 + LEGEND_W;
  const height = Math.ceil(TOP + (maxY - minY) * scale + 8);
  const out = svgHead(width, height, o.title);
  for (const s of [...shapes].sort((a, b) => a.code.localeCompare(b.code))) {
    const r = byCode.get(s.code);
    const p = paintOf(r);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- ingest/boundaries.ts accepts only positions of at least two finite numbers.
    const d = s.polygons.map((poly) => poly.map((ring) => `M${ring.map(([x, y]) => `${px(x!)} ${py(y!)}`).join('L')}Z`).join('')).join('');
    out.push(
      `<path data-region="${s.code}" d="${d}" fill="${p.fill}" fill-rule="evenodd" stroke="${p.dash ? p.stroke : '#ffffff'}" stroke-width="0.8"${p.dash ? ` stroke-dasharray="${p.dash}"` : ''}><title>${escapeXml(tip(r?.name ?? s.name, r, o))}</title></path>`,
    );
  }
  out.push(...legendBlock(Math.ceil(mapW) + 24, TOP + 16, o.colourBy === 'funnel' ? o.words.funnel.heading : o.unit, legend));
  out.push('</svg>');
  return out.join('\n');
}

/** The map of a result as SVG (tiles, or outlines when it has them), its words in `lang`; `title` overrides the default. */
export function mapSvg(r: RateMapResult, lang: Lang, title?: string): string {
  // Grouped as every table writes it ("100 000" with a plain space in Swedish), through the catalogue.
  const per = r.per;
  const unit = t(lang, 'map.unit', { per });
  const options: MapOptions = {
    title: title ?? t(lang, 'map.title', { method: r.method, per, year: r.year }),
    colourBy: r.colourBy,
    lang,
    unit,
    words: mapWords(lang),
  };
  return r.shapes ? choropleth(r.shapes, r.regions, options) : tileMap(r.regions, options);
}
