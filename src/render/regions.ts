import type { RegionsResult } from '../domain/region-list.js';
import { msg } from '../messages/index.js';
import type { ResultTable } from './model.js';

/** The regions table: code, official name, county, Kolada id and the other names accepted, "; "-separated. */
export function regionsTable(r: RegionsResult): ResultTable {
  return {
    title: msg('title.regions'),
    columns: [
      { key: 'region_code', header: msg('header.code'), type: 'text' },
      { key: 'region', header: msg('header.region'), type: 'text' },
      { key: 'county', header: msg('header.county-l-n'), type: 'text' },
      { key: 'kolada_id', header: msg('header.kolada'), type: 'text' },
      { key: 'also_known_as', header: msg('header.also-accepted'), type: 'text' },
    ],
    rows: r.regions.map((l) => ({
      region_code: l.region.code,
      region: l.region.name,
      county: l.region.countyName,
      kolada_id: l.koladaId,
      also_known_as: l.alsoAccepted.join('; '),
    })),
    notes: [msg('note.regions-source')],
  };
}
