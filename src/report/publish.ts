import type { CountCell } from '../domain/select.js';
import { HIDDEN_MARKER, protectTable, type DisclosureSpec, type PublishRule } from '../domain/publish.js';
import { growthSpec, rankSpec } from '../domain/publish-specs.js';
import type { ResultRow } from '../render/model.js';
import type { Row } from '../domain/cells.js';
import type { NationalRow, RankedRegion } from '../domain/ranking.js';
import type { Text } from '../messages/index.js';
import type { GrowthRow } from '../domain/growth-rows.js';

/**
 * Suppression across a report section. The ranking and the growth table print the same
 * report-year counts, so they are protected together: whatever either hides, both hide, until
 * neither table's sums give a hidden count away.
 */
export interface ProtectedSection {
  ranked: RankedRegion[];
  national: NationalRow;
  growth: { rows: GrowthRow[]; national: GrowthRow<Text> };
  /** Hidden cells per row, for the marker in the report's tables. */
  hidden: Map<Row, ReadonlySet<string>>;
}

const copy = <R extends Row>(rows: readonly R[]): R[] => rows.map((r) => ({ ...r }));

/** With `forced` region codes' report-year counts hidden from the start (as secondary suppression). */
function withForced(spec: DisclosureSpec, rows: readonly (NationalRow | GrowthRow<Text>)[], codes: ReadonlySet<string>): DisclosureSpec {
  const idOf = spec.cellId ?? ((i: number, key: string) => `${i}:${key}`);
  const all = [...rows];
  return { ...spec, forced: new Set(all.flatMap((r, i) => (codes.has(r.region_code) ? [idOf(i, 'count')] : []))) };
}

export function protectSection(
  section: Omit<ProtectedSection, 'hidden'>,
  counts: ReadonlyMap<string, CountCell>,
  base: ReadonlyMap<string, CountCell>,
  rule: PublishRule,
): ProtectedSection {
  const hiddenCodes = (rows: readonly (NationalRow | GrowthRow<Text>)[]) =>
    new Set(rows.filter((r) => r.count_status === 'suppressed-primary' || r.count_status === 'suppressed-secondary').map((r) => r.region_code));
  let forced = new Set<string>();
  for (;;) {
    const g = { rows: copy(section.growth.rows), national: { ...section.growth.national } };
    const gAll = [...g.rows, g.national];
    const growth = protectTable({ columns: [], rows: g.rows, apart: [g.national], notes: [] }, withForced(growthSpec(g.rows, base, counts), gAll, forced), rule);
    const r = { ranked: copy(section.ranked), national: { ...section.national } };
    const rAll = [...r.ranked, r.national];
    const fromGrowth = new Set([...forced, ...hiddenCodes(gAll)]);
    const rank = protectTable({ columns: [], rows: r.ranked, apart: [r.national], notes: [] }, withForced(rankSpec(r.ranked, counts), rAll, fromGrowth), rule);
    const fromRank = hiddenCodes([...rank.rows, r.national]);
    const next = new Set([...fromGrowth, ...fromRank]);
    if (next.size === forced.size && [...next].every((c) => forced.has(c))) {
      const hidden = new Map<Row, ReadonlySet<string>>([...(growth.hidden ?? new Map()), ...(rank.hidden ?? new Map())]);
      return { ranked: rank.rows, national: r.national, growth: { rows: growth.rows, national: g.national }, hidden };
    }
    forced = next;
  }
}

/** A row for a report table with its hidden cells (and `also`, columns made from them) showing the marker. */
export function markRow(row: ResultRow, hidden: ReadonlySet<string> | undefined, also: readonly string[] = []): ResultRow {
  if (!hidden?.size) return row;
  return { ...row, ...Object.fromEntries([...hidden, ...also].map((k) => [k, HIDDEN_MARKER])) };
}
