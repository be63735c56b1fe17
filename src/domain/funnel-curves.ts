import { funnelCurve, type FunnelCurvePoint } from '../stats/funnel-curve.js';
import type { OverdispersionKind } from '../stats/overdispersion.js';

/**
 * The funnel curves already drawn, by their inputs: a curve is 240 points of bisection over the
 * incomplete gamma function (tens of milliseconds), and a report draws one per method, a funnel
 * command one, with the same national rate and population axis run after run in one process
 * (tests, a report after a rank). The key holds every input exactly; the points are frozen, so
 * no caller can change what the next one is given. Pure, as stats/ is: only the time differs.
 */
const drawn = new Map<string, readonly FunnelCurvePoint[]>();
/** Curves kept; beyond this the oldest is dropped (a run draws a handful). */
const KEEP = 64;

/** A number as a key: every double its own text (String is exact for finite numbers), −0 apart from 0. */
const exact = (n: number) => (Object.is(n, -0) ? '-0' : String(n));

/** {@link funnelCurve}, computed once per distinct set of inputs: an array of its own, frozen points. */
export function funnelCurveOf(
  targetRate: number,
  per: number,
  to: number,
  steps: number,
  adjustment?: { kind: OverdispersionKind; phi: number; tau2: number },
): FunnelCurvePoint[] {
  const key = [targetRate, per, to, steps].map(exact).join(' ') + (adjustment ? ` ${adjustment.kind} ${exact(adjustment.phi)} ${exact(adjustment.tau2)}` : '');
  let curve = drawn.get(key);
  if (!curve) {
    curve = funnelCurve(targetRate, per, to, steps, adjustment).map((p) => Object.freeze(p));
    if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value ?? key);
    drawn.set(key, curve);
  }
  return [...curve];
}
