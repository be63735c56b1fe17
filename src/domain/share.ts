import { dataError } from '../errors.js';
import { msg, sexWord, type Text } from '../messages/index.js';
import { roundCount } from '../stats/round-count.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { Interval } from '../stats/poisson.js';
import type { Protected, Row } from './cells.js';
import type { Observation } from './observation.js';
import type { Made } from './provenance.js';
import { protectTable, type PublishRule } from './publish.js';
import { shareSpec } from './publish-specs.js';
import type { Region, RegionIndex } from './regions.js';
import { nationalCount, selectCounts } from './select.js';

/**
 * A group's share of the total, keyed by the documented machine keys: the count, the total (the
 * same figure in every row), the share in percent and its Wilson interval. A publishing rule may
 * blank any count or share (null).
 */
export type ShareRow = Row & {
  group: string;
  count: number | null;
  total: number | null;
  share_pct: number | null;
  share_lower: number | null;
  share_upper: number | null;
};

/** The regional dimensions share splits by, besides any column of an input (`--by COLUMN`). */
export type ShareDimension = 'method' | 'sex' | 'region';

/** What the groups of a shares table are. */
export type ShareGroups =
  /** Methods, sexes or regions of one year: of all methods or of `method`, nationally or `within` some regions. */
  | { by: ShareDimension; year: number; method?: string; within: string[] }
  /** The values of a column of the input (`--by COLUMN`), adding up `counted` (or the rows), after `filters`. */
  | { by: 'column'; column: string; counted?: string; filters: string[] };

/**
 * What `share` computes, ready for render/share.ts: the groups' shares as published (a rule's
 * hidden cells null and listed), what they are shares of, the notes and how they were made.
 */
export interface ShareResult extends Protected {
  groups: ShareGroups;
  rows: ShareRow[];
  notes: Text[];
  made: Made;
}

/** How every share is made. */
export const SHARE_MADE: Made = { population: null, methods: { interval: 'Wilson score, 95%' } };

/**
 * Share rows from (group, count) pairs, with 95% Wilson intervals. Pure.
 *
 * @example shareRows([{ group: 'a', count: 1 }, { group: 'b', count: 3 }])[1].share_pct // 75
 */
export function shareRows(parts: readonly { group: string; count: number }[], level = 0.95): ShareRow[] {
  const total = parts.reduce((s, p) => s + p.count, 0);
  return parts.map((p) => shareRow(p.group, p.count, total, total > 0 ? wilsonInterval(p.count, total, level) : undefined));
}

/** One group's row: its share of `total` in per cent, and its interval when there is one. */
function shareRow(group: string, count: number, total: number, ci: Interval | undefined): ShareRow {
  return {
    group,
    count,
    total,
    share_pct: total > 0 ? (count / total) * 100 : null,
    share_lower: ci ? ci.lower * 100 : null,
    share_upper: ci ? ci.upper * 100 : null,
  };
}

/**
 * Each unit's share of the sum of the units (`share --by COLUMN`), largest first (ties by name);
 * a Wilson interval only where the counts are whole. Pure.
 */
export function unitShares(units: readonly { unit: string; numerator: number }[], level = 0.95): ShareRow[] {
  const total = units.reduce((s, u) => s + u.numerator, 0);
  return [...units]
    .sort((a, b) => b.numerator - a.numerator || a.unit.localeCompare(b.unit, 'sv'))
    .map((u) => {
      const whole = total > 0 && Number.isInteger(u.numerator) && Number.isInteger(total);
      return shareRow(u.unit, u.numerator, total, whole ? wilsonInterval(u.numerator, total, level) : undefined);
    });
}

/** What dimensionShares splits and over which counts. */
export interface DimensionShareInput {
  observations: readonly Observation[];
  regions: RegionIndex;
  /** Record-level data: a group without rows had no treatments. */
  recordLevel: boolean;
  by: ShareDimension;
  year: number;
  /** The methods added up: one (--method) or every method of the data. */
  methods: readonly string[];
  /** --by method or sex: the shares within these regions (none: the whole country). */
  within: readonly Region[];
  /** --by region: the regions shown (none: all); the shares stay shares of the national count. */
  selected: readonly Region[];
  rule: PublishRule;
  /** The input, for an error. */
  source: Text;
}

/**
 * The shares of methods, sexes or regions in one year, as published: shares of the counts as
 * shown (rounded with --round-counts), hidden cells decided on the whole table and its true
 * counts. A group without a complete count stops with a data error naming the groups. Pure.
 */
export function dimensionShares(input: DimensionShareInput, notes: Text[]): Protected & { rows: ShareRow[]; notes: Text[] } {
  const { observations: obs, regions, recordLevel, by, year, methods, within, rule } = input;
  const count = (method: string, sex: 'total' | 'women' | 'men'): number | null => {
    if (within.length === 0) return nationalCount(obs, regions, method, year, sex, recordLevel);
    const counts = selectCounts(obs, { method, year, sex, absentIsZero: recordLevel });
    return sumOrNull(within.map((r) => counts.get(r.code)?.value ?? null));
  };
  const sumOver = (f: (m: string) => number | null) => sumOrNull(methods.map(f));
  const parts: { code?: string; group: string; count: number | null }[] =
    by === 'method'
      ? methods.map((m) => ({ group: m || '(no method)', count: count(m, 'total') }))
      : by === 'sex'
        ? (['women', 'men'] as const).map((sx) => ({ group: sx, count: sumOver((m) => count(m, sx)) }))
        : regions.regions.map((r) => ({
            code: r.code,
            group: r.name,
            count: sumOver((m) => selectCounts(obs, { method: m, year, sex: 'total', absentIsZero: recordLevel }).get(r.code)?.value ?? null),
          }));
  const missing = parts.filter((p) => p.count === null).map((p) => p.group);
  if (missing.length) {
    throw dataError(
      msg('select.incomplete-total', { year, parts: missing.map((m) => (m === 'women' || m === 'men' ? sexWord(m) : m)) }),
      { file: input.source },
      by === 'sex' ? msg('select.incomplete-total-sex.hint') : msg('select.incomplete-total.hint'),
    );
  }
  // Every part has its count (checked above).
  const counted = parts.flatMap((p) => (p.count === null ? [] : [{ ...p, count: p.count }]));
  // Shares and their total come from the counts as shown: rounded ones with --round-counts.
  const all = shareRows(counted.map((p) => ({ group: p.group, count: rule.roundTo > 1 ? roundCount(p.count, rule.roundTo) : p.count })));
  // Shares of the national total first; --by region --region then shows only the chosen regions
  // (suppression is decided on the whole table, so a subset hides at least as much).
  const codes = new Set(input.selected.map((r) => r.code));
  const kept = new Set(all.filter((_, i) => codes.size === 0 || by !== 'region' || codes.has(counted[i]?.code ?? '')));
  const whole = protectTable(
    { rows: all, notes },
    shareSpec(
      all,
      counted.map((p) => p.count),
    ),
    rule,
  );
  return { ...whole, rows: whole.rows.filter((r) => kept.has(r)) };
}

/**
 * The units' shares as published (`share --by COLUMN`): shares of the counts as shown, hidden
 * cells decided on the true counts. The rows are by size, so a hidden row's place would bound
 * its count: hidden rows go last, by name. Pure.
 */
export function columnShares(units: readonly { unit: string; numerator: number }[], rule: PublishRule, notes: Text[]): Protected & { rows: ShareRow[]; notes: Text[] } {
  const rows = unitShares(rule.roundTo > 1 ? units.map((u) => ({ ...u, numerator: roundCount(u.numerator, rule.roundTo) })) : units);
  const truth = new Map(units.map((u) => [u.unit, u.numerator]));
  const table = protectTable(
    { rows, notes },
    shareSpec(
      rows,
      rows.map((r) => {
        const count = truth.get(r.group);
        if (count === undefined) throw new Error(`share: no count for ${r.group}`);
        return count;
      }),
    ),
    rule,
  );
  const hidden = (r: ShareRow) => r.count === null && r.count_status !== 'missing';
  const ordered = [...table.rows.filter((r) => !hidden(r)), ...table.rows.filter(hidden).sort((a, b) => a.group.localeCompare(b.group, 'sv'))];
  return { ...table, rows: ordered };
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
