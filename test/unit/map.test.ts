import { describe, expect, it } from 'vitest';
import { parseBoundaries } from '../../src/ingest/boundaries.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { choropleth, mapWords, rateClasses, tileMap, TILES, type MapOptions, type MapRegion } from '../../src/render/map.js';
import { FUNNEL, SEQUENTIAL } from '../../src/render/palette.js';

const regions = bundledRegions();
const ALL: MapRegion[] = regions.regions.map((r, i) => ({ code: r.code, name: r.name, rate: 100 + i * 10, funnel: i < 3 ? 'above 99.8%' : i > 17 ? 'below 95%' : 'within' }));
const OPTS: MapOptions = { title: 'KBT per 100,000 inhabitants, 2014', colourBy: 'rate', lang: 'en', unit: 'per 100,000 inhabitants', words: mapWords('en') };

describe('tile map', () => {
  it('places each of the 21 regions once, on its own square', () => {
    expect(TILES).toHaveLength(21);
    expect(new Set(TILES.map((t) => t.code))).toEqual(new Set(regions.regions.map((r) => r.code)));
    expect(new Set(TILES.map((t) => `${t.col},${t.row}`)).size).toBe(21);
  });

  it('gives every tile data-region and a title with name and value', () => {
    const svg = tileMap(ALL, OPTS);
    expect(svg.match(/data-region="\d\d"/g)).toHaveLength(21);
    expect(svg).toContain('<g data-region="01"><title>Region Stockholm: 100.0 per 100,000 inhabitants</title>');
    expect(svg).toContain('<title>KBT per 100,000 inhabitants, 2014</title>');
    // Equal squares.
    const sizes = new Set([...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="(\d+)" height="(\d+)" rx="4"/g)].map((m) => `${m[1]}x${m[2]}`));
    expect([...sizes]).toEqual(['96x96']);
  });

  it('shades by rate on the sequential scale, and marks missing regions as no data', () => {
    const svg = tileMap(
      [
        { ...ALL[0]!, rate: 100 },
        { ...ALL[1]!, rate: 300 },
        { ...ALL[2]!, rate: null },
      ],
      OPTS,
    );
    expect(svg).toMatch(new RegExp(`data-region="01">.*\\n<rect [^>]*fill="${SEQUENTIAL[0]!.fill}"`));
    expect(svg).toMatch(new RegExp(`data-region="03">.*\\n<rect [^>]*fill="${SEQUENTIAL[4]!.fill}"`));
    expect(svg).toContain('<g data-region="04"><title>Region Sörmland: no data</title>');
    // Regions not in the data at all are drawn too, as no data.
    expect(svg.match(/data-region=/g)).toHaveLength(21);
    expect(svg).toContain('no data</text>');
  });

  it('colours by funnel class with a shape as second cue', () => {
    const svg = tileMap(ALL, { ...OPTS, colourBy: 'funnel' });
    expect(svg).toMatch(
      new RegExp(`data-region="01"><title>Region Stockholm: 100.0 per 100,000 inhabitants \\(above 99.8% limit\\)</title>\\n<rect [^>]*fill="${FUNNEL['above 99.8%'].fill}"`),
    );
    expect(svg).toContain('above 95% limit</text>');
    expect(svg.match(/<path d="M[^"]*Z" fill="#0072B2"/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('escapes names and titles', () => {
    expect(tileMap([{ code: '01', name: 'A<b>&"c', rate: 1 }], { ...OPTS, title: '<script>' })).not.toMatch(/<script>|<b>/);
  });
});

describe('rate classes', () => {
  it('are five equal round steps that cover every rate, as narrow as possible', () => {
    expect(rateClasses([239, 704])).toEqual([120, 240, 360, 480, 600].map((l) => ({ lower: l, upper: l + 120 })));
    expect(rateClasses([0.5, 1.2])).toEqual([0.45, 0.6, 0.75, 0.9, 1.05].map((l) => ({ lower: l, upper: Math.round((l + 0.15) * 100) / 100 })));
    for (const rates of [
      [1, 2],
      [0, 0],
      [5, 5],
      [12.3, 98.7, 45],
      [1000, 1001],
    ]) {
      const c = rateClasses(rates);
      expect(c).toHaveLength(5);
      expect(c[0]!.lower).toBeLessThanOrEqual(Math.min(...rates));
      expect(c[4]!.upper).toBeGreaterThanOrEqual(Math.max(...rates));
      expect(c[1]!.lower - c[0]!.lower).toBeCloseTo(c[4]!.upper - c[4]!.lower, 9);
    }
  });
});

/** Two unit squares side by side, as a test builds its own boundaries. */
const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];
const GEO = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '01', name: 'Stockholms län' }, geometry: { type: 'Polygon', coordinates: square(18, 59) } },
    { type: 'Feature', properties: { namn: 'Gotlands län' }, geometry: { type: 'MultiPolygon', coordinates: [square(18.5, 57), square(19, 57.8)] } },
  ],
});

describe('boundaries', () => {
  it('reads features by code or name and draws them as a choropleth', () => {
    const shapes = parseBoundaries(GEO, 'b.geojson', regions);
    expect(shapes.map((s) => s.code)).toEqual(['01', '09']);
    const svg = choropleth(shapes, ALL, OPTS);
    expect(svg.match(/<path data-region="\d\d"/g)).toEqual(['<path data-region="01"', '<path data-region="09"']);
    expect(svg).toMatch(/<path data-region="09" d="M[^"]*ZM[^"]*Z"/); // both parts of the MultiPolygon
    expect(svg).toContain('<title>Region Gotland: ');
  });

  it('stops with the feature number when a feature is not a region or not a polygon', () => {
    const bad = (features: unknown[]) => () => parseBoundaries(JSON.stringify({ type: 'FeatureCollection', features }), 'b.geojson', regions);
    expect(bad([{ type: 'Feature', properties: { name: 'Atlantis' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } }])).toThrow(/feature 1: no region found/);
    expect(bad([{ type: 'Feature', properties: { code: '01' }, geometry: { type: 'Point', coordinates: [1, 2] } }])).toThrow(
      /feature 1 \(Region Stockholm\): geometry must be a Polygon or MultiPolygon, not "Point"/,
    );
    expect(
      bad([
        { type: 'Feature', properties: { code: '01' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
        { type: 'Feature', properties: { code: 1 }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
      ]),
    ).toThrow(/feature 2 is Region Stockholm again \(already feature 1\)/);
    expect(
      bad([
        {
          type: 'Feature',
          properties: { code: '01' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
      ]),
    ).toThrow(/at least 4 positions/);
    expect(() => parseBoundaries('{"type":"Feature"}', 'b.geojson', regions)).toThrow(/not a GeoJSON FeatureCollection/);
    expect(() => parseBoundaries('{', 'b.geojson', regions)).toThrow(/not valid JSON/);
  });
});

describe('rate legend', () => {
  it('prints class bounds with the decimals they need', () => {
    const svg = tileMap(
      [
        { code: '01', name: 'Region Stockholm', rate: 0.5 },
        { code: '03', name: 'Region Uppsala', rate: 1.2 },
      ],
      OPTS,
    );
    expect(svg).toContain('>0.45 – 0.60</text>');
    expect(svg).toContain('>1.05 – 1.20</text>');
  });
});
