/**
 * Statistical disclosure control for tables of counts: which cells to hide so that no hidden
 * count can be worked out from what is printed. Pure; cells are named by string ids, and a
 * table's printed additive relations (regions + Riket, women + men = total, change = end − base …)
 * are linear equations between them.
 */

/** A printed additive relation: `total` = Σ `parts`. */
export interface Relation {
  total: string;
  parts: readonly string[];
  /**
   * Every cell of the relation is a count (≥ 0). Then a hidden part is also bounded by what the
   * shown cells leave for the hidden parts together, so that sum must not be small either.
   * False for relations with signed cells (change = end − base).
   */
  nonNegative?: boolean;
}

/**
 * The hidden cells whose value follows from the shown cells through the relations.
 *
 * Each relation total − Σ parts = 0 is one linear equation; shown cells are known constants, the
 * hidden cells the unknowns. A hidden cell x is determined exactly when the unit vector e_x lies
 * in the row space of the equations restricted to the unknowns — whatever the shown values are —
 * which the reduced row echelon form shows as a row with a single non-zero entry. The elimination
 * is in exact integer arithmetic (BigInt), so no rounding can hide or invent a disclosure.
 *
 * @example disclosedCells([{ total: 'R', parts: ['a', 'b', 'c'] }], new Set(['a'])) // ['a']
 * @example disclosedCells([{ total: 'R', parts: ['a', 'b', 'c'] }], new Set(['a', 'b'])) // []
 */
export function disclosedCells(relations: readonly Relation[], hidden: ReadonlySet<string>): string[] {
  const unknowns = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]).filter((id) => hidden.has(id)))];
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: bigint[][] = [];
  for (const rel of relations) {
    const row = new Array<bigint>(unknowns.length).fill(0n);
    const add = (id: string, c: bigint) => {
      const j = column.get(id);
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- j is a column of `unknowns`, and row has one entry per unknown.
      if (j !== undefined) row[j]! += c;
    };
    add(rel.total, 1n);
    for (const p of rel.parts) add(p, -1n);
    if (row.some((v) => v !== 0n)) rows.push(row);
  }
  const reduced = reducedRowEchelon(rows, unknowns.length);
  const out: string[] = [];
  for (const row of reduced) {
    const nonZero = unknowns.filter((_, j) => row[j] !== 0n);
    if (nonZero.length === 1) out.push(...nonZero);
  }
  return out;
}

/**
 * Gauss–Jordan elimination without fractions: rows are scaled, then divided by their gcd. The rows
 * that have a pivot, in pivot order (exported for its tests).
 */
export function reducedRowEchelon(input: bigint[][], width: number): bigint[][] {
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- every row has `width` entries and col < width;
     pivotRow, found and i are indices of existing rows. */
  const rows = input.map((r) => [...r]);
  let pivotRow = 0;
  for (let col = 0; col < width && pivotRow < rows.length; col++) {
    const found = rows.findIndex((r, i) => i >= pivotRow && r[col] !== 0n);
    if (found < 0) continue;
    [rows[pivotRow], rows[found]] = [rows[found]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === pivotRow || rows[i]![col] === 0n) continue;
      const a = pivot[col]!;
      const b = rows[i]![col]!;
      rows[i] = normalise(rows[i]!.map((v, j) => a * v - b * pivot[j]!));
    }
    pivotRow++;
  }
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  return rows.slice(0, pivotRow);
}

function normalise(row: bigint[]): bigint[] {
  let g = 0n;
  for (const v of row) g = gcd(g, v < 0n ? -v : v);
  return g > 1n ? row.map((v) => v / g) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export interface SuppressionInput {
  /** Every count cell the table prints, with its true value (null: missing in the input). */
  counts: ReadonlyMap<string, number | null>;
  relations: readonly Relation[];
  /** Counts below this are hidden (primary suppression); 0 hides nothing. */
  threshold: number;
  /**
   * Further cells hidden whenever a count is hidden (e.g. change = end − base in a growth
   * table), which take part in the relations as unknowns. Keyed by count cell id.
   */
  derived?: ReadonlyMap<string, readonly string[]>;
  /** Counts hidden from the start, e.g. because another table printing them hides them (counted as secondary). */
  forced?: ReadonlySet<string>;
}

export interface SuppressionResult {
  primary: Set<string>;
  secondary: Set<string>;
  /** Every hidden cell: primary, secondary and the cells derived from them. */
  hidden: Set<string>;
}

/**
 * Primary suppression (every count below the threshold) and then secondary suppression: while a
 * hidden cell is determined by the relations, or a relation with a shown total leaves its hidden
 * counts a sum below the threshold (which pins each of them to a small range; two hidden zeros
 * would both be known), hide one more shown count — the smallest in a relation concerned, so
 * as little as possible is lost. Missing counts are treated as known to a reader (they may be
 * published elsewhere), never as protection. Greedy, so not always the fewest cells, but each
 * step hides a cell, so it ends, and it ends only when nothing is disclosed.
 */
export function suppressCells(input: SuppressionInput): SuppressionResult {
  const { counts, relations, threshold } = input;
  const primary = new Set<string>();
  if (threshold > 0) for (const [id, v] of counts) if (v !== null && v < threshold) primary.add(id);
  const secondary = new Set<string>([...(input.forced ?? [])].filter((id) => !primary.has(id) && counts.get(id) != null));
  const hiddenOf = () => {
    const hidden = new Set<string>([...primary, ...secondary]);
    for (const id of [...hidden]) for (const d of input.derived?.get(id) ?? []) hidden.add(d);
    return hidden;
  };
  if (primary.size === 0 && secondary.size === 0) return { primary, secondary, hidden: hiddenOf() };
  // A count that can still be hidden: printed (not missing) and not hidden yet. Derived cells are never picked.
  const shownCount = (id: string, hidden: Set<string>) => counts.get(id) != null && !hidden.has(id);
  const valueOf = (id: string) => counts.get(id) ?? 0;
  for (;;) {
    const hidden = hiddenOf();
    const exposed = new Set(disclosedCells(relations, hidden));
    const concerned = relations.filter((r) => {
      const cells = [r.total, ...r.parts];
      if (cells.some((c) => exposed.has(c))) return true;
      if (!r.nonNegative || hidden.has(r.total)) return false;
      const hiddenParts = r.parts.filter((p) => hidden.has(p));
      return hiddenParts.length > 0 && hiddenParts.reduce((s, p) => s + valueOf(p), 0) < threshold;
    });
    if (!concerned.length) return { primary, secondary, hidden };
    // Parts before totals (a total is the figure people come for), then the smallest value.
    const candidates = concerned.flatMap((r) => [...r.parts.map((id) => ({ id, total: false })), { id: r.total, total: true }]).filter((c) => shownCount(c.id, hidden));
    let pick = candidates.sort((a, b) => Number(a.total) - Number(b.total) || valueOf(a.id) - valueOf(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!pick) {
      // Every count in the concerned relations is hidden already: widen to any relation with a hidden cell.
      const wider = relations
        .filter((r) => [r.total, ...r.parts].some((c) => hidden.has(c)))
        .flatMap((r) => [r.total, ...r.parts])
        .filter((id) => shownCount(id, hidden));
      const id = wider.sort((a, b) => valueOf(a) - valueOf(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
      if (id === undefined) throw new Error('secondary suppression: no shown count left to hide');
      pick = { id, total: false };
    }
    secondary.add(pick.id);
  }
}
