import { dataError } from '../errors.js';
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
    throw dataError(`is not valid JSON (${e instanceof Error ? e.message : String(e)})`, { file }, 'give a GeoJSON FeatureCollection, e.g. exported from QGIS or mapshaper');
  }
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw dataError('is not a GeoJSON FeatureCollection', { file }, 'the file must be {"type": "FeatureCollection", "features": [...]}, one feature per region');
  }
  const seen = new Map<string, number>();
  const shapes: RegionShape[] = [];
  const features: unknown[] = doc.features;
  features.forEach((feature, i) => {
    const where = `feature ${i + 1}`;
    if (!isRecord(feature) || feature.type !== 'Feature') throw dataError(`${where} is not a GeoJSON Feature`, { file });
    const props = isRecord(feature.properties) ? feature.properties : {};
    const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
    const region = identify(lower, feature.id, regions);
    if (!region) {
      const shown = JSON.stringify(props).slice(0, 120);
      throw dataError(
        `${where}: no region found in its properties ${shown}`,
        { file },
        `give each feature a "code" property with the SCB county code (01–25) or a "name" the tool knows (see: rehab-stats regions)`,
      );
    }
    if (region.code === NATIONAL_CODE) throw dataError(`${where} is Riket, not a region`, { file }, 'boundaries are drawn per region; leave out the national outline');
    if (seen.has(region.code))
      throw dataError(`${where} is ${region.name} again (already feature ${seen.get(region.code)})`, { file }, 'merge the parts into one MultiPolygon feature per region');
    seen.set(region.code, i + 1);
    shapes.push({ code: region.code, name: region.name, polygons: polygonsOf(feature.geometry, `${where} (${region.name})`, file) });
  });
  if (!shapes.length) throw dataError('has no features', { file }, 'one feature per region is needed');
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

function polygonsOf(geometry: unknown, where: string, file: string): number[][][][] {
  const g = isRecord(geometry) ? geometry : undefined;
  const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : undefined;
  if (!Array.isArray(polygons))
    throw dataError(`${where}: geometry must be a Polygon or MultiPolygon, not ${g?.type === undefined ? 'missing' : JSON.stringify(g.type)}`, { file });
  for (const poly of polygons) {
    if (!Array.isArray(poly) || !poly.length) throw dataError(`${where}: a polygon has no rings`, { file });
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) throw dataError(`${where}: a ring needs at least 4 positions`, { file });
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          throw dataError(`${where}: ${JSON.stringify(p)} is not a position [x, y]`, { file });
      }
    }
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the loops above checked every polygon, ring and position.
  return polygons as number[][][][];
}
