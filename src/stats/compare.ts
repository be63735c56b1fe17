/** How a unit compares with a benchmark (usually the national rate). */
export type Comparison = 'higher' | 'similar' | 'lower';

/**
 * Compares a unit's confidence interval with a benchmark value, as public-health profiles do:
 * 'higher' when the whole interval lies above the benchmark, 'lower' when below, otherwise
 * 'similar' (the difference could be chance at this confidence level).
 * @example compareWithBenchmark(657.7, 686.0, 517.5) // 'higher'
 */
export function compareWithBenchmark(lower: number, upper: number, benchmark: number): Comparison {
  if (lower > benchmark) return 'higher';
  if (upper < benchmark) return 'lower';
  return 'similar';
}
