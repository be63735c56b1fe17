import { mean, sampleStandardDeviation } from 'simple-statistics';

export interface Spread {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  /** Coefficient of variation: sd / mean. */
  cv: number;
  /** max / min; Infinity when the minimum is 0. */
  maxMinRatio: number;
}

/**
 * The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R and NumPy), for 0 <= p <= 1 and values sorted ascending.
 * @example quantile7([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile7: no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- for 0 <= p <= 1, 0 <= lo <= hi <= length - 1.
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * How unequal a measure is across units — the "unequal access" numbers: range, quartiles,
 * coefficient of variation and the ratio of highest to lowest.
 * @example spread([1, 2, 3, 4]) // { n: 4, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4, maxMinRatio: 4, … }
 */
export function spread(values: readonly number[]): Spread {
  if (values.length < 2) throw new RangeError('spread: need at least two values');
  const sorted = [...values].sort((a, b) => a - b);
  const m = mean(sorted);
  const sd = sampleStandardDeviation(sorted);
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- at least two values (checked above). */
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  return {
    n: sorted.length,
    min,
    q1: quantile7(sorted, 0.25),
    median: quantile7(sorted, 0.5),
    q3: quantile7(sorted, 0.75),
    max,
    mean: m,
    sd,
    cv: m === 0 ? NaN : sd / m,
    maxMinRatio: min === 0 ? Infinity : max / min,
  };
}
