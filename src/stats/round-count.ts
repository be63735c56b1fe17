/**
 * A count rounded to the nearest multiple of `base`, halves up (conventional rounding, as
 * official statistics use it to blur small differences). A base of 0 or 1 leaves the count as it is.
 * @example roundCount(7, 5) // 5
 * @example roundCount(8, 5) // 10
 * @example roundCount(2, 5) // 0
 */
export function roundCount(value: number, base: number): number {
  if (!Number.isInteger(base) || base < 0) throw new RangeError(`rounding base must be a whole number ≥ 0, got ${base}`);
  if (base <= 1) return value;
  return Math.floor(value / base + 0.5) * base;
}
