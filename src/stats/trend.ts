import { linearRegression } from 'simple-statistics';

export interface LogLinearFit {
  /** Fitted growth per year in percent: (e^b − 1) × 100. */
  annualGrowthPct: number;
  /** Years for the fitted series to double, ln 2 / b; null when it does not grow. */
  doublingYears: number | null;
  slope: number;
  intercept: number;
}

/**
 * Least-squares fit of ln(value) = a + b·year: steady exponential growth, its annual rate and
 * doubling time. Needs two or more positive values.
 * @example logLinearFit([2018, 2020, 2022], [5000, 25000, 60000]) // annualGrowthPct 86.1, doublingYears 1.12
 */
export function logLinearFit(years: readonly number[], values: readonly number[]): LogLinearFit {
  if (years.length !== values.length || years.length < 2) throw new RangeError('logLinearFit: need two or more points');
  if (values.some((v) => !(v > 0))) throw new RangeError('logLinearFit: values must be positive');
  if (new Set(years).size < 2) throw new RangeError('logLinearFit: need two different years');
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- years and values have one length (checked above).
  const { m, b } = linearRegression(years.map((y, i) => [y, Math.log(values[i]!)]));
  return { slope: m, intercept: b, annualGrowthPct: (Math.exp(m) - 1) * 100, doublingYears: m > 0 ? Math.LN2 / m : null };
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of a series, scaled from its minimum to its maximum; missing values are spaces.
 * @example sparkline([1, 5, 3]) // '▁█▅'
 */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return '';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values.map((v) => (v === null ? ' ' : BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])).join('');
}
