import { describe, expect, it } from 'vitest';
import { buildRegionIndex } from '../../src/domain/regions.js';
import { listRegions } from '../../src/domain/region-list.js';

/** Two regions and Riket, written as regions.csv writes them. */
const index = buildRegionIndex([
  { region_code: '00', official_name: 'Riket', scb_county_name: 'Riket', scb_label_sv: '00 Riket', scb_label_en: '00 Sweden', aliases: 'Riket|Sverige' },
  {
    region_code: '06',
    official_name: 'Region Jönköpings län',
    scb_county_name: 'Jönköpings län',
    scb_label_sv: '06 Jönköpings län',
    scb_label_en: '06 Jönköping county',
    former_landsting_names: 'Landstinget i Jönköpings län',
    aliases: 'Jönköping|Jönköpings län',
  },
  {
    region_code: '01',
    official_name: 'Region Stockholm',
    scb_county_name: 'Stockholms län',
    scb_label_sv: '01 Stockholms län',
    scb_label_en: '01 Stockholm county',
    aliases: 'SLL|Sthlm',
  },
]);

const codes = (word?: string) => listRegions(index, word).regions.map((l) => l.region.code);

describe('listRegions', () => {
  it('lists Riket first, then the regions in code order, with Kolada ids "00" + code', () => {
    const all = listRegions(index).regions;
    expect(all.map((l) => [l.region.code, l.koladaId])).toEqual([
      ['00', '0000'],
      ['01', '0001'],
      ['06', '0006'],
    ]);
  });

  it('gives the other accepted names once each, without the official name, the county name or the "06 …" labels', () => {
    const jkpg = listRegions(index).regions.find((l) => l.region.code === '06');
    // "Jönköpings län" is both the county name and an alias: left out.
    expect(jkpg?.alsoAccepted).toEqual(['Landstinget i Jönköpings län', 'Jönköping']);
    expect(listRegions(index).regions[0]?.alsoAccepted).toEqual(['Sverige']);
  });

  it('keeps the regions with a name containing the word, case and diacritics aside, or whose code it is', () => {
    expect(codes('JONKOP')).toEqual(['06']);
    expect(codes('län')).toEqual(['01', '06']);
    expect(codes('sthlm')).toEqual(['01']);
    expect(codes('06')).toEqual(['06']);
    expect(codes('Malmö')).toEqual([]);
  });
});
