import { dataError } from '../errors.js';
import { msg, type Text } from '../messages/index.js';
import type { FunnelLabel } from '../stats/funnel.js';
import type { FunnelCurvePoint } from '../stats/funnel-curve.js';
import { funnelCurveOf } from './funnel-curves.js';
import type { OverdispersionKind } from '../stats/overdispersion.js';
import type { Value } from './cells.js';
import type { Made } from './provenance.js';
import { HIDDEN_MARKER, ruleActive, type PublishRule } from './publish.js';
import { isHidden, protectedRanking } from './publish-ranking.js';
import type { RankedRegion, RankInput } from './ranking.js';
import { NATIONAL_CODE, type Region } from './regions.js';
import { keepRegions } from './select.js';
import { leftOutNote } from './year-counts.js';

/** One region in a funnel plot: its rate against its population, and where it lies against the limits. */
export interface FunnelPlotPoint {
  /** SCB region code. */
  code: string;
  name: string;
  population: number;
  /** Rate per `per`. */
  rate: number;
  label: FunnelLabel | null;
}

/**
 * What `funnel` computes, ready for render/funnel.ts: the regions' rates against their
 * population, the national rate as the centre line and the 95% and 99.8% limits along the
 * population axis, with what the limits are and what the rule left out as notes.
 */
export interface FunnelPlotResult {
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  year: number;
  per: number;
  /** The national rate per `per`: the centre line. */
  target: number;
  /** What the centre line is: Riket, or the total of the regions. */
  targetLabel: Text;
  points: FunnelPlotPoint[];
  /** The limits at evenly spaced populations, up to a little beyond the largest region. */
  curve: FunnelCurvePoint[];
  /** The limits are widened for this kind of overdispersion (Spiegelhalter 2005); absent: Poisson limits. */
  adjustment?: OverdispersionKind;
  /** Under the chart: what the limits are, the regions a rule left out, rounding. */
  notes: Text[];
  made: Made;
}

/** What funnelPlot needs besides the ranking's input. */
export interface FunnelPlotInput {
  /** The method as the data names it, and as asked (names a file without a method column). */
  method: string;
  asked: string;
  /** --region: the regions drawn (none: all). */
  selected: readonly Region[];
  rule: PublishRule;
  overdispersion?: OverdispersionKind;
  /** The input, for an error. */
  source: Text;
}

/** Populations at which the limits are drawn, from a 240th of the axis to its end. */
const CURVE_STEPS = 240;
/** The axis runs a little past the largest region, so that its point is not on the edge. */
const AXIS_MARGIN = 1.05;

/**
 * The funnel plot of one method and year: the regions ranked (crude rates, exact intervals) with
 * funnel limits, as rank --funnel publishes them — rates from the counts as shown, a region whose
 * count is hidden left out and named. Stops when the national rate is hidden (the centre line
 * would give it away) or is not positive. Pure apart from the population lookups.
 */
export function funnelPlot(ranking: RankInput, o: FunnelPlotInput): Omit<FunnelPlotResult, 'made'> {
  const { rule } = o;
  const { table, national, dispersion } = protectedRanking({ ...ranking, funnel: true, ...(o.overdispersion ? { overdispersion: o.overdispersion } : {}) }, ranking.counts, rule);
  const rows: readonly RankedRegion[] = table.rows;
  if (ruleActive(rule) && national.count_status !== 'shown' && national.count_status !== 'rounded') {
    throw dataError(msg('funnel.national-hidden', { method: o.asked, year: ranking.year, threshold: rule.suppress }), { file: o.source }, msg('funnel.national-hidden.hint'));
  }
  const target = national.rate;
  if (target === null || target === 0) throw dataError(msg('funnel.no-national-rate', { method: o.asked, year: ranking.year }), { file: o.source });
  const chosen = keepRegions(rows, o.selected).filter((r) => r.region_code !== NATIONAL_CODE);
  const points = chosen.flatMap((r): FunnelPlotPoint[] =>
    r.rate === null ? [] : [{ code: r.region_code, name: r.region, population: r.population, rate: r.rate, label: funnelLabelOf(r.funnel) }],
  );
  const hiddenNames = chosen.filter((r) => isHidden(r.count_status)).map((r) => r.region);
  // As summary: a region the input gives no count for is not drawn, and named.
  const withoutCount = leftOutNote(ranking.counts, o.selected.length ? o.selected : ranking.regions.regions, o.method || o.asked, ranking.year);
  const widest = Math.max(...rows.map((r) => r.population));
  const adjustment = o.overdispersion && dispersion ? { kind: o.overdispersion, ...dispersion } : undefined;
  const limitsNote = adjustment
    ? msg('note.funnel-limits-adjusted', { kind: msg(`overdispersion.kind.${adjustment.kind}`), phi: adjustment.phi, tau2: adjustment.tau2 })
    : dispersion?.overdispersed
      ? msg('note.funnel-limits-overdispersed', { phi: dispersion.phi })
      : msg('note.funnel-limits');
  return {
    method: o.method || o.asked,
    year: ranking.year,
    per: ranking.per,
    target,
    targetLabel: national.region,
    points,
    curve: funnelCurveOf(target, ranking.per, widest * AXIS_MARGIN, CURVE_STEPS, adjustment),
    ...(adjustment ? { adjustment: adjustment.kind } : {}),
    notes: [
      limitsNote,
      ...withoutCount,
      ...(hiddenNames.length ? [msg('note.funnel-not-drawn', { marker: HIDDEN_MARKER, regions: hiddenNames, threshold: rule.suppress })] : []),
      ...(rule.roundTo > 1 ? [msg('note.funnel-rounded', { k: rule.roundTo })] : []),
    ],
  };
}

/** How a funnel's limits were made, for --provenance. */
export function funnelMethod(adjustment: OverdispersionKind | undefined): string {
  return adjustment
    ? `Spiegelhalter (2005): ${adjustment} overdispersion-adjusted limits, 95% and 99.8%, around the national rate`
    : 'PHEindicatormethods: Poisson control limits, 95% and 99.8%, around the national rate (Spiegelhalter 2005)';
}

/** A ranking's funnel cell as the label it holds (null when the row has none). */
export function funnelLabelOf(cell: Value | undefined): FunnelLabel | null {
  switch (cell) {
    case 'above 99.8%':
    case 'above 95%':
    case 'within':
    case 'below 95%':
    case 'below 99.8%':
      return cell;
    default:
      return null;
  }
}
