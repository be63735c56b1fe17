import { msg, type Text } from '../messages/index.js';
import type { FunnelLabel } from '../stats/funnel.js';
import { funnelLabelOf } from './funnel-plot.js';
import type { Made } from './provenance.js';
import { HIDDEN_MARKER, type PublishRule } from './publish.js';
import { isHidden, protectedRanking } from './publish-ranking.js';
import type { RankedRegion, RankInput } from './ranking.js';
import type { RegionShape } from './region-shape.js';

/** One region on the map: its rate and, coloured by funnel, where it lies against the limits. */
export interface MappedRegion {
  code: string;
  name: string;
  /** The rate per `per`, or null when the region has none (or the rule hides it). */
  rate: number | null;
  /** Coloured by funnel: the region's funnel class (null when it has none). */
  funnel?: FunnelLabel | null;
  /** The count is hidden by a publishing rule (--suppress): drawn with the marker, not as missing. */
  hidden?: true;
}

/**
 * What `map` computes, ready for render/map.ts: each region's rate (and funnel class), drawn as
 * tiles or, with boundaries, as their outlines; the notes say what is not drawn and why.
 */
export interface RateMapResult {
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  year: number;
  per: number;
  colourBy: 'rate' | 'funnel';
  regions: MappedRegion[];
  /** The regions' outlines from --boundaries; absent: the tile map. */
  shapes?: readonly RegionShape[];
  notes: Text[];
  made: Made;
}

/**
 * The rates of all regions for one method and year, as rank --suppress publishes them: a region
 * whose count the ranking hides has no rate or class on the map, and the notes name it and the
 * regions without data. Pure apart from the population lookups.
 */
export function rateMap(ranking: RankInput, o: { method: string; colourBy: 'rate' | 'funnel'; rule: PublishRule }): Omit<RateMapResult, 'made'> {
  const { table } = protectedRanking({ ...ranking, funnel: o.colourBy === 'funnel' }, ranking.counts, o.rule);
  const rows: readonly RankedRegion[] = table.rows;
  const mapped = rows.map((r): MappedRegion => ({
    code: r.region_code,
    name: r.region,
    rate: r.rate,
    ...(o.colourBy === 'funnel' ? { funnel: funnelLabelOf(r.funnel) } : {}),
    ...(isHidden(r.count_status) ? { hidden: true } : {}),
  }));
  const all = ranking.regions.regions;
  const noData = all.filter((r) => !mapped.some((m) => m.code === r.code && (m.rate !== null || m.hidden))).map((r) => r.name);
  const hidden = mapped.filter((m) => m.hidden).map((m) => m.name);
  return {
    method: o.method,
    year: ranking.year,
    per: ranking.per,
    colourBy: o.colourBy,
    regions: mapped,
    notes: [
      ...(hidden.length ? [msg('note.map-hidden', { marker: HIDDEN_MARKER, threshold: o.rule.suppress, regions: hidden })] : []),
      ...(noData.length ? [msg('note.map-no-data', { method: o.method, year: ranking.year, regions: noData })] : []),
    ],
  };
}

/** The map drawn from the regions' outlines: a region without one is named in the first note. */
export function withBoundaries<T extends Omit<RateMapResult, 'made'>>(
  map: T,
  shapes: readonly RegionShape[],
  file: string,
  regionNames: readonly { code: string; name: string }[],
): T {
  const missing = regionNames.filter((r) => !shapes.some((s) => s.code === r.code)).map((r) => r.name);
  return { ...map, shapes, notes: [...(missing.length ? [msg('note.map-no-boundary', { file, regions: missing })] : []), ...map.notes] };
}
