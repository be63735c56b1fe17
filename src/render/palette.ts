/**
 * The one palette every chart uses (bars, trend, funnel, map).
 *
 * Colours come from Okabe & Ito (2008), "Color Universal Design": distinguishable with the common
 * red–green colour blindnesses (protanopia, deuteranopia) and with tritanopia. Higher than the
 * comparison is blue, lower is orange, no clear difference is grey. Colour is never the only cue:
 * each comparison also has its own marker shape (▲ higher, ▼ lower, ● no difference), so a reader
 * who sees no colour at all — or prints in black and white — still reads the chart.
 *
 * Text sizes are in CSS pixels for SVGs drawn at 1:1; none is below 12 px.
 */

/** The eight Okabe–Ito colours. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Ink for text and lines; contrast on white ≥ 7:1 (INK) and ≥ 4.5:1 (MUTED). */
export const INK = '#212529';
export const MUTED = '#495057';
/** Grid lines and hairlines: light enough not to compete with the data. */
export const GRID = '#dee2e6';
/** The dashed reference line (national rate, target): black reads on every colour of the palette. */
export const REFERENCE = '#000000';

/** Font sizes in px: chart title, axis and category labels, small print (ticks, legend notes). */
export const TEXT_SIZE = { title: 16, label: 13, small: 12 } as const;
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** How a unit compares with the reference (national rate, funnel limits, a rate band). */
export type Comparison = 'higher' | 'lower' | 'similar';

export type MarkerShape = 'triangle-up' | 'triangle-down' | 'circle' | 'square' | 'diamond';

export interface ComparisonStyle {
  /** Fill colour. */
  colour: string;
  /** The second cue, independent of colour. */
  shape: MarkerShape;
  /** A character with the same shape, for text (legends in tables, tooltips). */
  glyph: string;
}

export const COMPARISON: Readonly<Record<Comparison, ComparisonStyle>> = {
  higher: { colour: OKABE_ITO.blue, shape: 'triangle-up', glyph: '▲' },
  lower: { colour: OKABE_ITO.orange, shape: 'triangle-down', glyph: '▼' },
  similar: { colour: '#999999', shape: 'circle', glyph: '●' },
};

/** The style for a comparison value from a result row; anything unknown (or missing) is "similar". */
export function comparisonStyle(value: unknown): ComparisonStyle {
  return value === 'higher' || value === 'lower' ? COMPARISON[value] : COMPARISON.similar;
}

/**
 * Series (lines, one per method or region): Okabe–Ito in an order whose neighbours differ in both
 * hue and lightness, each with its own marker shape so the lines stay apart without colour.
 */
export const SERIES: readonly { colour: string; shape: MarkerShape; dash: string }[] = [
  { colour: OKABE_ITO.blue, shape: 'circle', dash: '' },
  { colour: OKABE_ITO.orange, shape: 'square', dash: '6 3' },
  { colour: OKABE_ITO.bluishGreen, shape: 'triangle-up', dash: '2 3' },
  { colour: OKABE_ITO.vermillion, shape: 'diamond', dash: '8 3 2 3' },
  { colour: OKABE_ITO.reddishPurple, shape: 'triangle-down', dash: '' },
  { colour: OKABE_ITO.skyBlue, shape: 'square', dash: '6 3' },
  { colour: OKABE_ITO.black, shape: 'circle', dash: '2 3' },
];

export function seriesStyle(i: number): { colour: string; shape: MarkerShape; dash: string } {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the index is reduced modulo the (non-empty) list's length, so it is in range.
  return SERIES[((i % SERIES.length) + SERIES.length) % SERIES.length]!;
}

/**
 * A sequential scale for rates (choropleth, tile map): light to dark blue, five classes, from
 * ColorBrewer "Blues" (colour-blind safe, prints in grey as a light→dark ramp). Dark classes take
 * white text, light ones ink.
 */
export const SEQUENTIAL: readonly { fill: string; text: string }[] = [
  { fill: '#eff3ff', text: INK },
  { fill: '#bdd7e7', text: INK },
  { fill: '#6baed6', text: INK },
  { fill: '#3182bd', text: '#ffffff' },
  { fill: '#08519c', text: '#ffffff' },
];

/** Text colour that reads on a comparison fill: white on blue, ink on orange and grey. */
export function textOn(fill: string): string {
  return fill === OKABE_ITO.blue || fill === OKABE_ITO.vermillion || fill === OKABE_ITO.black ? '#ffffff' : INK;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * An SVG element drawing `shape` centred on (cx, cy) with the given size (the width of its box).
 * Triangles are slightly larger than the circle so all shapes look the same weight.
 */
export function marker(shape: MarkerShape, cx: number, cy: number, size: number, fill: string, stroke = INK): string {
  const h = size / 2;
  const paint = `fill="${fill}" stroke="${stroke}" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(h)}" ${paint}/>`;
    case 'square':
      return `<rect x="${r1(cx - h * 0.9)}" y="${r1(cy - h * 0.9)}" width="${r1(size * 0.9)}" height="${r1(size * 0.9)}" ${paint}/>`;
    case 'diamond':
      return `<path d="M${r1(cx)} ${r1(cy - h * 1.2)}L${r1(cx + h * 1.2)} ${r1(cy)}L${r1(cx)} ${r1(cy + h * 1.2)}L${r1(cx - h * 1.2)} ${r1(cy)}Z" ${paint}/>`;
    case 'triangle-up':
      return `<path d="M${r1(cx)} ${r1(cy - h * 1.2)}L${r1(cx + h * 1.2)} ${r1(cy + h * 0.9)}L${r1(cx - h * 1.2)} ${r1(cy + h * 0.9)}Z" ${paint}/>`;
    case 'triangle-down':
      return `<path d="M${r1(cx)} ${r1(cy + h * 1.2)}L${r1(cx + h * 1.2)} ${r1(cy - h * 0.9)}L${r1(cx - h * 1.2)} ${r1(cy - h * 0.9)}Z" ${paint}/>`;
  }
}

/** Funnel classes (PHE's wording), each with a fill, a text colour that reads on it and a shape. */
export type FunnelClass = 'above 99.8%' | 'above 95%' | 'within' | 'below 95%' | 'below 99.8%';
export const FUNNEL_CLASSES: readonly FunnelClass[] = ['above 99.8%', 'above 95%', 'within', 'below 95%', 'below 99.8%'];
export const FUNNEL: Readonly<Record<FunnelClass, { fill: string; text: string; shape: MarkerShape }>> = {
  'above 99.8%': { fill: OKABE_ITO.blue, text: '#ffffff', shape: 'triangle-up' },
  'above 95%': { fill: OKABE_ITO.skyBlue, text: INK, shape: 'triangle-up' },
  within: { fill: '#d9d9d9', text: INK, shape: 'circle' },
  'below 95%': { fill: OKABE_ITO.orange, text: INK, shape: 'triangle-down' },
  'below 99.8%': { fill: OKABE_ITO.vermillion, text: '#ffffff', shape: 'triangle-down' },
};
/** Where there is no value: white with a dashed outline, so "no data" never looks like a low value. */
export const NO_DATA = { fill: '#ffffff', stroke: '#6c757d', dash: '3 2', text: MUTED } as const;
