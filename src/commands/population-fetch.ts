import { mkdirSync } from 'node:fs';
import { msg, resolveLang, say, t, type Lang } from '../messages/index.js';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { fetchError, RehabError, usageError } from '../errors.js';
import { formatPopulationRows, parsePopulationRows, type PopulationRow } from '../domain/population-rows.js';
import { parseScbPopulation, SCB_FIRST_YEAR, SCB_TABLES, ScbFormatError, scbQueries } from '../domain/scb-population.js';
import { HttpFailure, postJson } from '../io/http-json.js';
import { populationCachePath, readPopulationCache } from '../io/population-cache.js';
import { writeStderr, writeStdout } from '../io/output.js';
import { writeFiles } from '../io/write.js';
import { addHelp } from './help.js';
import { langOption, parsePositive, parseYearOption } from './options.js';
import { homeRelative, loadRegions } from '../ingest/counts.js';
import { outputProtection } from './output.js';
import { currentIo } from '../io/context.js';

/** SCB's open PxWebApi 2.0. */
export const SCB_API = 'https://statistikdatabasen.scb.se/api/v2';
/** For tests only: another base URL (a local server answering in SCB's format). */
export const SCB_API_ENV = 'REHAB_STATS_SCB_API_URL';
const TABLES = SCB_TABLES.map((t) => `${t.id} ${t.first}–${t.last ?? ''}`).join(', ');

const EXAMPLES = [
  'rehab-stats population fetch --from 2016 --to 2025  # by sex and 16–67 for 2016–2025, into the cache',
  'rehab-stats population fetch --from 2024 --output scb-2024.csv  # into a file for --population',
];

const DETAILS = `
Downloads SCB's population on 31 December by region, age and sex (statistic BE0101N1, CC0;
PxWebApi 2.0 tables ${TABLES}) for the 21 regions and Riket,
and builds per region and year: women and men (all ages), both sexes, and aged 16–67 (the
sum of SCB's single years of age).
This is the only command that uses the network, and only to SCB (${SCB_API}).

The figures go with their source and retrieval date into $XDG_CACHE_HOME/rehab-stats/
population-scb.csv (default ~/.cache/rehab-stats/), replacing the cached years fetched again,
or with --output into FILE. Either is written whole or not at all. rank, growth, summary and
report then use the cached figures wherever the bundled table has none (it keeps its own
where it has them) and say so in their notes; rehab-stats population shows what is there.
Delete the file to stop using it.

From reference year 2025 SCB perturbs every published cell (the Cell Key Method) and keeps
the years in TAB5557: both sexes is then SCB's published total, and the 16–67 sums carry the
small noise of each single-year cell (the note of every such row says so).

Exit 8 when SCB cannot be reached, answers with an error (HTTP 429 after its Retry-After,
5xx), times out (--timeout), sends a cut-off or unexpected response, or the table's codes
have changed.`;

interface FetchOptions {
  from: number;
  to?: number;
  output?: string;
  timeout: number;
  quiet?: boolean;
  /** Set for every run (--lang, else the locale). */
  lang?: string;
}

export function fetchCommand(): Command {
  const cmd = new Command('fetch')
    .summary("download SCB's population by region, age and sex (the only network use)")
    .description("Download SCB's population on 31 December by region, age and sex for some years, into the cache or a file.")
    .requiredOption('--from <year>', 'first year', parseYearOption('--from'))
    .option('--to <year>', 'last year (default: --from)', parseYearOption('--to'))
    .option('-o, --output <file>', 'write the figures to this file (for --population) instead of the cache')
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this long').default(30).argParser(parsePositive('--timeout')))
    .option('-q, --quiet', 'no summary on stdout')
    .addOption(langOption());
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: FetchOptions) => runFetch(opts));
  return cmd;
}

async function runFetch(opts: FetchOptions): Promise<void> {
  const to = opts.to ?? opts.from;
  if (to < opts.from) throw usageError(msg('fetch.to-before-from', { to, from: opts.from }));
  if (opts.from < SCB_FIRST_YEAR) throw usageError(msg('fetch.before-first-year', { from: opts.from, first: SCB_FIRST_YEAR }));
  const years = Array.from({ length: to - opts.from + 1 }, (_, i) => opts.from + i);
  const regions = loadRegions();
  const base = (currentIo().env[SCB_API_ENV] || SCB_API).replace(/\/+$/, '');
  const retrieved = currentIo().now().toISOString().slice(0, 10);

  // Everything is fetched and checked before anything is written.
  const rows: PopulationRow[] = [];
  for (const q of scbQueries(years, regions)) {
    const url = `${base}/tables/${q.table.id}/data?lang=en&outputFormat=json-stat2`;
    let json: unknown;
    try {
      json = await postJson(url, q.body, { timeoutMs: opts.timeout * 1000, retries: 3, maxRetryWaitS: 60 });
    } catch (e) {
      throw e instanceof HttpFailure ? failure(e, base, q.table.id, q.years) : e;
    }
    try {
      rows.push(...parseScbPopulation(json, q.table, q.years, regions, retrieved, `${base}/tables/${q.table.id}`));
    } catch (e) {
      if (!(e instanceof ScbFormatError)) throw e;
      throw fetchError(msg('fetch.unexpected', { base, detail: e.detail }), e.codesChanged ? msg('fetch.table-changed.hint') : msg('fetch.try-later-own.hint'));
    }
  }

  const target = opts.output ?? populationCachePath();
  const shown = opts.output ?? homeRelative(target);
  const lang = resolveLang(opts.lang, currentIo().env);
  let all = rows;
  if (!opts.output) {
    const kept = keptFromCache(target, years, regions, lang);
    all = [...kept, ...rows].sort((a, b) => a.year - b.year || a.region_code.localeCompare(b.region_code));
    mkdirSync(dirname(target), { recursive: true });
  }
  await writeFiles([{ path: target, data: formatPopulationRows(all) }], outputProtection([]));
  if (!opts.quiet) {
    const places = new Set(rows.map((r) => r.region_code)).size;
    const tables = [...new Set(scbQueries(years, regions).map((q) => q.table.id))].join(', ');
    const span = years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
    writeStdout(
      `${t(lang, 'fetch.done', { tables, date: retrieved, years: span, places, n: rows.length })}\n` +
        `${t(lang, opts.output ? 'fetch.written-output' : 'fetch.written-cache', { file: shown })}\n`,
    );
  }
}

/** The cached rows of other years; an unreadable cache is replaced, with a note. */
function keptFromCache(path: string, years: readonly number[], regions: ReturnType<typeof loadRegions>, lang: Lang): PopulationRow[] {
  const bytes = readPopulationCache(path);
  if (!bytes) return [];
  try {
    return parsePopulationRows(bytes, homeRelative(path), regions).filter((r) => !years.includes(r.year));
  } catch (e) {
    if (!(e instanceof RehabError)) throw e;
    writeStderr(`${t(lang, 'label.note')}: ${t(lang, 'fetch.replacing-cache', { file: homeRelative(path), detail: say(e.text, lang) })}\n`);
    return [];
  }
}

/** Each way the request can fail, said plainly, with what to do. Nothing has been written. */
function failure(e: HttpFailure, base: string, table: string, years: readonly number[]): RehabError {
  const span = years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
  switch (e.kind) {
    case 'network':
      return fetchError(msg('fetch.cannot-reach', { base, detail: e.detail }), msg('fetch.cannot-reach.hint'));
    case 'timeout':
      return fetchError(msg('fetch.timeout', { base, detail: e.detail }), msg('fetch.timeout.hint'));
    case 'rate-limited':
      return fetchError(
        msg('fetch.rate-limited', { base, detail: e.detail }),
        e.retryAfter !== undefined ? msg('fetch.rate-limited.hint', { seconds: e.retryAfter }) : msg('fetch.rate-limited-while.hint'),
      );
    case 'http':
      return fetchError(
        msg('fetch.http', { base, detail: e.detail }),
        e.status !== undefined && e.status >= 500 ? msg('fetch.server.hint') : msg('fetch.refused.hint', { span, table }),
      );
    case 'truncated':
    case 'not-json':
      return fetchError(msg('fetch.incomplete', { base, detail: e.detail }), msg('fetch.incomplete.hint'));
  }
}
