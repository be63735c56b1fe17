/**
 * Standard competition ranking ("1224"): equal values share the best rank and the next
 * distinct value skips as many places as were shared. Highest value is rank 1. Values are
 * compared exactly; callers round first if ties should be judged at printed precision.
 * @example competitionRanks([30, 20, 20, 10]) // [1, 2, 2, 4]
 */
export function competitionRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const ranks = new Array<number>(values.length);
  order.forEach((entry, pos) => {
    const prev = order[pos - 1];
    ranks[entry.i] = prev && prev.v === entry.v ? ranks[prev.i]! : pos + 1;
  });
  return ranks;
}
