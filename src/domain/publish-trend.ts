import { roundCount } from '../stats/round-count.js';
import { cellRef, protectTable, ruleActive, type DisclosureSpec, type PublishRule } from './publish.js';
import type { Relation } from '../stats/disclosure.js';
import type { CellTable, Protected, Row } from './cells.js';
import type { Series } from './trend-series.js';
import { usageError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';
import { MIN_YEARS_EACH_SIDE } from '../stats/segmented-poisson.js';
import { breakAlone, breakVsRest, type BreakResult } from './break-analysis.js';

/**
 * Publishing rules for series over the years (trend, the report's break section): each
 * (series, year) count is a cell; hidden counts take their year's change, rate and interval
 * with them, and the next year's change (which is the difference of the two). Where the table
 * covers every part of a total that is published anyway — all 21 regions of Riket, every method
 * of all treatments, a region and the rest of Sweden — the year's sum is a known figure, and
 * secondary suppression hides further counts so that none follows from it.
 */

/** What the series of one table add up to, per year. */
export type SeriesTotal =
  /** No sum: the series are not all the parts of anything published. */
  | { kind: 'none' }
  /**
   * The series are all the parts of a published total (Riket's regions, all methods): their sum
   * per year is known — or printed, as the series `totalIndex` (Riket apart under its regions).
   */
  | { kind: 'known-sum'; totalIndex?: number }
  /** One region with the rest of Sweden (--vs rest): region + rest = Riket, which is published. */
  | { kind: 'with-rest'; rest: readonly (number | null)[] };

export interface ProtectedSeries<R extends Row = Row> {
  /** The series as shown: counts rounded with --round-counts, hidden counts null. Rates are left to the caller (from these counts). */
  shown: Series[];
  /** The years hidden in each series (primary or secondary). */
  hiddenYears: Set<number>[];
  /** The year-by-year rows (the table's `series` part), protected: hidden cells null, `count_status` (and `rest_count_status`). */
  rows: R[];
  /** What protectTable gives besides the rows: the counts with a status, notes, the hidden cells for the marker. */
  table: CellTable & Protected;
  /** With a rest of Sweden: the rest counts as shown (Riket rounded − region rounded), null where hidden. */
  rest?: (number | null)[];
}

/** Derived from a count in its own row. */
const SERIES_DERIVED = ['change', 'change_pct', 'rate', 'rate_lower', 'rate_upper'];
/** Derived from either the region's or the rest's count (--vs rest). */
const VS_REST_DERIVED = ['rate_ratio', 'ratio_lower', 'ratio_upper'];

/**
 * Applies the rule to series of true counts. `rowsOf` builds the year-by-year rows from the
 * series as shown before any hiding (rounded counts: changes and rates from them), so that the
 * rows are what an unprotected run would print; the rule then hides cells in them.
 * `forcedYears` (per series) are hidden from the start: another table of the same publication
 * hides those counts.
 */
export function protectSeries<R extends Row = Row>(
  series: readonly Series[],
  rule: PublishRule,
  total: SeriesTotal,
  rowsOf: (shown: Series[]) => R[],
  forcedYears: readonly ReadonlySet<number>[] = [],
): ProtectedSeries<R> {
  const rounded = series.map((s) => ({
    ...s,
    points: s.points.map((p) => ({ ...p, count: p.count === null || rule.roundTo <= 1 ? p.count : roundCount(p.count, rule.roundTo) })),
  }));
  const rows = rowsOf(rounded);
  // Row i is series s, point k: the rows are the series' points in order. Each with its true count.
  const points = series.flatMap((s, si) => s.points.map((p, k) => ({ s: si, k, year: p.year, truth: p.count })));
  const cells = points.flatMap((p, i) => {
    const row = rows[i];
    return row ? [{ ...p, i, row }] : [];
  });
  if (rows.length !== points.length || cells.length !== rows.length) throw new Error('protectSeries: one row per point expected');
  const restTrue = total.kind === 'with-rest' ? total.rest : undefined;
  const regionCounts = series[0]?.points.map((p) => p.count) ?? [];
  const restShown = restTrue?.map((r, k) => {
    const region = regionCounts[k] ?? null;
    if (r === null || region === null) return null;
    // Riket as shown less the region as shown, so the three printed figures add up.
    return rule.roundTo > 1 ? roundCount(r + region, rule.roundTo) - roundCount(region, rule.roundTo) : r;
  });
  if (!ruleActive(rule)) return { shown: rounded, hiddenYears: rounded.map(() => new Set()), rows, table: { rows, notes: [] }, ...(restShown ? { rest: restShown } : {}) };
  if (restShown) for (const c of cells) Object.assign(c.row, { rest_count: restShown[c.k] ?? null });

  const index = new Map(cells.map((c) => [`${c.s}/${c.k}`, c.i]));
  const next = (i: number) => {
    const c = cells[i];
    return c && index.get(`${c.s}/${c.k + 1}`);
  };
  // The year-on-year change is printed with both its counts (this year = last year + change), but
  // it is hidden whenever either count is, and it appears in no other sum: that equation can only
  // ever give the change itself, never a count, so it is left out (with it in, the greedy search
  // would hide neighbouring years for nothing).
  const relations: Relation[] = [];
  const years = [...new Set(rounded.flatMap((s) => s.points.map((p) => p.year)))];
  // A total printed in this table always counts (it can be hidden itself). One published elsewhere
  // counts unless it is below the threshold, when it is hidden where it is published; and a "sum"
  // of one part is that part itself, hidden or shown by the same rule there.
  const usable = (truth: readonly (number | null)[], printed: boolean) => {
    if (printed) return truth.length >= 1;
    const known = truth.filter((v): v is number => v !== null);
    return truth.length >= 2 && known.reduce((a, v) => a + v, 0) >= rule.suppress;
  };
  if (total.kind === 'known-sum') {
    const inYear = (year: number, wanted: (s: number) => boolean) => cells.filter((c) => c.row.year === year && wanted(c.s) && c.truth !== null);
    for (const year of years) {
      const parts = inYear(year, (si) => si !== total.totalIndex);
      const [printed] = total.totalIndex === undefined ? [] : inYear(year, (si) => si === total.totalIndex);
      if (
        usable(
          parts.map((c) => c.truth),
          printed !== undefined,
        )
      )
        relations.push({ total: printed ? cellRef(printed.i, 'count') : `known-total/${year}`, parts: parts.map((c) => cellRef(c.i, 'count')), nonNegative: true });
    }
  }
  if (restTrue && restShown) {
    for (const { i, k, row, truth, year } of cells) {
      if (row.count !== null && row.rest_count !== null && usable([truth, restTrue[k] ?? null], false))
        relations.push({ total: `known-total/${year}`, parts: [cellRef(i, 'count'), cellRef(i, 'rest_count')], nonNegative: true });
    }
  }
  const cellOf = new Map<Row, (typeof cells)[number]>(cells.map((c) => [c.row, c]));
  const spec: DisclosureSpec = {
    countKeys: restShown ? ['count', 'rest_count'] : ['count'],
    derivedKeys: restShown ? { count: [...SERIES_DERIVED, ...VS_REST_DERIVED], rest_count: ['rest_rate', ...VS_REST_DERIVED] } : { count: SERIES_DERIVED },
    derivedCells: (i, key) => {
      const n = next(i);
      return key === 'count' && n !== undefined ? [cellRef(n, 'change'), cellRef(n, 'change_pct')] : [];
    },
    relations,
    forced: new Set(cells.flatMap((c) => (forcedYears[c.s]?.has(c.year) ? [cellRef(c.i, 'count')] : []))),
    trueValue: (row, key) => {
      const c = cellOf.get(row);
      if (!c) return undefined;
      return key === 'rest_count' ? (restTrue?.[c.k] ?? null) : c.truth;
    },
  };
  const table = protectTable({ rows, notes: [] }, spec, rule);
  const hiddenYears = rounded.map(() => new Set<number>());
  for (const c of cells) if (isHiddenStatus(c.row.count_status) || isHiddenStatus(c.row.rest_count_status)) hiddenYears[c.s]?.add(c.year);
  const shown = rounded.map((s, si) => ({ ...s, points: s.points.map((p) => (hiddenYears[si]?.has(p.year) ? { ...p, count: null } : p)) }));
  const firstYears = rounded[0]?.points.map((p) => p.year) ?? [];
  const rest = restShown?.map((r, k) => {
    const year = firstYears[k];
    return year !== undefined && hiddenYears[0]?.has(year) ? null : r;
  });
  return { shown, hiddenYears, rows, table, ...(rest ? { rest } : {}) };
}

export const isHiddenStatus = (status: unknown): boolean => status === 'suppressed-primary' || status === 'suppressed-secondary';

/**
 * The break model on the years shown: a year hidden by the rule (its count, or the rest of
 * Sweden's with a comparison) is left out — its count would follow from the fitted values
 * otherwise — and the model refuses when fewer than three shown years remain on a side.
 * `national` (for --vs rest) holds true counts; they are rounded as the rule shows them.
 * `names` say the break and the rule as the user gave them (`--break 2021`, `--suppress 5`).
 */
export function breakOnShown(
  series: Series,
  hidden: ReadonlySet<number>,
  breakYear: number,
  rule: PublishRule,
  national: Series | undefined,
  source: Text,
  names: { break: Text; rule: string },
): { analysis: BreakResult; series: Series } {
  const kept = { ...series, points: series.points.filter((p) => !hidden.has(p.year)) };
  if (hidden.size && kept.points.every((p) => p.count !== null)) {
    const before = kept.points.filter((p) => p.year < breakYear).length;
    const after = kept.points.length - before;
    if (before < MIN_YEARS_EACH_SIDE || after < MIN_YEARS_EACH_SIDE) {
      const years = [...hidden].sort((a, b) => a - b);
      throw usageError(
        msg('publish.break-too-few-shown', {
          what: names.break,
          rule: names.rule,
          years: years.join(', '),
          hidden: years.length,
          before,
          year: String(breakYear),
          after,
          min: MIN_YEARS_EACH_SIDE,
        }),
        msg('publish.break-too-few-shown.hint'),
      );
    }
  }
  if (!national) return { analysis: breakAlone(kept, breakYear, source), series: kept };
  const shownNational = {
    ...national,
    points: national.points.filter((p) => !hidden.has(p.year)).map((p) => ({ ...p, count: p.count === null || rule.roundTo <= 1 ? p.count : roundCount(p.count, rule.roundTo) })),
  };
  return { analysis: breakVsRest(kept, shownNational, breakYear, source), series: kept };
}

/** The rest of Sweden's true counts: Riket less the region, each year both are known. */
export function restCounts(region: Series, national: Series): (number | null)[] {
  return national.points.map((p, k) => {
    const r = region.points[k]?.count ?? null;
    return p.count === null || r === null ? null : p.count - r;
  });
}
