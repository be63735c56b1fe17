import { poissonRegression } from './poisson-regression.js';
import { waldRatio, type RatioEstimate } from './wald-ratio.js';

/** One year of a series for a break analysis. */
export interface BreakPoint {
  year: number;
  count: number;
  population: number;
}

/** An interrupted-time-series fit of one series at a break year. */
export interface SegmentedFit {
  breakYear: number;
  /** Rate ratio at the break: the level from the break year on against the pre-break trend continued. */
  levelChange: RatioEstimate;
  /** Ratio of the yearly growth factors after and before the break. */
  slopeChange: RatioEstimate;
  /** The yearly growth factor of the rate before the break. */
  trendBefore: RatioEstimate;
  /** Quasi-Poisson dispersion (Pearson χ² / (n − p)); the limits are widened by its square root. */
  dispersion: number;
  dfResidual: number;
  /** Fitted counts per year. */
  fitted: number[];
  /** The pre-break trend continued: fitted counts without the break terms (equal to fitted before the break). */
  counterfactual: number[];
}

/** At least this many years on each side of a break. */
export const MIN_YEARS_EACH_SIDE = 3;

/**
 * Segmented (interrupted time series) Poisson regression of counts with log(population) as
 * offset — Bernal, Cummins & Gasparrini (2017):
 *   log μ = β₀ + β₁·year + β₂·after + β₃·years_after + log(population),
 * after = 1 from the break year on, years_after = year − break from the break year on (0
 * before). Overdispersion as R's glm(family = quasipoisson): φ = Pearson χ² / (n − 4), and
 * Wald limits exp(β ∓ z·se·√φ) as confint.default. level_change = e^β₂, slope_change = e^β₃.
 * Needs at least 3 years on each side of the break (throws otherwise).
 * @example
 * segmentedPoisson(years.map((year, i) => ({ year, count: counts[i], population: pops[i] })), 2021)
 * // { levelChange: { estimate: 1.21, lower: 1.05, upper: 1.39 }, slopeChange: {…}, dispersion: 1.4, … }
 */
export function segmentedPoisson(points: readonly BreakPoint[], breakYear: number, level = 0.95): SegmentedFit {
  const before = points.filter((p) => p.year < breakYear).length;
  const after = points.length - before;
  if (before < MIN_YEARS_EACH_SIDE || after < MIN_YEARS_EACH_SIDE) {
    throw new RangeError(`segmentedPoisson: need ${MIN_YEARS_EACH_SIDE} years on each side of ${breakYear} (have ${before} before, ${after} from it)`);
  }
  if (points.some((p) => !(p.population > 0))) throw new RangeError('segmentedPoisson: populations must be > 0');
  // Time is centred on the break year: the same slopes and ratios as raw years, better conditioned.
  const x = points.map((p) => segmentRow(p.year, breakYear));
  const fit = poissonRegression(
    x,
    points.map((p) => p.count),
    points.map((p) => Math.log(p.population)),
  );
  const scale = Math.sqrt(fit.dispersion);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- k is one of the design's terms, which the fit has a coefficient and a variance for.
  const ratio = (k: number) => waldRatio(fit.coefficients[k]!, Math.sqrt(fit.unscaledCovariance[k]![k]!) * scale, level);
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the design has four terms, so four coefficients.
  const [b0, b1] = fit.coefficients as [number, number];
  return {
    breakYear,
    levelChange: ratio(2),
    slopeChange: ratio(3),
    trendBefore: ratio(1),
    dispersion: fit.dispersion,
    dfResidual: fit.dfResidual,
    fitted: fit.fitted,
    counterfactual: points.map((p) => Math.exp(b0 + b1 * (p.year - breakYear) + Math.log(p.population))),
  };
}

/** The design row [1, year, after, years_after] with year counted from the break. */
export function segmentRow(year: number, breakYear: number): number[] {
  const after = year >= breakYear ? 1 : 0;
  return [1, year - breakYear, after, after * (year - breakYear)];
}
