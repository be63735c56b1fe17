import type { Relation } from '../../../src/stats/disclosure.js';

/**
 * An independent check of disclosure for the property tests: rank of a matrix by floating-point
 * elimination with partial pivoting — a different method from the exact elimination under test.
 */
function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < 1e-9) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i]![c]! / m[r]![c]!;
      for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/**
 * The hidden cells determined by the relations: x is determined exactly when no change to the
 * hidden cells that keeps every relation true can move it — when dropping x's column lowers the rank.
 */
export function determinedByRank(relations: readonly Relation[], hidden: ReadonlySet<string>): string[] {
  const unknowns = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]))].filter((id) => hidden.has(id));
  const matrix = relations.map((rel) => unknowns.map((u) => (u === rel.total ? 1 : 0) - rel.parts.filter((p) => p === u).length));
  if (!matrix.length || !unknowns.length) return [];
  const full = rank(matrix);
  return unknowns.filter((_, j) => rank(matrix.map((row) => row.filter((__, k) => k !== j))) < full);
}
