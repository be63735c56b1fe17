import { Command } from 'commander';
import { dataError, usageError } from '../errors.js';
import { methodsOf, resolveMethod, resolveRegions, yearsOf, latestYear } from '../domain/select.js';
import { NATIONAL_CODE } from '../domain/regions.js';
import { columnShares, dimensionShares, SHARE_MADE, type ShareDimension, type ShareResult } from '../domain/share.js';
import { shareTable } from '../render/share.js';
import { loadUnits } from '../ingest/units.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseYearOption, type DataOptions, yearRead } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, sourceName } from '../domain/source-notes.js';
import { inputWarnings, loadCounts, loadRegions } from '../ingest/counts.js';
import { msg } from '../messages/index.js';

const EXAMPLES = [
  "rehab-stats share --year 2014  # each method's share of all treatments (IPT ≈ 2%)",
  "rehab-stats share --by sex --year 2014  # women's share (73%)",
  'rehab-stats share --by region --method KBT --year 2014 --format csv',
  'rehab-stats share --by vårdgivare --input fixtures/clinics.csv --count behandlade  # public vs private',
];

const DETAILS = `
Shares of a total with 95% Wilson score intervals. --by method: each method's share of all
treatments; --by sex: women's and men's shares (of --method, or of all methods); --by region:
each region's share of the national count. National counts are the sum of the regions, or
the input's own Riket rows when it has no regional rows.
CSV/TSV/JSON columns: group, count, total, share_pct, share_lower, share_upper.`;

interface ShareOptions extends DataOptions, OutputOptions, PublishOptions {
  year?: number;
  by: string;
  method?: string;
  count?: string;
}

export function shareCommand(): Command {
  const cmd = new Command('share')
    .summary('shares of all treatments by method, sex or region, with Wilson intervals')
    .description("Each group's share of the total — by method, sex or region — with 95% Wilson intervals.")
    .option('--by <dimension>', 'what to split by: method, sex, region, or any column of --input (e.g. provider)', 'method')
    .option('--count <column>', 'with --by COLUMN: add up this column (default: count the rows)')
    .option('-m, --method <method>', 'only this method (with --by sex or region)')
    .option('-y, --year <year>', 'year (default: the latest year in the data)', parseYearOption('--year'));
  // Shares divide counts by counts: no population.
  addDataOptions(cmd, { population: false });
  addOutputOptions(cmd);
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: ShareOptions) => {
    if (!isDimension(opts.by)) {
      if (opts.region?.length) throw usageError(msg('share.region-by', { by: opts.by }), msg('share.region-by.hint'));
      return shareByColumn(opts);
    }
    return shareByDimension(opts, opts.by);
  });
  return cmd;
}

const isDimension = (by: string): by is ShareDimension => by === 'method' || by === 'sex' || by === 'region';

/** share --by method, sex or region: the counts → the typed result → the table. */
async function shareByDimension(opts: ShareOptions, by: ShareDimension): Promise<void> {
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  // --by method or sex with --region: the shares within the chosen regions (Riket = every region).
  const within = by !== 'region' && selected.length > 0 && !selected.some((r) => r.code === NATIONAL_CODE) ? selected : [];
  const data = await loadCounts(opts, regions, yearRead(opts.year));
  const obs = data.observations;
  const years = yearsOf(obs);
  const year = opts.year ?? latestYear(years);
  if (!years.includes(year)) throw dataError(msg('select.no-counts-year', { year }), { file: sourceName(data) }, msg('select.years-in-data.hint', { years: years.join(', ') }));
  const methods = opts.method ? [resolveMethod(obs, opts.method, sourceName(data))] : methodsOf(obs);
  const shares = dimensionShares(
    { observations: obs, regions, recordLevel: data.recordLevel, by, year, methods, within, selected, rule: publishRule(opts), source: sourceName(data) },
    [dataNote(data), msg('note.wilson')],
  );
  const result: ShareResult = {
    groups: { by, year, ...(opts.method ? { method: methods[0] || opts.method } : {}), within: within.map((r) => r.name) },
    ...shares,
    made: SHARE_MADE,
  };
  await emit(shareTable(result), opts, inputWarnings(data));
}

/** share --by COLUMN: each value of any column of the input, e.g. public vs private providers. */
async function shareByColumn(opts: ShareOptions): Promise<void> {
  const { units, file, filtered, notes } = await loadUnits(opts);
  const result: ShareResult = {
    groups: { by: 'column', column: opts.by, ...(opts.count !== undefined ? { counted: opts.count } : {}), filters: filtered },
    ...columnShares(units, publishRule(opts), [msg('note.data', { source: file }), msg('note.wilson'), ...notes]),
    made: SHARE_MADE,
  };
  await emit(shareTable(result), opts);
}
