import { Command } from 'commander';
import { listRegions } from '../domain/region-list.js';
import { regionsTable } from '../render/regions.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { loadRegions } from '../ingest/counts.js';

const EXAMPLES = [
  'rehab-stats regions  # the 21 regions, codes and accepted names',
  'rehab-stats regions --format csv > regions.csv',
  'rehab-stats regions landsting  # only names matching a word',
];

const DETAILS = `
Every input may name a region by its SCB code (01, 1), Kolada id (0001), official name,
SCB label ("01 Stockholms län", "01 Stockholm county"), former landsting name or alias,
in any case and with or without å, ä, ö. Riket (00) is the whole country.`;

export function regionsCommand(): Command {
  const cmd = new Command('regions')
    .summary('list the 21 regions with codes and the names accepted for them')
    .description('List the regions, their SCB codes, Kolada ids and every name rehab-stats accepts for them.')
    .argument('[word]', 'show only regions with a name containing this');
  addOutputOptions(cmd, { formulas: false });
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((word: string | undefined, opts: OutputOptions) => emit(regionsTable(listRegions(loadRegions(), word)), opts));
  return cmd;
}
