/**
 * Standard competition ranking ("1224"): equal values share the best rank and the next
 * distinct value skips as many places as were shared. Highest value is rank 1. Values are
 * compared exactly; callers round first if ties should be judged at printed precision.
 * @example competitionRanks([30, 20, 20, 10]) // [1, 2, 2, 4]
 */
export function competitionRanks(values: readonly number[]): number[] {
  return competitionRanksBy(values, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A ratio to rank by: numerator ÷ denominator, both finite, the denominator above 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/**
 * Competition ranks of ratios (count ÷ population), highest first, compared exactly: a/b against
 * c/d as a·d against c·b in exact integer arithmetic on the doubles' binary values, so two regions
 * share a rank only when their rates are exactly equal — never because they round alike — and the
 * ranks are the same whatever the rates are later multiplied by (--per).
 * @example competitionRanksOfRatios([{ numerator: 1, denominator: 3 }, { numerator: 2, denominator: 6 }, { numerator: 1, denominator: 2 }]) // [2, 2, 1]
 */
export function competitionRanksOfRatios(ratios: readonly Ratio[]): number[] {
  for (const r of ratios) {
    if (!Number.isFinite(r.numerator) || !(r.denominator > 0) || !Number.isFinite(r.denominator)) {
      throw new RangeError(`competitionRanksOfRatios: need finite numerators and finite denominators > 0 (got ${r.numerator}/${r.denominator})`);
    }
  }
  return competitionRanksBy(ratios, compareRatios);
}

/** −1, 0 or 1 as a/b is below, equal to or above c/d (b, d > 0), exactly. */
export function compareRatios(x: Ratio, y: Ratio): number {
  // whole numbers whose products stay below 2^53 multiply exactly in doubles: no BigInt needed
  const l0 = x.numerator * y.denominator;
  const r0 = y.numerator * x.denominator;
  if (
    Number.isSafeInteger(l0) &&
    Number.isSafeInteger(r0) &&
    Number.isInteger(x.numerator) &&
    Number.isInteger(y.numerator) &&
    Number.isInteger(x.denominator) &&
    Number.isInteger(y.denominator)
  ) {
    return l0 < r0 ? -1 : l0 > r0 ? 1 : 0;
  }
  const left = times(binary(x.numerator), binary(y.denominator));
  const right = times(binary(y.numerator), binary(x.denominator));
  // align the binary exponents, then compare the integers
  const shift = left.exponent - right.exponent;
  const l = shift > 0 ? left.mantissa << BigInt(shift) : left.mantissa;
  const r = shift < 0 ? right.mantissa << BigInt(-shift) : right.mantissa;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A finite double as mantissa × 2^exponent with an integer mantissa: its exact value. */
function binary(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const bits = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  // normal numbers carry an implicit leading 1; subnormals (bits 0) do not
  if (bits !== 0) mantissa |= 1n << 52n;
  return { mantissa: high >>> 31 ? -mantissa : mantissa, exponent: (bits === 0 ? 1 : bits) - 1075 };
}

function times(a: { mantissa: bigint; exponent: number }, b: { mantissa: bigint; exponent: number }) {
  return { mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent };
}

function competitionRanksBy<T>(values: readonly T[], compare: (a: T, b: T) => number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => compare(b.v, a.v) || a.i - b.i);
  const ranks = new Array<number>(values.length);
  order.forEach((entry, pos) => {
    const prev = order[pos - 1];
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- prev comes earlier in `order`, so its rank is set.
    ranks[entry.i] = prev && compare(prev.v, entry.v) === 0 ? ranks[prev.i]! : pos + 1;
  });
  return ranks;
}
