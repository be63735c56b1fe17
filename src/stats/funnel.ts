import { regularizedGammaP } from './gamma.js';
import { poissonInterval, type Interval } from './poisson.js';

/** The two control levels of a funnel plot: 95% (about 2 SD) and 99.8% (about 3 SD). */
export const FUNNEL_LEVELS = [0.95, 0.998] as const;

/** Where a unit lies against the funnel, the stricter limit first (PHEindicatormethods' five levels). */
export type FunnelLabel = 'above 99.8%' | 'above 95%' | 'below 99.8%' | 'below 95%' | 'within';

/**
 * Where a rate lies in a funnel plot, as PHEindicatormethods' `assign_funnel_significance`
 * (statistic "rate", rate_type "crude") decides it: the observed count O is judged against the
 * target — the region's confidence interval for O by PHE's rule (exact Poisson below 10, Byar
 * from 10; `funnel_ratio_significance`), divided by the population, against the target rate per
 * person. 'above 99.8%' when even the 99.8% lower limit lies above the target, and so on. A
 * count of 0 is never 'above'; it is 'below' only when the target predicts enough events that
 * seeing none is unlikely (E = target × population above −ln(α/2): 3.69 at 95%, 6.91 at 99.8%).
 * @example rateFunnelSignificance(0, 1000, 0.005) // 'below 95%' (E = 5 > 3.69, < 6.91)
 */
export function rateFunnelSignificance(count: number, population: number, target: number): FunnelLabel {
  if (!Number.isInteger(count) || count < 0 || !(population > 0) || !(target >= 0)) {
    throw new RangeError(`rateFunnelSignificance: need a whole count >= 0, population > 0, target >= 0 (count=${count}, population=${population}, target=${target})`);
  }
  const [level95, level998] = FUNNEL_LEVELS;
  const i95 = poissonInterval(count, level95, 'phe');
  const i998 = poissonInterval(count, level998, 'phe');
  if (target < i998.lower / population) return 'above 99.8%';
  if (target < i95.lower / population) return 'above 95%';
  if (target > i998.upper / population) return 'below 99.8%';
  if (target > i95.upper / population) return 'below 95%';
  return 'within';
}

/**
 * Funnel-plot control limits for a rate at one population (Spiegelhalter 2005), as the curves of
 * PHEindicatormethods' `calculate_funnel_limits` (statistic "rate") with `poisson_funnel`: with
 * E = target × population expected events, the upper limit is O/population for the count O whose
 * exact lower confidence limit equals E (Gamma(O) α/2-quantile = E), the lower limit O/population
 * for the O whose exact upper limit equals E (Gamma(O + 1) (1−α/2)-quantile = E), or 0 when even
 * O = 0 is not unlikely. PHE evaluates the curve at whole numbers of events; here O runs over the
 * reals, so the curve passes through PHE's points and is smooth between them. A count lies above
 * the upper curve exactly when its exact lower limit exceeds E. Rates per `per`.
 * @example rateFunnelLimits(517.47, 57255, 100000, 0.95) // { lower: 459.0, upper: 577.0 }
 */
export function rateFunnelLimits(targetRate: number, population: number, per: number, level: number): Interval {
  if (!(population > 0) || !(targetRate >= 0) || !(per > 0)) throw new RangeError('rateFunnelLimits: need population > 0, per > 0 and target >= 0');
  if (!(level > 0 && level < 1)) throw new RangeError(`rateFunnelLimits: level must be between 0 and 1 (got ${level})`);
  const expected = (targetRate * population) / per;
  const tail = (1 - level) / 2;
  const scale = per / population;
  // P(a, E) falls as the shape a grows, so each limit is the root of a monotone function of a.
  const upperCount = expected === 0 ? 0 : shapeWhere(expected, tail, 0);
  const lowerCount = regularizedGammaP(1, expected) <= 1 - tail ? 0 : shapeWhere(expected, 1 - tail, 1) - 1;
  return { lower: lowerCount * scale, upper: upperCount * scale };
}

/**
 * The shape a > from with P(a, x) = p, where P is the regularised lower incomplete gamma
 * function (decreasing in a). Bisection: slow but sure, and exact to the last bits that matter.
 */
function shapeWhere(x: number, p: number, from: number): number {
  let lo = from;
  let hi = from + x + 20 * Math.sqrt(x + 1) + 20;
  while (regularizedGammaP(hi, x) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(mid, x) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The target of a funnel for directly standardised rates, as PHEindicatormethods computes its
 * "weighted average" for rate_type "dsr": Σ O ÷ Σ (O ÷ DSR × per), the events over the
 * population each DSR implies, leaving out units with no events (their implied population is
 * unknown). Per person.
 * @example dsrFunnelTarget([{ count: 20, rate: 100 }, { count: 30, rate: 200 }], 100000) // 50 / 35000
 */
export function dsrFunnelTarget(units: readonly { count: number; rate: number }[], per: number): number {
  let events = 0;
  let implied = 0;
  for (const u of units) {
    events += u.count;
    if (u.count > 0) implied += (u.count / u.rate) * per;
  }
  if (!(implied > 0)) throw new RangeError('dsrFunnelTarget: no unit has events');
  return events / implied;
}

/**
 * Where a directly standardised rate lies in a funnel plot, as PHEindicatormethods'
 * `assign_funnel_significance` (statistic "rate", rate_type "dsr"): the total count O against
 * the population the DSR implies (O ÷ DSR × per), by `rateFunnelSignificance`; not applicable
 * (null) below 10 events, where PHE gives no significance for DSRs.
 * @example dsrFunnelSignificance(9, 50, 100000, 0.0005) // null
 */
export function dsrFunnelSignificance(count: number, rate: number, per: number, target: number): FunnelLabel | null {
  if (count < 10) return null;
  return rateFunnelSignificance(count, (count / rate) * per, target);
}

/**
 * Where a value lies against two sets of control limits, the stricter first: 'above 99.8%' beyond
 * the 99.8% upper limit, 'above 95%' beyond the 95% one, likewise below, else 'within'. For limits
 * that are not PHE's (overdispersion-adjusted ones), where the value itself is compared.
 * @example funnelLabelFromLimits(0.9, { lower: 0.7, upper: 0.85 }, { lower: 0.65, upper: 0.92 }) // 'above 95%'
 */
export function funnelLabelFromLimits(value: number, limits95: Interval, limits998: Interval): FunnelLabel {
  if (value > limits998.upper) return 'above 99.8%';
  if (value > limits95.upper) return 'above 95%';
  if (value < limits998.lower) return 'below 99.8%';
  if (value < limits95.lower) return 'below 95%';
  return 'within';
}
