import type { Region, RegionIndex } from './regions.js';
import { matchKey } from './text.js';

/** One region as `regions` lists it: the region, its Kolada id and the names accepted besides its official and county names. */
export interface RegionListing {
  region: Region;
  /** Kolada's id for a region: "00" and the SCB code ("0001" for Stockholm, "0000" for Riket). */
  koladaId: string;
  /** Former names and aliases, each once; the official name, the county name and SCB's "01 …" labels are left out. */
  alsoAccepted: string[];
}

/** What `regions` computes, ready for render/regions.ts: Riket and the regions, those with a name containing the word when one is given. */
export interface RegionsResult {
  regions: RegionListing[];
}

/**
 * Riket and the 21 regions in code order, or those with a name containing `word` (compared as
 * {@link matchKey} compares: case and diacritics aside) or whose code it is. Pure.
 */
export function listRegions(index: RegionIndex, word?: string): RegionsResult {
  const key = word ? matchKey(word) : '';
  return {
    regions: [index.national, ...index.regions]
      .filter((r) => !key || r.names.some((n) => matchKey(n).includes(key)) || r.code === word)
      .map((r) => ({
        region: r,
        koladaId: `00${r.code}`,
        alsoAccepted: [...new Set(r.names.filter((n) => n !== r.name && n !== r.countyName && !/^\d{2} /.test(n)))],
      })),
  };
}
