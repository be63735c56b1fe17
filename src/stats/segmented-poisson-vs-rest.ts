import { poissonRegression } from './poisson-regression.js';
import { MIN_YEARS_EACH_SIDE, segmentRow, type BreakPoint } from './segmented-poisson.js';
import { waldRatio, type RatioEstimate } from './wald-ratio.js';

/** A controlled interrupted-time-series fit: one region against the rest of the country. */
export interface ComparativeSegmentedFit {
  breakYear: number;
  /** The region's level change at the break relative to the rest's (ratio of rate ratios). */
  levelChange: RatioEstimate;
  /** The region's slope change relative to the rest's (ratio of the ratios of growth factors). */
  slopeChange: RatioEstimate;
  dispersion: number;
  dfResidual: number;
  /** Fitted counts and the pre-break trend continued, for the region and for the rest, per year. */
  region: { fitted: number[]; counterfactual: number[] };
  rest: { fitted: number[]; counterfactual: number[] };
}

/**
 * One Poisson model for a region and the rest of the country (Riket minus the region) with
 * every term interacted with is_region — count ~ (year + after + years_after) * is_region,
 * offset log(population) — so the region's change is measured against the rest's in the same
 * years (a difference-in-differences on the log scale; Bernal, Cummins & Gasparrini 2018).
 * level_change = e^(after:is_region), slope_change = e^(years_after:is_region), with
 * quasi-Poisson dispersion φ = Pearson χ² / (2n − 8) and Wald limits as R's confint.default.
 * The two series must cover the same years, at least 3 on each side of the break.
 * @example
 * segmentedPoissonVsRest(jonkoping, restOfSweden, 2021).levelChange // { estimate: 1.25, lower: 1.08, upper: 1.44 }
 */
export function segmentedPoissonVsRest(region: readonly BreakPoint[], rest: readonly BreakPoint[], breakYear: number, level = 0.95): ComparativeSegmentedFit {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- rest[i] exists once the lengths are equal, which || checks first.
  if (region.length !== rest.length || region.some((p, i) => p.year !== rest[i]!.year)) throw new RangeError('segmentedPoissonVsRest: the region and the rest need the same years');
  const before = region.filter((p) => p.year < breakYear).length;
  const after = region.length - before;
  if (before < MIN_YEARS_EACH_SIDE || after < MIN_YEARS_EACH_SIDE) {
    throw new RangeError(`segmentedPoissonVsRest: need ${MIN_YEARS_EACH_SIDE} years on each side of ${breakYear} (have ${before} before, ${after} from it)`);
  }
  const all = [...region, ...rest];
  if (all.some((p) => !(p.population > 0))) throw new RangeError('segmentedPoissonVsRest: populations must be > 0');
  // Columns: 1, year, after, years_after, is_region, and the three terms × is_region.
  const row = (p: BreakPoint, isRegion: number) => {
    const base = segmentRow(p.year, breakYear);
    return [...base, isRegion, ...base.slice(1).map((v) => v * isRegion)];
  };
  const x = [...region.map((p) => row(p, 1)), ...rest.map((p) => row(p, 0))];
  const fit = poissonRegression(
    x,
    all.map((p) => p.count),
    all.map((p) => Math.log(p.population)),
  );
  const scale = Math.sqrt(fit.dispersion);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- k is one of the design's terms, which the fit has a coefficient and a variance for.
  const ratio = (k: number) => waldRatio(fit.coefficients[k]!, Math.sqrt(fit.unscaledCovariance[k]![k]!) * scale, level);
  const b = fit.coefficients;
  const n = region.length;
  const counterfactual = (series: readonly BreakPoint[], isRegion: number) =>
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the design has eight terms, so eight coefficients.
    series.map((p) => Math.exp(b[0]! + b[1]! * (p.year - breakYear) + isRegion * (b[4]! + b[5]! * (p.year - breakYear)) + Math.log(p.population)));
  return {
    breakYear,
    levelChange: ratio(6),
    slopeChange: ratio(7),
    dispersion: fit.dispersion,
    dfResidual: fit.dfResidual,
    region: { fitted: fit.fitted.slice(0, n), counterfactual: counterfactual(region, 1) },
    rest: { fitted: fit.fitted.slice(n), counterfactual: counterfactual(rest, 0) },
  };
}
