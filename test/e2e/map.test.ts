import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRehab } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small hand-made GeoJSON: two squares in lon/lat, Stockholm by code, Gotland by name. */
const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];
const GEO = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '01' }, geometry: { type: 'Polygon', coordinates: square(18, 59) } },
    { type: 'Feature', properties: { name: 'Gotlands län' }, geometry: { type: 'Polygon', coordinates: square(18.5, 57) } },
  ],
};

describe('map --boundaries', () => {
  it('draws the regions of the file, says which are missing, and writes atomically to --output', async () => {
    const geo = join(dir, 'two.geojson');
    writeFileSync(geo, JSON.stringify(GEO));
    const out = join(dir, 'map.svg');
    const r = await runRehab(['map', '--method', 'KBT', '--year', '2014', '--colour', 'funnel', '--boundaries', geo, '--output', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^note: .*two\.geojson has no boundary for Region Uppsala, .*Region Norrbotten: not drawn\.$/m);
    const svg = readFileSync(out, 'utf8');
    expect(svg.match(/<path data-region="(\d\d)"/g)).toEqual(['<path data-region="01"', '<path data-region="09"']);
    expect(svg).toMatch(/<title>Region Stockholm: [\d.]+ per 100,000 inhabitants \((above|below) (95|99\.8)% limit|within limits\)<\/title>/);
  });

  it('stops with exit 4 naming the feature when a feature is no region', async () => {
    const geo = join(dir, 'bad.geojson');
    writeFileSync(
      geo,
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Atlantis' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } }] }),
    );
    const r = await runRehab(['map', '--method', 'KBT', '--boundaries', geo]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('bad.geojson: feature 1: no region found in its properties {"name":"Atlantis"}');
    expect(r.stdout).toBe('');
  });

  it('will not write over its boundaries file', async () => {
    const geo = join(dir, 'two-again.geojson');
    writeFileSync(geo, JSON.stringify(GEO));
    const r = await runRehab(['map', '--method', 'KBT', '--boundaries', geo, '--output', geo]);
    expect(r.status).not.toBe(0);
    expect(readFileSync(geo, 'utf8')).toBe(JSON.stringify(GEO));
  });
});
