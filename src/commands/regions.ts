import { Command } from 'commander';
import type { RegionIndex } from '../domain/regions.js';
import { matchKey } from '../domain/text.js';
import type { ResultTable } from '../render/model.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { loadRegions } from '../ingest/counts.js';
import { msg } from '../messages/index.js';

const EXAMPLES = [
  'rehab-stats regions  # the 21 regions, codes and accepted names',
  'rehab-stats regions --format csv > regions.csv',
  'rehab-stats regions landsting  # only names matching a word',
];

const DETAILS = `
Every input may name a region by its SCB code (01, 1), Kolada id (0001), official name,
SCB label ("01 Stockholms län", "01 Stockholm county"), former landsting name or alias,
in any case and with or without å, ä, ö. Riket (00) is the whole country.`;

/** The regions table. Pure. */
export function regionsTable(regions: RegionIndex, filter?: string): ResultTable {
  const key = filter ? matchKey(filter) : '';
  const rows = [regions.national, ...regions.regions]
    .filter((r) => !key || r.names.some((n) => matchKey(n).includes(key)) || r.code === filter)
    .map((r) => ({
      region_code: r.code,
      region: r.name,
      county: r.countyName,
      kolada_id: `00${r.code}`,
      also_known_as: [...new Set(r.names.filter((n) => n !== r.name && n !== r.countyName && !/^\d{2} /.test(n)))].join('; '),
    }));
  return {
    title: msg('title.regions'),
    columns: [
      { key: 'region_code', header: msg('header.code'), type: 'text' },
      { key: 'region', header: msg('header.region'), type: 'text' },
      { key: 'county', header: msg('header.county-l-n'), type: 'text' },
      { key: 'kolada_id', header: msg('header.kolada'), type: 'text' },
      { key: 'also_known_as', header: msg('header.also-accepted'), type: 'text' },
    ],
    rows,
    notes: [msg('note.regions-source')],
  };
}

export function regionsCommand(): Command {
  const cmd = new Command('regions')
    .summary('list the 21 regions with codes and the names accepted for them')
    .description('List the regions, their SCB codes, Kolada ids and every name rehab-stats accepts for them.')
    .argument('[word]', 'show only regions with a name containing this');
  addOutputOptions(cmd, { formulas: false });
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((word: string | undefined, opts: OutputOptions) => emit(regionsTable(loadRegions(), word), opts));
  return cmd;
}
