import type { CountCell } from './select.js';
import { rankRows, type NationalRow, type RankedRegion, type RankInput } from './ranking.js';
import { protectTable, roundCells, ruleActive, type PublishRule } from './publish.js';
import { rankSpec } from './publish-specs.js';
import type { CellTable, Protected } from './cells.js';

/** A ranking with the publishing rule applied: the protected table and what rankRows says besides. */
export type ProtectedRanking = Omit<ReturnType<typeof rankRows>, 'rows'> & { table: CellTable & Protected & { rows: RankedRegion[]; apart: NationalRow[] } };

/**
 * Ranks the regions and applies the rule (rank, funnel). Rates come from the counts as shown
 * (rounded with --round-counts); which counts are hidden is decided on the true counts of the
 * whole country. The overdispersion estimate (φ, τ²) is a sum over the regions, so with a hidden
 * count in it a reader could solve for that count, and the rank intervals simulate every region
 * against the others: the ranking is then made again with the hidden regions left out of both
 * (they are hidden either way, so the second pass hides the same cells). `decorate` adds columns computed from each row before the rule hides them.
 */
export function protectedRanking(
  input: RankInput,
  trueCounts: ReadonlyMap<string, CountCell>,
  rule: PublishRule,
  decorate?: (rows: RankedRegion[], national: NationalRow) => void,
): ProtectedRanking {
  const once = (hiddenRegions?: ReadonlySet<string>) => {
    const ranked = rankRows({ ...input, counts: roundCells(input.counts, rule), ...(hiddenRegions ? { hiddenRegions } : {}) });
    decorate?.(ranked.rows, ranked.national);
    const table = protectTable({ rows: ranked.rows, apart: [ranked.national], notes: [] }, rankSpec(ranked.rows, trueCounts), rule);
    return { ...ranked, table };
  };
  const first = once();
  if (!ruleActive(rule) || (!first.dispersion && !input.rankInterval)) return first;
  const hidden = new Set(first.table.rows.filter((r) => isHidden(r.count_status)).map((r) => r.region_code));
  return hidden.size ? once(hidden) : first;
}

export const isHidden = (status: unknown): boolean => status === 'suppressed-primary' || status === 'suppressed-secondary';
