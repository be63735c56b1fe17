import { dataError } from '../errors.js';
import { msg, type Message } from '../messages/index.js';
import { NATIONAL_CODE, type RegionIndex } from '../domain/regions.js';
import type { RegionShape } from '../domain/region-shape.js';
import { openInput } from './source.js';

/**
 * Region boundaries from a GeoJSON FeatureCollection (RFC 7946) the user supplies: one feature
 * per region, Polygon or MultiPolygon, identified by a code property (code, region_code, lan,
 * lanskod, länskod, LnKod, id) or a name property (name, namn, lan_namn, LnNamn) that the region
 * index knows. Anything else is an error naming the feature — a boundary is never guessed.
 */
const CODE_KEYS = ['code', 'region_code', 'lan', 'lanskod', 'länskod', 'lnkod', 'lan_kod', 'id'];
const NAME_KEYS = ['name', 'namn', 'lan_namn', 'lnnamn', 'region', 'region_name'];

export async function readBoundaries(path: string, regions: RegionIndex): Promise<{ shapes: RegionShape[]; file: string }> {
  const source = await openInput(path);
  const chunks: Uint8Array[] = [];
  try {
    for (let c = await source.next(); c; c = await source.next()) chunks.push(c);
  } finally {
    await source.close();
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  return { shapes: parseBoundaries(text, source.name, regions), file: source.name };
}

/** The shapes of a GeoJSON text; `file` names it in errors. */
export function parseBoundaries(text: string, file: string, regions: RegionIndex): RegionShape[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw dataError(msg('geojson.not-json', { detail: e instanceof Error ? e.message : String(e) }), { file }, msg('geojson.not-json.hint'));
  }
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw dataError(msg('geojson.not-collection'), { file }, msg('geojson.not-collection.hint', { shape: '{"type": "FeatureCollection", "features": [...]}' }));
  }
  const seen = new Map<string, number>();
  const shapes: RegionShape[] = [];
  const features: unknown[] = doc.features;
  features.forEach((feature, i) => {
    const where = msg('geojson.feature', { n: i + 1 });
    if (!isRecord(feature) || feature.type !== 'Feature') throw dataError(msg('geojson.not-feature', { where }), { file });
    const props = isRecord(feature.properties) ? feature.properties : {};
    const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
    const region = identify(lower, feature.id, regions);
    if (!region) {
      const shown = JSON.stringify(props).slice(0, 120);
      throw dataError(msg('geojson.no-region', { where, properties: shown }), { file }, msg('geojson.no-region.hint'));
    }
    if (region.code === NATIONAL_CODE) throw dataError(msg('geojson.riket', { where }), { file }, msg('geojson.riket.hint'));
    if (seen.has(region.code)) throw dataError(msg('geojson.again', { where, region: region.name, first: seen.get(region.code) ?? '–' }), { file }, msg('geojson.again.hint'));
    seen.set(region.code, i + 1);
    shapes.push({ code: region.code, name: region.name, polygons: polygonsOf(feature.geometry, msg('geojson.feature-of', { where, region: region.name }), file) });
  });
  if (!shapes.length) throw dataError(msg('geojson.no-features'), { file }, msg('geojson.no-features.hint'));
  return shapes;
}

function identify(props: Map<string, unknown>, id: unknown, regions: RegionIndex) {
  for (const key of CODE_KEYS) {
    const v = key === 'id' ? (props.get('id') ?? id) : props.get(key);
    if (typeof v === 'string' || typeof v === 'number') {
      const code = String(v).trim().padStart(2, '0');
      const r = regions.byScbCode(code);
      if (r) return r;
    }
  }
  for (const key of NAME_KEYS) {
    const v = props.get(key);
    if (typeof v === 'string') {
      const r = regions.resolve(v);
      if (r) return r;
    }
  }
  return undefined;
}

/** A JSON object (or array): something whose properties can be read. */
function isRecord(x: unknown): x is Readonly<Record<string, unknown>> {
  return typeof x === 'object' && x !== null;
}

function polygonsOf(geometry: unknown, where: Message, file: string): number[][][][] {
  const g = isRecord(geometry) ? geometry : undefined;
  const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : undefined;
  if (!Array.isArray(polygons))
    throw dataError(g?.type === undefined ? msg('geojson.no-geometry', { where }) : msg('geojson.geometry', { where, type: JSON.stringify(g.type) }), { file });
  for (const poly of polygons) {
    if (!Array.isArray(poly) || !poly.length) throw dataError(msg('geojson.no-rings', { where }), { file });
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) throw dataError(msg('geojson.short-ring', { where }), { file });
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          throw dataError(msg('geojson.not-position', { where, position: JSON.stringify(p) }), { file });
      }
    }
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the loops above checked every polygon, ring and position.
  return polygons as number[][][][];
}
