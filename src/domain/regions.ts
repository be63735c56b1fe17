import { closest, matchKey } from './text.js';

/** SCB's two-digit code for the whole country, as used in SCB and Kolada exports. */
export const NATIONAL_CODE = '00';

export interface Region {
  /** SCB two-digit county code, e.g. "01", "14". "00" is Riket (the whole country). */
  code: string;
  /** Current official name, e.g. "Region Stockholm", "Västra Götalandsregionen". */
  name: string;
  /** SCB county name, e.g. "Stockholms län". */
  countyName: string;
  /** Every name the region is recognised by (labels, former landsting names, aliases). */
  names: string[];
}

/** One row of the bundled regions.csv, as parsed with headers. */
export type RegionRecord = Record<string, string>;

/**
 * Splits a former-names cell into names. "Stockholms läns landsting (SLL)" gives both the
 * name and the abbreviation. A cell that is wholly in parentheses describes predecessors that
 * merged into the region (Skåne, Västra Götaland); those covered only part of today's region,
 * so they are not accepted as its name.
 */
export function splitNames(cell: string): string[] {
  const out: string[] = [];
  for (const raw of cell.split('|')) {
    const part = raw.trim();
    // "Gotaland (demdata artefact)" records a spelling seen in one processed dataset, not a name.
    if (!part || part.startsWith('(') || /artefact/i.test(part)) continue;
    const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(part);
    if (m) {
      const [, name = '', abbreviation = ''] = m;
      out.push(name.trim());
      // Keep a short abbreviation like "SLL" or "LiÖ"; drop descriptions like "(municipality with …)".
      if (!/\s/.test(abbreviation.trim())) out.push(abbreviation.trim());
    } else out.push(part);
  }
  return out;
}

/** Looks regions up by any of their names or codes. Build once with {@link buildRegionIndex}. */
export class RegionIndex {
  readonly regions: readonly Region[];
  readonly national: Region;
  private keys: Map<string, Region> | undefined;
  private readonly byCode: Map<string, Region>;

  constructor(regions: Region[], national: Region) {
    this.regions = regions;
    this.national = national;
    this.byCode = new Map([national, ...regions].map((r) => [r.code, r]));
  }

  /** Match keys of every name, built on first use: a command on the bundled data never needs them. */
  private get byKey(): Map<string, Region> {
    if (!this.keys) {
      this.keys = new Map();
      for (const r of [this.national, ...this.regions]) for (const n of r.names) this.keys.set(matchKey(n), r);
    }
    return this.keys;
  }

  /** The region (or Riket) with this SCB code, if any. */
  byScbCode(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  /**
   * Resolves what a user or an export wrote: an SCB code ("1", "01"), a Kolada id ("0001"),
   * an SCB label ("01 Stockholms län", "01 Stockholm county"), a current or former name, or an
   * alias — case-, diacritic- and punctuation-insensitively. Undefined when nothing matches.
   */
  resolve(text: string): Region | undefined {
    const t = text.trim();
    if (/^\d{1,4}$/.test(t)) return this.byCode.get(codeFromDigits(t));
    const direct = this.byKey.get(matchKey(t));
    if (direct) return direct;
    // "01 Stockholms län", "0001 Region Stockholm": the leading code decides — unless the name
    // after it is another region's, which is a contradiction to report, not to guess through.
    const m = /^(\d{2}|\d{4})\s+(\S.*)$/.exec(t);
    if (m) {
      const [, digits = '', name = ''] = m;
      const byCode = this.byCode.get(codeFromDigits(digits));
      const byName = this.resolve(name);
      return byName && byCode && byName.code !== byCode.code ? undefined : byCode;
    }
    // "Region Uppsala län", "Landstinget i X", "X läns landsting": strip the organisational words.
    const stripped = matchKey(t)
      .replace(/^(region|landstinget i|landstinget)\s+/, '')
      .replace(/\s+(lans landsting|landsting|region|regionen)$/, '');
    return this.byKey.get(stripped) ?? this.byKey.get(`${stripped} lan`);
  }

  /** The names closest to an unknown one, for the error hint. */
  suggest(text: string, n = 3): string[] {
    const all = [this.national, ...this.regions].flatMap((r) => r.names);
    const near = closest(text, all, n * 3, 0.4);
    // Show each region once, by the name the user came closest to, then its official name.
    const seen = new Set<string>();
    const out: string[] = [];
    for (const name of near) {
      // Every name offered is one of a region's, so it has its key.
      const r = this.byKey.get(matchKey(name));
      if (!r || seen.has(r.code)) continue;
      seen.add(r.code);
      out.push(name === r.name ? `${r.name} (${r.code})` : `${name} = ${r.name} (${r.code})`);
      if (out.length === n) break;
    }
    return out;
  }
}

/** "1" → "01", "0001" → "01" (Kolada region ids are "00" + the SCB code), "0000" → "00". */
function codeFromDigits(d: string): string {
  if (d.length === 4 && d.startsWith('00')) return d.slice(2);
  return d.padStart(2, '0').slice(-2);
}

/** Builds the index from the rows of regions.csv (see src/data/regions.csv). */
export function buildRegionIndex(records: readonly RegionRecord[]): RegionIndex {
  let national: Region | undefined;
  const regions: Region[] = [];
  for (const rec of records) {
    const field = (key: string): string => {
      const v = rec[key];
      if (v === undefined) throw new Error(`regions.csv has no column ${key}`);
      return v;
    };
    const code = field('region_code');
    const names = [
      field('official_name'),
      field('scb_county_name'),
      field('scb_label_sv'),
      field('scb_label_en'),
      ...splitNames(rec.former_landsting_names ?? ''),
      ...splitNames(rec.aliases ?? ''),
    ].filter((n) => n);
    const region: Region = { code, name: field('official_name'), countyName: field('scb_county_name'), names };
    if (code === NATIONAL_CODE) national = region;
    else regions.push(region);
  }
  if (!national) throw new Error('regions.csv has no national row (00)');
  // Codes are two ASCII digits: compared as strings, not by locale (ICU's collator costs start-up time).
  regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return new RegionIndex(regions, national);
}
