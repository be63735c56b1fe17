import { Command, Option } from 'commander';
import { dataError, usageError } from '../errors.js';
import { NATIONAL_CODE } from '../domain/regions.js';
import { methodsOf, nationalCount, resolveMethod, selectCounts, yearsOf } from '../domain/select.js';
import { growth } from '../stats/growth.js';
import { logLinearFit, sparkline } from '../stats/trend.js';
import type { ResultRow, ResultTable } from '../render/model.js';
import {
  addDataOptions, addHelp, addOutputOptions, BUNDLED_DATA_LABEL, emit, inputWarnings, loadCounts, loadRegions,
  parseYearOption, type DataOptions, type OutputOptions,
} from './common.js';

const EXAMPLES = [
  'rehab-stats trend --method KBT  # national series, year on year',
  'rehab-stats trend --method MMR --by region  # one line per region with a sparkline',
  'rehab-stats trend --input fixtures/internet-1177.csv  # 5 000 → 25 000 → 60 000: doubling time',
];

const DETAILS = `
A series over the years: the count, the change from the year before, and over the whole span
the compound annual growth rate (CAGR, from the first and last year only) and a log-linear
least-squares fit ln(count) = a + b·year, whose annual growth e^b − 1 and doubling time
ln 2 / b use every year. The terminal shows a sparkline.
CSV/TSV/JSON columns, national: year, count, change, change_pct. With --by region:
region_code, region, first_year, first_count, last_year, last_count, cagr_pct,
fitted_growth_pct, doubling_years, series.`;

interface TrendOptions extends DataOptions, OutputOptions {
  method?: string;
  by: 'nation' | 'region';
  from?: number;
  to?: number;
}

/** Year-on-year rows for one series. Pure. */
export function seriesRows(points: { year: number; count: number | null }[]): ResultRow[] {
  return points.map((p, i) => {
    const prev = points[i - 1];
    const g = prev && prev.count !== null && p.count !== null ? growth(prev.count, p.count, prev.year, p.year) : undefined;
    return { year: p.year, count: p.count, change: g?.change ?? null, change_pct: g?.changePct ?? null };
  });
}

/** Span statistics for one series: CAGR first→last and the log-linear fit. Null where they cannot be formed. */
export function spanStats(points: { year: number; count: number | null }[]) {
  const known = points.filter((p): p is { year: number; count: number } => p.count !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const cagr = first && last && last.year > first.year ? growth(first.count, last.count, first.year, last.year).cagrPct : null;
  const positive = known.filter((p) => p.count > 0);
  const fit = positive.length >= 2 && positive.length === known.length ? logLinearFit(positive.map((p) => p.year), positive.map((p) => p.count)) : undefined;
  return { first, last, cagr, fit };
}

export function trendCommand(): Command {
  const cmd = new Command('trend')
    .summary('a series over the years: change, CAGR, fitted growth and doubling time')
    .description('Trend of a method over the years, nationally or per region.')
    .option('-m, --method <method>', 'treatment method (default: the only one in the data)')
    .addOption(new Option('--by <unit>', 'one national series, or one line per region').choices(['nation', 'region']).default('nation'))
    .option('--from <year>', 'first year', parseYearOption('--from'))
    .option('--to <year>', 'last year', parseYearOption('--to'));
  addDataOptions(cmd);
  addOutputOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: TrendOptions) => {
    const regions = loadRegions();
    const data = await loadCounts(opts, regions);
    const methods = methodsOf(data.observations);
    if (!opts.method && methods.length > 1) throw usageError('which method? pass --method', `methods in the data: ${methods.join(', ')}`);
    const method = opts.method ? resolveMethod(data.observations, opts.method, data.source) : methods[0]!;
    const name = method || opts.method || 'treatments';
    const years = yearsOf(data.observations.filter((o) => o.method === method)).filter((y) => (opts.from === undefined || y >= opts.from) && (opts.to === undefined || y <= opts.to));
    if (years.length < 2) throw dataError(`fewer than two years of ${name} in the range`, { file: data.source }, 'a trend needs at least two years');
    const label = data.bundled ? BUNDLED_DATA_LABEL : `Data: ${data.source}.`;
    let table: ResultTable;
    if (opts.by === 'nation') {
      const points = years.map((year) => ({ year, count: nationalCount(data.observations, regions, method, year, 'total', data.recordLevel) }));
      const { first, last, cagr, fit } = spanStats(points);
      const fmt = (v: number) => (Math.round(v * 10) / 10).toString();
      const notes = [`${sparkline(points.map((p) => p.count))}  ${first?.year}–${last?.year}`];
      if (cagr !== null) notes.push(`CAGR ${first!.year}–${last!.year}: ${cagr >= 0 ? '+' : ''}${fmt(cagr)}% per year.`);
      if (fit) notes.push(`Log-linear fit over ${points.length} years: ${fit.annualGrowthPct >= 0 ? '+' : ''}${fmt(fit.annualGrowthPct)}% per year${fit.doublingYears !== null ? `, doubling every ${fmt(fit.doublingYears)} years` : ''}.`);
      notes.push(label);
      table = {
        title: `${name}, Riket, ${years[0]}–${years[years.length - 1]}`,
        columns: [
          { key: 'year', header: 'Year', type: 'text' },
          { key: 'count', header: 'Count', type: 'integer' },
          { key: 'change', header: 'Change', type: 'signed-integer' },
          { key: 'change_pct', header: 'Change %', type: 'signed-percent', digits: 1 },
        ],
        rows: seriesRows(points).map((r) => ({ ...r, year: String(r.year) })),
        notes,
      };
    } else {
      const byYear = years.map((year) => selectCounts(data.observations, { method, year, sex: 'total', absentIsZero: data.recordLevel }));
      const rows = [...regions.regions, regions.national]
        .filter((r) => r.code !== NATIONAL_CODE && byYear.some((m) => m.has(r.code)))
        .map((r) => {
          const points = years.map((year, i) => ({ year, count: byYear[i]!.get(r.code)?.value ?? null }));
          const { first, last, cagr, fit } = spanStats(points);
          return {
            region_code: r.code,
            region: r.name,
            first_year: first?.year ?? null,
            first_count: first?.count ?? null,
            last_year: last?.year ?? null,
            last_count: last?.count ?? null,
            cagr_pct: cagr,
            fitted_growth_pct: fit?.annualGrowthPct ?? null,
            doubling_years: fit?.doublingYears ?? null,
            series: points.map((p) => p.count ?? '').join(' '),
            spark: sparkline(points.map((p) => p.count)),
          };
        });
      if (rows.length === 0) throw dataError(`no regional counts of ${name}`, { file: data.source }, 'the input holds national figures only; leave out --by region');
      table = {
        title: `${name} per region, ${years[0]}–${years[years.length - 1]}`,
        columns: [
          { key: 'region_code', header: 'Code', type: 'text' },
          { key: 'region', header: 'Region', type: 'text' },
          { key: 'first_year', header: 'From', type: 'text', only: 'machine' },
          { key: 'first_count', header: String(years[0]), type: 'integer' },
          { key: 'last_year', header: 'To', type: 'text', only: 'machine' },
          { key: 'last_count', header: String(years[years.length - 1]), type: 'integer' },
          { key: 'spark', header: 'Trend', type: 'text', only: 'table' },
          { key: 'cagr_pct', header: 'CAGR', type: 'signed-percent', digits: 1 },
          { key: 'fitted_growth_pct', header: 'Fitted', type: 'signed-percent', digits: 1 },
          { key: 'doubling_years', header: 'Doubling (years)', type: 'rate', empty: '' },
          { key: 'series', header: 'Series', type: 'text', only: 'machine' },
        ],
        rows,
        notes: ['CAGR: first to last year. Fitted: log-linear least squares over every year.', label],
      };
    }
    emit(table, opts, inputWarnings(data));
  });
  return cmd;
}
