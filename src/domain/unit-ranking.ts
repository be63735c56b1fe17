import type { Protected, Row } from './cells.js';
import type { Made } from './provenance.js';
import { protectTable, type PublishRule } from './publish.js';
import { unitRankSpec } from './publish-specs.js';
import { compareWithBenchmark, type Comparison } from '../stats/compare.js';
import { proportionFunnelLimits, proportionFunnelSignificance } from '../stats/funnel-proportion.js';
import { exactPoissonInterval } from '../stats/poisson.js';
import { competitionRanksOfRatios, type Ratio } from '../stats/rank.js';
import { roundCount } from '../stats/round-count.js';
import { wilsonInterval } from '../stats/wilson.js';
import { msg, type Message, type Text } from '../messages/index.js';

/**
 * Units other than regions ranked (`rank --by COLUMN`): a proportion per unit from numerator
 * and denominator columns with Wilson intervals and funnel limits around the overall
 * proportion, or counts with exact Poisson intervals. Rows are cells under the machine formats'
 * keys, as the publishing rules read them; a rule may blank any count or figure made from one (null).
 */

/** A unit's totals as read (ingest/units.ts): its count or numerator, and its denominator when the file has one. */
export interface UnitCounts {
  unit: string;
  numerator: number;
  denominator?: number;
}

/** One unit ranked by its proportion numerator ÷ denominator, in percent. */
export type UnitProportionRow<Unit extends Text = string> = Row & {
  rank: number | null;
  /** The unit as the input names it; the overall row's is a message (cell.units-overall). */
  unit: Unit;
  numerator: number | null;
  denominator: number | null;
  proportion_pct: number | null;
  lower: number | null;
  upper: number | null;
  /** higher / lower / similar than the overall proportion, by the interval; null when it cannot say. */
  vs_overall: Comparison | null;
  /** A catalogue message (machine formats write its English), or '' for none. */
  note: Message | '';
};

/** One unit ranked by its count, with the count's exact Poisson interval. */
export type UnitCountRow<Unit extends Text = string> = Row & {
  rank: number | null;
  /** The unit as the input names it; the total row's is a message (cell.units-total). */
  unit: Unit;
  count: number | null;
  lower: number | null;
  upper: number | null;
};

/** The ranked rows and the overall row apart: proportions when every unit has a denominator, counts otherwise. */
export type UnitRanking =
  { kind: 'proportion'; rows: UnitProportionRow[]; overall: UnitProportionRow<Text> } | { kind: 'count'; rows: UnitCountRow[]; overall: UnitCountRow<Text> };

/** What `rank --by COLUMN` computes, ready for render/units.ts. */
export type UnitRankResult = UnitRanking &
  Protected & {
    /** The column whose values are the units. */
    by: string;
    /** What is ranked: numerator ÷ denominator columns, a count column added up, or the rows counted. */
    of: { numerator: string; denominator: string } | { count: string } | 'rows';
    /** The filters the reader applied ("year = 2024"), for the title. */
    filtered: string[];
    /** The confidence level of the intervals (0.95 …). */
    level: number;
    funnel: boolean;
    notes: Text[];
    made: Made;
  };

/** A unit's proportion from a denominator below this is flagged as unstable. */
const UNSTABLE_BELOW = 10;

/** Units ranked by proportion (numerator/denominator) when every unit has a denominator, by count otherwise. Pure. */
export function rankUnits(units: readonly UnitCounts[], level = 0.95, funnel = false): UnitRanking {
  const measured = units.flatMap((u) => (u.denominator === undefined ? [] : [{ ...u, denominator: u.denominator }]));
  if (measured.length === units.length) {
    const num = measured.reduce((s, u) => s + u.numerator, 0);
    const den = measured.reduce((s, u) => s + u.denominator, 0);
    const target = den > 0 ? num / den : 0;
    const ranked = measured.map((u) => {
      const ci = u.denominator > 0 ? wilsonInterval(u.numerator, u.denominator, level) : undefined;
      const p = u.denominator > 0 ? (u.numerator / u.denominator) * 100 : null;
      const row: UnitProportionRow = {
        rank: null,
        unit: u.unit,
        numerator: u.numerator,
        denominator: u.denominator,
        proportion_pct: p,
        lower: ci ? ci.lower * 100 : null,
        upper: ci ? ci.upper * 100 : null,
        vs_overall: ci ? compareWithBenchmark(ci.lower, ci.upper, target) : null,
        note: u.denominator === 0 ? msg('cell.denominator-zero') : u.denominator < UNSTABLE_BELOW ? msg('cell.denominator-small', { n: UNSTABLE_BELOW }) : '',
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
      return { row, ratio: p === null ? null : { numerator: u.numerator, denominator: u.denominator } };
    });
    const ci = den > 0 ? wilsonInterval(num, den, level) : undefined;
    return {
      kind: 'proportion',
      rows: rank(ranked),
      overall: {
        rank: null,
        unit: msg('cell.units-overall'),
        numerator: num,
        denominator: den,
        proportion_pct: den > 0 ? target * 100 : null,
        lower: ci ? ci.lower * 100 : null,
        upper: ci ? ci.upper * 100 : null,
        vs_overall: null,
        note: '',
      },
    };
  }
  const ranked = units.map((u) => {
    const ci = Number.isInteger(u.numerator) ? exactPoissonInterval(u.numerator, level) : undefined;
    const row: UnitCountRow = { rank: null, unit: u.unit, count: u.numerator, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
    return { row, ratio: { numerator: u.numerator, denominator: 1 } };
  });
  const total = units.reduce((s, u) => s + u.numerator, 0);
  return { kind: 'count', rows: rank(ranked), overall: { rank: null, unit: msg('cell.units-total'), count: total, lower: null, upper: null } };
}

/**
 * Competition ranks on the exact value (a proportion as numerator/denominator), never on a
 * rounded one; the rows by rank, the unranked last, ties by unit name (Swedish order).
 */
function rank<R extends Row & { rank: number | null; unit: string }>(entries: readonly { row: R; ratio: Ratio | null }[]): R[] {
  const ranked = entries.flatMap((e) => (e.ratio ? [{ row: e.row, ratio: e.ratio }] : []));
  const ranks = competitionRanksOfRatios(ranked.map((r) => r.ratio));
  ranked.forEach((r, i) => (r.row.rank = ranks[i] ?? null));
  const rankOf = (row: R) => row.rank ?? Infinity;
  return entries.map((e) => e.row).sort((a, b) => rankOf(a) - rankOf(b) || a.unit.localeCompare(b.unit, 'sv'));
}

/** "95%", "99.8%": a confidence level as the provenance names it. */
function percentOf(level: number): string {
  return `${Math.round(level * 1000) / 10}%`;
}

export interface UnitRankInput {
  units: readonly UnitCounts[];
  /** The file the units were read from, for the notes. */
  file: string;
  filtered: string[];
  /** What the reader said about the rows (skipped, filtered …). */
  readNotes: readonly Text[];
  by: string;
  numerator?: string | undefined;
  denominator?: string | undefined;
  count?: string | undefined;
  level: number;
  funnel: boolean;
  rule: PublishRule;
}

/**
 * `rank --by COLUMN` as published: proportions, intervals and ranks from the counts as shown
 * (rounded with --round-counts), the cells to hide decided on the true counts. Pure.
 */
export function unitRankResult(input: UnitRankInput): UnitRankResult {
  const { units, rule, numerator, level, funnel } = input;
  const shownUnits =
    rule.roundTo > 1
      ? units.map((u) => ({
          ...u,
          numerator: roundCount(u.numerator, rule.roundTo),
          ...(u.denominator !== undefined ? { denominator: roundCount(u.denominator, rule.roundTo) } : {}),
        }))
      : units;
  const ranking = rankUnits(shownUnits, level, funnel);
  const truth = new Map(units.map((u) => [u.unit, u]));
  const spec = unitRankSpec(
    ranking.rows,
    truth,
    units.every((u) => u.denominator !== undefined),
  );
  const proportionFunnel = funnel && !!numerator;
  const common = {
    by: input.by,
    of: numerator ? { numerator, denominator: input.denominator ?? '' } : input.count ? { count: input.count } : ('rows' as const),
    filtered: input.filtered,
    level,
    funnel,
    made: {
      population: null,
      methods: {
        interval: numerator ? `Wilson score, ${percentOf(level)}` : `exact Poisson, ${percentOf(level)}`,
        ...(proportionFunnel ? { funnel: 'Wilson-score control limits, 95% and 99.8%, around the overall percentage (PHEindicatormethods; Spiegelhalter 2005)' } : {}),
      },
    },
  };
  const notes = (ruleNotes: readonly Text[]): Text[] => [
    msg('note.data', { source: input.file }),
    numerator ? msg('note.units-percent') : msg('note.units-counts'),
    ...(proportionFunnel ? [msg('note.units-funnel')] : []),
    ...input.readNotes,
    ...ruleNotes,
  ];
  const protectedPart = (t: Protected) => ({ ...(t.hidden ? { hidden: t.hidden } : {}), ...(t.statusKeys ? { statusKeys: t.statusKeys } : {}) });
  if (ranking.kind === 'proportion') {
    const table = protectTable({ rows: ranking.rows, apart: [ranking.overall], notes: [] }, spec, rule);
    return { kind: 'proportion', rows: table.rows, overall: ranking.overall, ...protectedPart(table), ...common, notes: notes(table.notes) };
  }
  const table = protectTable({ rows: ranking.rows, apart: [ranking.overall], notes: [] }, spec, rule);
  return { kind: 'count', rows: table.rows, overall: ranking.overall, ...protectedPart(table), ...common, notes: notes(table.notes) };
}
