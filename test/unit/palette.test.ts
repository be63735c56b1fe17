import { describe, expect, it } from 'vitest';
import { COMPARISON, marker, OKABE_ITO, SERIES, TEXT_SIZE } from '../../src/render/palette.js';
import { rankChart, trendChart } from '../../src/report/svg.js';

/** sRGB hex → linear RGB. */
function linear(hex: string): [number, number, number] {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
}

/**
 * Dichromat simulation in linear RGB, Viénot, Brettel & Mollon (1999), "Digital video colourmaps for
 * checking the legibility of displays by dichromats", Color Research & Application 24(4), matrices as
 * used by colorspacious / DaltonLens.
 */
const SIM = {
  protan: [
    [0.11238, 0.88762, 0.0],
    [0.11238, 0.88762, 0.0],
    [0.00401, -0.00401, 1.0],
  ],
  deutan: [
    [0.29275, 0.70725, 0.0],
    [0.29275, 0.70725, 0.0],
    [-0.02234, 0.02234, 1.0],
  ],
};

function simulate(hex: string, m: number[][]): number[] {
  const c = linear(hex);
  return m.map((row) => row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2]);
}

/** Relative luminance (WCAG 2). */
function luminance(rgb: number[]): number {
  return 0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!;
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

describe('palette', () => {
  it('uses the Okabe–Ito blue for higher and orange for lower, grey for no difference', () => {
    expect(COMPARISON.higher.colour).toBe('#0072B2');
    expect(COMPARISON.lower.colour).toBe('#E69F00');
    expect(COMPARISON.similar.colour).toMatch(/^#([0-9a-f]{2})\1\1$/i);
  });

  it('keeps higher, lower and similar apart for protanopes and deuteranopes', () => {
    for (const m of Object.values(SIM)) {
      const [h, l, s] = (['higher', 'lower', 'similar'] as const).map((c) => simulate(COMPARISON[c].colour, m));
      // The old green/red pair collapses to nearly the same colour under deuteranopia; this pair must not.
      expect(distance(h!, l!)).toBeGreaterThan(0.3);
      expect(distance(h!, s!)).toBeGreaterThan(0.1);
      expect(distance(l!, s!)).toBeGreaterThan(0.1);
    }
    // The check itself can fail: green #2b8a3e and red #c92a2a were far less distinct for a deuteranope.
    expect(distance(simulate('#2b8a3e', SIM.deutan), simulate('#c92a2a', SIM.deutan))).toBeLessThan(0.15);
  });

  it('separates higher from lower by lightness too, so greyscale prints still differ', () => {
    expect(Math.abs(luminance(linear(COMPARISON.higher.colour)) - luminance(linear(COMPARISON.lower.colour)))).toBeGreaterThan(0.2);
  });

  it('gives every comparison and neighbouring series a second cue besides colour', () => {
    const shapes = new Set(Object.values(COMPARISON).map((c) => c.shape));
    expect(shapes.size).toBe(3);
    for (let i = 1; i < SERIES.length; i++) expect(SERIES[i]!.shape === SERIES[i - 1]!.shape && SERIES[i]!.dash === SERIES[i - 1]!.dash).toBe(false);
    expect(SERIES.every((s) => Object.values(OKABE_ITO).includes(s.colour as never))).toBe(true);
  });

  it('draws each marker shape as closed SVG geometry', () => {
    expect(marker('circle', 10, 10, 8, '#000')).toMatch(/^<circle cx="10" cy="10" r="4" /);
    expect(marker('triangle-up', 10, 10, 10, '#000')).toBe('<path d="M10 4L16 14.5L4 14.5Z" fill="#000" stroke="#212529" stroke-width="1"/>');
    expect(marker('triangle-down', 10, 10, 10, '#000')).toContain('M10 16L16 5.5L4 5.5Z');
  });

  it('puts no text in the charts below the small size', () => {
    const rows = [
      { region: 'Region Stockholm', rate: 50, rate_lower: 45, rate_upper: 55, vs_national: 'higher' },
      { region: 'Region Gotland', rate: 20, rate_lower: 10, rate_upper: 30, vs_national: 'similar' },
      { region: 'Region Skåne', rate: 10, rate_lower: 8, rate_upper: 12, vs_national: 'lower' },
    ];
    const svgs = [
      rankChart(rows, 30, 'KBT', 'en'),
      trendChart(
        [
          {
            name: 'KBT',
            points: [
              { year: 2013, count: 3 },
              { year: 2014, count: 5 },
            ],
          },
        ],
        'Trend',
        'sv',
      ),
    ];
    for (const svg of svgs) {
      const sizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(TEXT_SIZE.small);
      expect(TEXT_SIZE.small).toBeGreaterThanOrEqual(12);
      expect(svg).not.toMatch(/#2b8a3e|#c92a2a/i);
    }
    const bars = svgs[0]!;
    expect(bars).toContain('fill="#0072B2"');
    expect(bars).toContain('fill="#E69F00"');
    // One marker per region plus three in the legend, each with its own shape.
    expect(bars.match(/<path d="M[^"]*Z" fill="#0072B2"/g)).toHaveLength(2);
    expect(bars.match(/<path d="M[^"]*Z" fill="#E69F00"/g)).toHaveLength(2);
  });
});
