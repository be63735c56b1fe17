import { Command, Option } from 'commander';
import { readTable, readOptions } from '../ingest/index.js';
import type { Measure } from '../domain/observation.js';
import { observationColumns, rowsOfRegions } from '../domain/observation-columns.js';
import { deliver } from '../io/deliver.js';
import { writeStderr } from '../io/output.js';
import { resolveRegions } from '../domain/select.js';
import { formatNotes } from '../render/output.js';
import { tidyCsvOf } from '../render/tidy-csv.js';
import { addHelp } from './help.js';
import { outputProtection } from './output.js';
import { langOption, addReadOptions, addRegionOption, addRowOptions, type DataOptions } from './options.js';
import { resolveLang } from '../messages/index.js';
import { inputWarnings, loadRegions } from '../ingest/counts.js';
import { currentIo } from '../io/context.js';

const EXAMPLES = [
  'rehab-stats convert export.csv > tidy.csv  # any supported export to one tidy table',
  'rehab-stats convert scb-folkmangd.csv --kind population --output population.csv',
  'rehab-stats convert records.csv --records  # one row per treatment, counted',
];

const DETAILS = `
Writes what rehab-stats understood of a file as one tidy CSV table, one row per region,
year, method, sex and age group: region_code, region, year, method (when the input has
one), sex, age, and count (or population with --kind population). Missing values stay empty, never zero. Sorted by
region code, year, method, sex and age, so the output is stable.
--output writes atomically (a temporary file, then a rename) and never overwrites an input.`;

interface ConvertOptions extends Omit<DataOptions, 'input' | 'population'> {
  kind: 'counts' | 'population';
  output?: string;
  quiet?: boolean;
  formulas?: boolean;
  lang?: string;
}

export function convertCommand(): Command {
  const cmd = new Command('convert')
    .summary('write any supported export as a tidy CSV table')
    .description('Normalise an export (PxWeb, Kolada, Excel, wide, long or record-level) into one tidy CSV table.')
    .argument('<file>', 'the export to read ("-" for stdin)')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(['counts', 'population']).default('counts'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout');
  addRegionOption(addRowOptions(addReadOptions(cmd), { skipInvalid: true }))
    .option('--no-formulas', "keep method names starting with = + - @ as they are (by default they get a leading ' against CSV injection)")
    .option('-q, --quiet', 'no notes on stderr')
    .addOption(langOption());
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (file: string, opts: ConvertOptions) => {
    const regions = loadRegions();
    const measure: Measure = opts.kind === 'population' ? 'population' : 'count';
    const read = readOptions(opts);
    // Resolved before reading, so a misspelt region stops at once (exit 2).
    const selected = new Set(resolveRegions(opts.region ?? [], regions).map((r) => r.code));
    // Every observation is written, but none needs to be an object: a reader may give them as columns.
    const table = await readTable(file, measure, regions, { ...read, keep: () => false });
    const cols = table.all ?? observationColumns(table.observations);
    // --region keeps exactly the regions asked for: a tidy extract, without Riket or the rest.
    const csv = tidyCsvOf(cols, regions, measure, opts.formulas === false, selected.size ? rowsOfRegions(cols, selected) : undefined);
    await deliver(opts.output, csv, [], outputProtection([file]));
    const notes = inputWarnings({ observations: table.observations, source: table.file, bundled: false, recordLevel: table.shape === 'record-level', tables: [table] });
    if (!opts.quiet && notes.length) writeStderr(formatNotes(notes, resolveLang(opts.lang, currentIo().env)));
  });
  return cmd;
}
