import { NATIONAL_CODE } from './regions.js';
import type { CountCell } from './select.js';
import { cellRef, columnSum, type DisclosureSpec } from './publish.js';
import { textCell, type Row } from './cells.js';
import type { Relation } from '../stats/disclosure.js';

/**
 * How the cells of each kind of table relate, for suppression: which columns are counts, what
 * is computed from them, and which sums the table prints. Rows are indexed `[...rows, ...apart]`.
 */

/** What a rank row computes from its count. */
const RANK_DERIVED = ['rate', 'rate_lower', 'rate_upper', 'rank', 'rank_lower', 'rank_upper', 'ratio_to_national', 'vs_national', 'funnel', 'interval_method'];

/** The true count of a region (before rounding), or of the national row: reported, else the sum of the regions with counts. */
function trueCounts(rows: readonly Row[], counts: ReadonlyMap<string, CountCell>, key = 'count') {
  return (row: Row): number | null => {
    const code = textCell(row, 'region_code');
    if (code !== NATIONAL_CODE || counts.has(NATIONAL_CODE)) return counts.get(code)?.value ?? null;
    const parts = rows.filter((r) => r[key] !== null && r[key] !== undefined).map((r) => counts.get(textCell(r, 'region_code'))?.value ?? 0);
    return parts.reduce((s, v) => s + v, 0);
  };
}

/** A ranking: regions and Riket = Σ regions. */
export function rankSpec(rows: readonly Row[], counts: ReadonlyMap<string, CountCell>): DisclosureSpec {
  const truth = trueCounts(rows, counts);
  const parts = rows.flatMap((r, i) => (r.count !== null ? [i] : []));
  return {
    countKeys: ['count'],
    derivedKeys: { count: RANK_DERIVED },
    relations: [columnSum('count', rows.length, parts)],
    trueValue: (row) => truth(row),
    noteKey: 'note',
    rerank: { key: 'rank', orderKey: 'region_code' },
  };
}

/** What a growth row computes from each of its two counts. */
const GROWTH_COMMON = ['change', 'change_pct', 'cagr_pct', 'rate_ratio', 'ratio_lower', 'ratio_upper', 'significant'];

/**
 * A growth table: per row end = base + change, and Riket's base, end and change are the sums of
 * the regions' (of those with both years when the national row is computed).
 */
export function growthSpec(rows: readonly Row[], baseCounts: ReadonlyMap<string, CountCell>, endCounts: ReadonlyMap<string, CountCell>): DisclosureSpec {
  const reported = baseCounts.has(NATIONAL_CODE) || endCounts.has(NATIONAL_CODE);
  const both = (r: Row) => r.base_count !== null && r.count !== null;
  const member = (key: string) => rows.flatMap((r, i) => (r[key] !== null && (reported || both(r)) ? [i] : []));
  const national = rows.length;
  const relations: Relation[] = [...rows, null].map((_, i) => ({ total: cellRef(i, 'count'), parts: [cellRef(i, 'base_count'), cellRef(i, 'change')] }));
  relations.push(columnSum('base_count', national, member('base_count')), columnSum('count', national, member('count')));
  relations.push({ total: cellRef(national, 'change'), parts: rows.flatMap((r, i) => (both(r) ? [cellRef(i, 'change')] : [])) });
  const inBoth = rows.filter(both);
  const truthOf =
    (counts: ReadonlyMap<string, CountCell>, key: string) =>
    (row: Row): number | null => {
      const code = textCell(row, 'region_code');
      if (code !== NATIONAL_CODE || counts.has(NATIONAL_CODE)) return counts.get(code)?.value ?? null;
      return row[key] === null ? null : inBoth.reduce((s, r) => s + (counts.get(textCell(r, 'region_code'))?.value ?? 0), 0);
    };
  const base = truthOf(baseCounts, 'base_count');
  const end = truthOf(endCounts, 'count');
  return {
    countKeys: ['base_count', 'count'],
    derivedKeys: { base_count: ['base_rate', ...GROWTH_COMMON], count: ['rate', ...GROWTH_COMMON] },
    relations,
    trueValue: (row, key) => (key === 'base_count' ? base(row) : end(row)),
    zeroBaseKey: 'base_count',
    noteKey: 'note',
  };
}

/** A shares table: every row's total is the same figure, the sum of the rows' counts. */
export function shareSpec(rows: readonly Row[], trueParts?: readonly number[]): DisclosureSpec {
  const idOf = (i: number, key: string) => (key === 'total' ? 'total' : cellRef(i, key));
  const trueTotal = trueParts?.reduce((s, v) => s + v, 0);
  return {
    ...(trueParts ? { trueValue: (row: Row, key: string) => (key === 'total' ? trueTotal : trueParts[rows.indexOf(row)]) } : {}),
    countKeys: ['count', 'total'],
    derivedKeys: { count: ['share_pct', 'share_lower', 'share_upper'], total: ['share_pct', 'share_lower', 'share_upper'] },
    relations: [{ total: 'total', parts: rows.map((_, i) => idOf(i, 'count')), nonNegative: true }],
    cellId: idOf,
  };
}

/** What a unit's row computes from its counts (rank --by). */
const UNIT_DERIVED = ['rank', 'proportion_pct', 'lower', 'upper', 'vs_overall', 'funnel_95_lower', 'funnel_95_upper', 'funnel_998_lower', 'funnel_998_upper', 'funnel'];

/**
 * Units ranked by count, or by proportion numerator ÷ denominator (rank --by), with the overall
 * row apart = Σ units. For a proportion the people counted in the denominator but not in the
 * numerator are a count too (98 of 100 tells of 2): a numerator is taken as small when either it
 * or that complement is, which can only hide more.
 */
export function unitRankSpec(rows: readonly Row[], truth: ReadonlyMap<string, { numerator: number; denominator?: number }>, proportions: boolean): DisclosureSpec {
  const overall = rows.length;
  const all = rows.map((_, i) => i);
  // The overall row is the one apart, whatever its label (a unit may be called "Total").
  const unitOf = (row: Row) => (rows.includes(row) ? truth.get(textCell(row, 'unit')) : undefined);
  const whole = { numerator: 0, denominator: 0 };
  for (const u of truth.values()) {
    whole.numerator += u.numerator;
    whole.denominator += u.denominator ?? 0;
  }
  const small = (u: { numerator: number; denominator?: number }) => Math.min(u.numerator, (u.denominator ?? 0) - u.numerator);
  if (!proportions) {
    return {
      countKeys: ['count'],
      derivedKeys: { count: ['rank', 'lower', 'upper'] },
      relations: [columnSum('count', overall, all)],
      trueValue: (row) => (unitOf(row) ?? whole).numerator,
      rerank: { key: 'rank', orderKey: 'unit' },
    };
  }
  return {
    countKeys: ['numerator', 'denominator'],
    derivedKeys: { numerator: UNIT_DERIVED, denominator: UNIT_DERIVED },
    relations: [columnSum('numerator', overall, all), columnSum('denominator', overall, all)],
    trueValue: (row, key) => {
      const u = unitOf(row) ?? whole;
      return key === 'numerator' ? small(u) : (u.denominator ?? null);
    },
    noteKey: 'note',
    rerank: { key: 'rank', orderKey: 'unit' },
  };
}
