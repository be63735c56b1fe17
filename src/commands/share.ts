import { Command } from 'commander';
import { dataError, usageError } from '../errors.js';
import type { Sex } from '../domain/observation.js';
import { methodsOf, nationalCount, resolveMethod, resolveRegions, selectCounts, yearsOf, latestYear } from '../domain/select.js';
import { NATIONAL_CODE } from '../domain/regions.js';
import { wilsonInterval } from '../stats/wilson.js';
import { loadUnits, unitShares } from './units.js';
import { intervalColumns, statusColumns } from '../render/columns.js';
import type { Column, ResultRow, ResultTable } from '../render/model.js';
import { protectTable } from '../domain/publish.js';
import { shareSpec } from '../domain/publish-specs.js';
import { roundCount } from '../stats/round-count.js';
import { addPublishOptions, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseYearOption, type DataOptions } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, sourceName } from './notes.js';
import { inputWarnings, loadCounts, loadRegions } from '../ingest/counts.js';
import { msg, sexWord, type Text } from '../messages/index.js';

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

/** The columns of a shares table; machine formats name the group column "group". */
function shareColumns(groupHeader: Text): Column[] {
  return [
    { key: 'group', header: groupHeader, type: 'text' },
    { key: 'count', header: msg('header.count'), type: 'integer' },
    { key: 'total', header: msg('header.total'), type: 'integer' },
    { key: 'share_pct', header: msg('header.share'), type: 'percent', digits: 1 },
    ...intervalColumns('share_lower', 'share_upper', msg('header.ci-pct')),
  ];
}

/** Share rows from (group, count) pairs. Pure. */
export function shareRows(parts: { group: string; count: number }[], level = 0.95): ResultRow[] {
  const total = parts.reduce((s, p) => s + p.count, 0);
  return parts.map((p) => {
    const ci = total > 0 ? wilsonInterval(p.count, total, level) : undefined;
    return {
      group: p.group,
      count: p.count,
      total,
      share_pct: total > 0 ? (p.count / total) * 100 : null,
      share_lower: ci ? ci.lower * 100 : null,
      share_upper: ci ? ci.upper * 100 : null,
    };
  });
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
    if (!['method', 'sex', 'region'].includes(opts.by)) {
      if (opts.region?.length) throw usageError(msg('share.region-by', { by: opts.by }), msg('share.region-by.hint'));
      return shareByColumn(opts);
    }
    const regions = loadRegions();
    const selected = resolveRegions(opts.region ?? [], regions);
    // --by method or sex with --region: the shares within the chosen regions (Riket = every region).
    const within = opts.by !== 'region' && selected.length > 0 && !selected.some((r) => r.code === NATIONAL_CODE) ? selected : [];
    const data = await loadCounts(opts, regions);
    const obs = data.observations;
    const years = yearsOf(obs);
    const year = opts.year ?? latestYear(years);
    if (!years.includes(year)) throw dataError(msg('select.no-counts-year', { year }), { file: sourceName(data) }, msg('select.years-in-data.hint', { years: years.join(', ') }));
    const methods = opts.method ? [resolveMethod(obs, opts.method, sourceName(data))] : methodsOf(obs);
    const count = (method: string, sex: Sex): number | null => {
      if (within.length === 0) return nationalCount(obs, regions, method, year, sex, data.recordLevel);
      const counts = selectCounts(obs, { method, year, sex, absentIsZero: data.recordLevel });
      const cells = within.map((r) => counts.get(r.code)?.value ?? null);
      return sumOrNull(cells);
    };
    const sumOver = (f: (m: string) => number | null) => {
      return sumOrNull(methods.map(f));
    };
    let parts: { code?: string; group: string; count: number | null }[];
    if (opts.by === 'method') parts = methods.map((m) => ({ group: m || '(no method)', count: count(m, 'total') }));
    else if (opts.by === 'sex') parts = (['women', 'men'] as const).map((sx) => ({ group: sx, count: sumOver((m) => count(m, sx)) }));
    else {
      parts = regions.regions.map((r) => ({
        code: r.code,
        group: r.name,
        count: sumOver((m) => selectCounts(obs, { method: m, year, sex: 'total', absentIsZero: data.recordLevel }).get(r.code)?.value ?? null),
      }));
    }
    const missing = parts.filter((p) => p.count === null).map((p) => p.group);
    if (missing.length) {
      throw dataError(
        msg('select.incomplete-total', { year, parts: missing.map((m) => (m === 'women' || m === 'men' ? sexWord(m) : m)) }),
        { file: sourceName(data) },
        opts.by === 'sex' ? msg('select.incomplete-total-sex.hint') : msg('select.incomplete-total.hint'),
      );
    }
    const rule = publishRule(opts);
    // Every part has its count (checked above).
    const counted = parts.flatMap((p) => (p.count === null ? [] : [{ ...p, count: p.count }]));
    const trueParts = counted.map((p) => p.count);
    // Shares and their total come from the counts as shown: rounded ones with --round-counts.
    const all = shareRows(counted.map((p) => ({ group: p.group, count: rule.roundTo > 1 ? roundCount(p.count, rule.roundTo) : p.count })));
    // Shares of the national total first; --by region --region then shows only the chosen regions
    // (suppression is decided on the whole table, so a subset hides at least as much).
    const codes = new Set(selected.map((r) => r.code));
    const kept = new Set(all.filter((_, i) => codes.size === 0 || opts.by !== 'region' || codes.has(counted[i]?.code ?? '')));
    const scope = within.length ? msg('share.in', { regions: within.map((r) => r.name) }) : '';
    const what = opts.method ? msg('share.method-treatments', { method: methods[0] || opts.method }) : msg('share.all-treatments');
    const by = opts.by === 'method' ? msg('share.by.method') : opts.by === 'sex' ? msg('share.by.sex') : msg('share.by.region');
    const whole = protectTable(
      {
        title: msg('title.share', { what, scope, by, year }),
        columns: shareColumns(opts.by === 'method' ? msg('header.method') : opts.by === 'sex' ? msg('header.sex') : msg('header.region')),
        rows: all,
        notes: [dataNote(data), msg('note.wilson')],
      },
      shareSpec(all, trueParts),
      rule,
    );
    const table: ResultTable = { ...whole, columns: [...whole.columns, ...statusColumns(whole.statusKeys)], rows: whole.rows.filter((r) => kept.has(r)) };
    table.made = { population: null, methods: { interval: 'Wilson score, 95%' } };
    await emit(table, opts, inputWarnings(data));
  });
  return cmd;
}

/** The sum, or null when any part is missing. */
function sumOrNull(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** share --by COLUMN: each value of any column of the input, e.g. public vs private providers. */
async function shareByColumn(opts: ShareOptions): Promise<void> {
  const { units, file, filtered, notes } = await loadUnits(opts);
  const rule = publishRule(opts);
  // Shares from the counts as shown (rounded with --round-counts); hiding on the true counts.
  const rows = unitShares(rule.roundTo > 1 ? units.map((u) => ({ ...u, numerator: roundCount(u.numerator, rule.roundTo) })) : units);
  const truth = new Map(units.map((u) => [u.unit, u.numerator]));
  const table = protectTable(
    {
      title: filtered.length
        ? msg('title.share-units-filtered', { what: opts.count ?? msg('units.rows'), by: opts.by, filters: filtered })
        : msg('title.share-units', { what: opts.count ?? msg('units.rows'), by: opts.by }),
      columns: shareColumns(opts.by),
      rows,
      notes: [msg('note.data', { source: file }), msg('note.wilson'), ...notes],
    },
    shareSpec(
      rows,
      rows.map((r) => {
        const count = truth.get(String(r.group));
        if (count === undefined) throw new Error(`share: no count for ${String(r.group)}`);
        return count;
      }),
    ),
    rule,
  );
  // The rows are by size: a hidden row's place would bound its count, so hidden rows go last, by name.
  const hidden = (r: ResultRow) => r.count === null && r.count_status !== 'missing';
  const ordered = [...table.rows.filter((r) => !hidden(r)), ...table.rows.filter(hidden).sort((a, b) => String(a.group).localeCompare(String(b.group), 'sv'))];
  await emit(
    { ...table, columns: [...table.columns, ...statusColumns(table.statusKeys)], rows: ordered, made: { population: null, methods: { interval: 'Wilson score, 95%' } } },
    opts,
  );
}
