import { FUNNEL_LEVELS, rateFunnelLimits } from './funnel.js';
import { overdispersedRatioLimits, type OverdispersionKind } from './overdispersion.js';

/** The 95% and 99.8% limits at one population, rates per `per`. */
export interface FunnelCurvePoint {
  population: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * The funnel's limits along the population axis, for drawing: at `steps` + 1 evenly spaced
 * populations from `to`/`steps` to `to`, around `targetRate` per `per` — PHE's Poisson curves
 * (`rateFunnelLimits`) or, with an adjustment, Spiegelhalter's overdispersed limits on O/E times
 * the target.
 * @example funnelCurve(517.5, 100000, 2000000, 200) // 201 points, the first at 10 000 inhabitants
 */
export function funnelCurve(targetRate: number, per: number, to: number, steps: number, adjustment?: { kind: OverdispersionKind; phi: number; tau2: number }): FunnelCurvePoint[] {
  if (!(to > 0) || !(targetRate > 0) || !(per > 0) || !Number.isInteger(steps) || steps < 1)
    throw new RangeError('funnelCurve: need to > 0, target > 0, per > 0 and whole steps >= 1');
  const [level95, level998] = FUNNEL_LEVELS;
  const out: FunnelCurvePoint[] = [];
  for (let i = 1; i <= steps; i++) {
    const population = (to * i) / steps;
    const limits = (level: number) => {
      if (!adjustment) return rateFunnelLimits(targetRate, population, per, level);
      const l = overdispersedRatioLimits((targetRate * population) / per, level, adjustment);
      return { lower: l.lower * targetRate, upper: l.upper * targetRate };
    };
    const l95 = limits(level95);
    const l998 = limits(level998);
    out.push({ population, lower95: l95.lower, upper95: l95.upper, lower998: l998.lower, upper998: l998.upper });
  }
  return out;
}
