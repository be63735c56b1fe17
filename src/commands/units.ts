import { readUnits, type UnitTotals } from '../ingest/units.js';
import { readInput } from '../ingest/source.js';
import { readOptions, type ReadFlags } from '../ingest/options.js';
import type { ResultRow, ResultTable } from '../render/model.js';
import { compareWithBenchmark } from '../stats/compare.js';
import { proportionFunnelLimits, proportionFunnelSignificance } from '../stats/funnel-proportion.js';
import { FUNNEL_COLUMNS, intervalColumns } from '../render/columns.js';
import { exactPoissonInterval } from '../stats/poisson.js';
import { competitionRanksOfRatios, type Ratio } from '../stats/rank.js';
import { wilsonInterval } from '../stats/wilson.js';
import { usageError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';

/**
 * Ranking and shares for units other than regions (`rank --by`, `share --by COLUMN`): a
 * proportion per unit from numerator and denominator columns with Wilson intervals and
 * funnel limits around the overall proportion, or counts with exact Poisson intervals.
 */
export interface UnitCommandOptions extends ReadFlags {
  input?: string | undefined;
  by: string;
  numerator?: string;
  denominator?: string;
  count?: string;
  method?: string;
  year?: number;
  funnel?: boolean;
  ci?: number;
}

export async function loadUnits(opts: UnitCommandOptions): Promise<{ units: UnitTotals[]; file: string; filtered: string[]; notes: Text[] }> {
  if (!opts.input) throw usageError(msg('option.by-needs-input', { by: opts.by }));
  // The same reading options as every command: a bogus --delimiter is a usage error here too.
  const read = readOptions(opts);
  const { name: file, bytes } = await readInput(opts.input, read.encoding);
  const { units, filtered, notes } = readUnits(bytes, file, {
    by: opts.by,
    ...(opts.numerator ? { numerator: opts.numerator } : {}),
    ...(opts.denominator ? { denominator: opts.denominator } : {}),
    ...(opts.count ? { count: opts.count } : {}),
    ...(opts.method ? { method: opts.method } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    read,
  });
  return { units, file, filtered, notes };
}

/** Units ranked by proportion (numerator/denominator) or by count. Pure. */
export function rankUnits(units: UnitTotals[], level = 0.95, funnel = false): { table: Omit<ResultTable, 'notes'>; overall: ResultRow } {
  // Proportions when every unit has a denominator.
  const measured = units.flatMap((u) => (u.denominator === undefined ? [] : [{ ...u, denominator: u.denominator }]));
  if (measured.length === units.length) {
    const num = measured.reduce((s, u) => s + u.numerator, 0);
    const den = measured.reduce((s, u) => s + u.denominator, 0);
    const target = den > 0 ? num / den : 0;
    const rows: ResultRow[] = measured.map((u) => {
      const ci = u.denominator > 0 ? wilsonInterval(u.numerator, u.denominator, level) : undefined;
      const p = u.denominator > 0 ? (u.numerator / u.denominator) * 100 : null;
      const row: ResultRow = {
        rank: null,
        unit: u.unit,
        numerator: u.numerator,
        denominator: u.denominator,
        proportion_pct: p,
        lower: ci ? ci.lower * 100 : null,
        upper: ci ? ci.upper * 100 : null,
        vs_overall: ci ? compareWithBenchmark(ci.lower, ci.upper, target) : null,
        note: u.denominator === 0 ? 'denominator 0' : u.denominator < 10 ? 'denominator below 10: unstable' : '',
      };
      if (funnel && u.denominator > 0) {
        const l95 = proportionFunnelLimits(target, u.denominator, 0.95);
        const l998 = proportionFunnelLimits(target, u.denominator, 0.998);
        Object.assign(row, {
          funnel_95_lower: l95.lower * 100,
          funnel_95_upper: l95.upper * 100,
          funnel_998_lower: l998.lower * 100,
          funnel_998_upper: l998.upper * 100,
          funnel: proportionFunnelSignificance(u.numerator, u.denominator, target),
        });
      }
      return row;
    });
    rank(rows, (r) => (r.proportion_pct === null ? null : { numerator: r.numerator as number, denominator: r.denominator as number }));
    const ci = den > 0 ? wilsonInterval(num, den, level) : undefined;
    const overall: ResultRow = {
      rank: null,
      unit: 'Overall',
      numerator: num,
      denominator: den,
      proportion_pct: den > 0 ? target * 100 : null,
      lower: ci ? ci.lower * 100 : null,
      upper: ci ? ci.upper * 100 : null,
      vs_overall: null,
      note: '',
    };
    return {
      overall,
      table: {
        columns: [
          { key: 'rank', header: msg('header.rank'), type: 'integer', empty: '' },
          { key: 'unit', header: msg('header.unit'), type: 'text' },
          { key: 'numerator', header: msg('header.numerator'), type: 'integer' },
          { key: 'denominator', header: msg('header.denominator'), type: 'integer' },
          { key: 'proportion_pct', header: msg('header.percent'), type: 'percent', digits: 1 },
          ...intervalColumns('lower', 'upper', msg('header.ci-level-pct', { level: Math.round(level * 1000) / 10 })),
          { key: 'vs_overall', header: msg('header.vs-overall'), type: 'text', empty: '' },
          ...(funnel ? FUNNEL_COLUMNS : []),
          { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
        ],
        rows,
        apart: [overall],
      },
    };
  }
  const rows: ResultRow[] = units.map((u) => {
    const ci = Number.isInteger(u.numerator) ? exactPoissonInterval(u.numerator, level) : undefined;
    return { rank: null, unit: u.unit, count: u.numerator, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
  });
  rank(rows, (r) => ({ numerator: r.count as number, denominator: 1 }));
  const total = units.reduce((s, u) => s + u.numerator, 0);
  const overall: ResultRow = { rank: null, unit: 'Total', count: total, lower: null, upper: null };
  return {
    overall,
    table: {
      columns: [
        { key: 'rank', header: msg('header.rank'), type: 'integer', empty: '' },
        { key: 'unit', header: msg('header.unit'), type: 'text' },
        { key: 'count', header: msg('header.count'), type: 'integer' },
        ...intervalColumns('lower', 'upper', msg('header.ci-level', { level: Math.round(level * 1000) / 10 })),
      ],
      rows,
      apart: [overall],
    },
  };
}

/** Competition ranks on the exact value (a proportion as numerator/denominator), never on a rounded one. */
function rank(rows: ResultRow[], value: (row: ResultRow) => Ratio | null): void {
  const ranked = rows.flatMap((row) => {
    const ratio = value(row);
    return ratio ? [{ row, ratio }] : [];
  });
  const ranks = competitionRanksOfRatios(ranked.map((r) => r.ratio));
  ranked.forEach((r, i) => (r.row.rank = ranks[i] ?? null));
  const rankOf = (row: ResultRow) => (typeof row.rank === 'number' ? row.rank : Infinity);
  rows.sort((a, b) => rankOf(a) - rankOf(b) || String(a.unit).localeCompare(String(b.unit), 'sv'));
}

/** Each unit's share of the total with Wilson intervals. Pure. */
export function unitShares(units: UnitTotals[], level = 0.95): ResultRow[] {
  const total = units.reduce((s, u) => s + u.numerator, 0);
  return [...units]
    .sort((a, b) => b.numerator - a.numerator || a.unit.localeCompare(b.unit, 'sv'))
    .map((u) => {
      const ci = total > 0 && Number.isInteger(u.numerator) && Number.isInteger(total) ? wilsonInterval(u.numerator, total, level) : undefined;
      return {
        group: u.unit,
        count: u.numerator,
        total,
        share_pct: total > 0 ? (u.numerator / total) * 100 : null,
        share_lower: ci ? ci.lower * 100 : null,
        share_upper: ci ? ci.upper * 100 : null,
      };
    });
}
