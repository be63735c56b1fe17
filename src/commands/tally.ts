import { Command } from 'commander';
import { dataError } from '../errors.js';
import { loadTable } from '../ingest/load.js';
import { readTable, readOptions } from '../ingest/index.js';
import type { Observation } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { matchKey } from '../domain/text.js';
import { readBundled } from '../io/bundled.js';
import { writeStderr } from '../io/output.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { ResultRow, ResultTable } from '../render/model.js';
import { intervalColumns } from '../render/columns.js';
import { resolveRegions } from '../domain/select.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { addReadOptions, addRegionOption, addVerboseOption, parseYearOption, type DataOptions } from './options.js';
import { describeRead, loadRegions, refuseSheetWithoutInput } from '../ingest/counts.js';
import { msg, resolveLang, t, type Message, type Text } from '../messages/index.js';
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

/** Regions per answer for one method and year, with Wilson intervals. Pure. */
export function tallyRows(obs: readonly Observation[], regions: RegionIndex, method: string): { rows: ResultRow[]; total: number } {
  const byAnswer = new Map<string, Set<string>>();
  const answered = new Set<string>();
  for (const o of obs) {
    if (o.method !== method || o.category === undefined || o.category === '') continue;
    byAnswer.set(o.category, (byAnswer.get(o.category) ?? new Set<string>()).add(o.region));
    answered.add(o.region);
  }
  const total = answered.size;
  const rows = [...byAnswer.entries()]
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0], 'sv'))
    .map(([answer, set]) => {
      const ci = wilsonInterval(set.size, total);
      return {
        method,
        answer,
        regions: set.size,
        of: total,
        share_pct: (set.size / total) * 100,
        share_lower: ci.lower * 100,
        share_upper: ci.upper * 100,
        region_list: regions.regions
          .filter((r) => set.has(r.code))
          .map((r) => r.name)
          .join('; '),
      };
    });
  return { rows, total };
}

/** "10 of 21 regions answered god or relativt god (48%, 95% CI 28–68%)." Pure. */
export function headline(rows: ResultRow[], total: number, positive: string[], method: string): Message {
  const wanted = positive.map(matchKey);
  const hits = rows.filter((r) => wanted.includes(matchKey(r.answer as string))).reduce((s, r) => s + (r.regions as number), 0);
  const ci = wilsonInterval(hits, total);
  const answers: Text = positive.length > 1 ? msg('tally.or', { first: positive.slice(0, -1).join(', '), last: positive.at(-1) ?? '' }) : (positive[0] ?? '');
  return msg('note.tally-headline', {
    method: method ? msg('tally.method', { method }) : '',
    hits,
    total,
    answers,
    pct: Math.round((hits / total) * 100),
    lower: Math.round(ci.lower * 100),
    upper: Math.round(ci.upper * 100),
  });
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
    const read = readOptions(opts, { categoryColumn: opts.column, ...(opts.year !== undefined ? { defaultYear: opts.year } : {}) });
    refuseSheetWithoutInput(opts);
    const table = opts.input
      ? await readTable(opts.input, 'count', regions, read)
      : loadTable(readBundled('access-2014.csv'), bundledName('access-2014.csv', opts.lang), 'count', regions, read);
    const file = table.file;
    if (opts.verbose && opts.input) writeStderr(`${describeRead(table)}\n`);
    const obs = table.observations.filter((o) => (opts.year === undefined || o.year === opts.year) && (selected.size === 0 || selected.has(o.region)));
    const methods = [...new Set(obs.map((o) => o.method))].filter((m) => !opts.method || matchKey(m) === matchKey(opts.method));
    if (methods.length === 0)
      throw dataError(
        opts.method ? msg('select.no-answers-for', { method: opts.method }) : msg('select.no-answers'),
        { file },
        msg('select.methods-in-file.hint', { methods: [...new Set(table.observations.map((o) => o.method))].join(', ') }),
      );
    const rows: ResultRow[] = [];
    const notes: Text[] = [];
    for (const m of methods) {
      const t = tallyRows(obs, regions, m);
      rows.push(...t.rows);
      if (opts.positive)
        notes.push(
          headline(
            t.rows,
            t.total,
            opts.positive
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            m,
          ),
        );
    }
    notes.push(opts.input ? msg('note.data', { source: file }) : msg('note.tally-bundled'));
    notes.push(msg('note.wilson'));
    await emit(
      {
        title: msg('title.tally', { column: opts.column }),
        columns: [
          { key: 'method', header: msg('header.method'), type: 'text' },
          { key: 'answer', header: msg('header.answer'), type: 'text' },
          { key: 'regions', header: msg('header.regions'), type: 'integer' },
          { key: 'of', header: msg('header.of'), type: 'integer' },
          { key: 'share_pct', header: msg('header.share'), type: 'percent' },
          ...intervalColumns('share_lower', 'share_upper', msg('header.ci-pct'), 0),
          { key: 'region_list', header: msg('header.regions-answering'), type: 'text', only: 'machine' },
        ],
        rows,
        notes,
      } satisfies ResultTable,
      opts,
    );
  });
  return cmd;
}
