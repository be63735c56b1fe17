import { Command } from 'commander';
import { dataError } from '../errors.js';
import { loadTable } from '../ingest/load.js';
import { readTable, readOptions } from '../ingest/index.js';
import { matchKey } from '../domain/text.js';
import { readBundled } from '../io/bundled.js';
import { writeStderr } from '../io/output.js';
import { tally } from '../domain/tally.js';
import { tallyTable } from '../render/tally.js';
import { resolveRegions } from '../domain/select.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { addReadOptions, addRegionOption, addVerboseOption, parseYearOption, type DataOptions, yearRead } from './options.js';
import { describeRead, loadRegions, refuseSheetWithoutInput } from '../ingest/counts.js';
import { msg, resolveLang, say, t } from '../messages/index.js';
import { currentIo } from '../io/context.js';

const EXAMPLES = [
  'rehab-stats tally  # self-assessed access 2014 per method, bundled data',
  'rehab-stats tally --method KBT --positive "god,relativt god"  # "10 of 21 regions …"',
  'rehab-stats tally --input survey.csv --column svar --format csv',
];

const DETAILS = `
Counts categorical answers per region (one answer per region, method and year), e.g.
self-assessed access "god", "relativt god", "behöver öka". Each answer gets the number of
regions, their share with a 95% Wilson interval, and the regions. --positive names the answers
to add up into one headline: "10 of 21 regions answered god or relativt god".
Default input: the bundled access-2014.csv (illustrative: which region answered what is modelled;
the totals — KBT good or relatively good in 10 regions, MMR in 13 — are SKL's for 2014).
CSV/TSV/JSON columns: method, answer, regions, of, share_pct, share_lower, share_upper, region_list.`;

interface TallyOptions extends Omit<DataOptions, 'population'>, OutputOptions {
  column: string;
  method?: string;
  year?: number;
  positive?: string;
}

/** "bundled access-2014.csv": how errors name a bundled file, in the run's language (it is part of the message). */
function bundledName(file: string, lang: string | undefined): string {
  return t(resolveLang(lang, currentIo().env), 'source.bundled-file', { file });
}

export function tallyCommand(): Command {
  const cmd = new Command('tally')
    .summary('count categorical answers per region ("10 of 21 regions report good access")')
    .description('Count answers (e.g. self-assessed access) across regions, per method.')
    .option('-i, --input <file>', 'answers to read; default the bundled access-2014.csv')
    .option('--column <name>', 'the column holding the answers', 'answer')
    .option('-m, --method <method>', 'only this method')
    .option('-y, --year <year>', 'only this year', parseYearOption('--year'))
    .option('--positive <answers>', 'comma-separated answers to add up into a headline, e.g. "god,relativt god"');
  addVerboseOption(addRegionOption(addReadOptions(cmd)));
  addOutputOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: TallyOptions) => {
    const regions = loadRegions();
    const selected = new Set(resolveRegions(opts.region ?? [], regions).map((r) => r.code));
    const read = readOptions(opts, { categoryColumn: opts.column, ...yearRead(opts.year) });
    refuseSheetWithoutInput(opts);
    const table = opts.input
      ? await readTable(opts.input, 'count', regions, read)
      : loadTable(readBundled('access-2014.csv'), bundledName('access-2014.csv', opts.lang), 'count', regions, read);
    const file = table.file;
    if (opts.verbose && opts.input) writeStderr(`${say(describeRead(table), resolveLang(opts.lang, currentIo().env))}\n`);
    const obs = table.observations.filter((o) => (opts.year === undefined || o.year === opts.year) && (selected.size === 0 || selected.has(o.region)));
    const methods = [...new Set(obs.map((o) => o.method))].filter((m) => !opts.method || matchKey(m) === matchKey(opts.method));
    if (methods.length === 0)
      throw dataError(
        opts.method ? msg('select.no-answers-for', { method: opts.method }) : msg('select.no-answers'),
        { file },
        msg('select.methods-in-file.hint', { methods: [...new Set(table.observations.map((o) => o.method))].join(', ') }),
      );
    // An empty --positive "" asks for no headline.
    const positive = opts.positive
      ? opts.positive
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
    const { unanswered, ...counted } = tally(obs, regions, methods, positive);
    if (unanswered.length > 0) throw dataError(msg('tally.no-regional-answers', { methods: unanswered }), { file }, msg('tally.no-regional-answers.hint'));
    await emit(tallyTable({ column: opts.column, ...counted, input: opts.input ? file : undefined }), opts);
  });
  return cmd;
}
