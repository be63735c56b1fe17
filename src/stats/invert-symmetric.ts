/**
 * The inverse of a symmetric positive-definite matrix by Cholesky decomposition (A = L·Lᵀ,
 * then A⁻¹ = L⁻ᵀ·L⁻¹) — for the small information matrices of a regression (4 or 8 terms).
 * Throws when the matrix is not positive definite: the terms cannot all be estimated
 * (a term is constant or a copy of others), which is a problem to report, not to guess through.
 * @example invertSymmetric([[4, 2], [2, 3]]) // [[0.375, -0.25], [-0.25, 0.5]]
 */
export function invertSymmetric(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  if (a.some((row) => row.length !== n)) throw new RangeError('invertSymmetric: the matrix must be square');
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- a Cholesky kernel: every index below is a loop
     variable in [0, n), and `a` (checked above) and the matrices built here are all n × n. */
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j]![k]! ** 2;
    // Relative to the diagonal's scale: a pivot this small means the columns are dependent.
    if (!(d > 1e-12 * Math.abs(a[j]![j]!)) || !Number.isFinite(d)) throw new RangeError('invertSymmetric: the matrix is not positive definite (the terms are not all estimable)');
    l[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / l[j]![j]!;
    }
  }
  // L⁻¹, lower triangular, by forward substitution.
  const li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    li[j]![j] = 1 / l[j]![j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i]![k]! * li[k]![j]!;
      li[i]![j] = s / l[i]![i]!;
    }
  }
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k]![i]! * li[k]![j]!;
      out[i]![j] = s;
      out[j]![i] = s;
    }
  }
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  return out;
}
