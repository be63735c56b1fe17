import { poissonInterval, type PoissonMethod } from './poisson.js';

export interface AgeStratum {
  /** Events (treatments) in the age group. */
  count: number;
  /** Population of the age group. */
  population: number;
  /** The standard population's weight for the age group. */
  weight: number;
}

export interface StandardisedRate {
  /** The DSR per `per`, or null when not calculated (see `missing`). */
  rate: number | null;
  /** The rate per person (Σ wᵢ·xᵢ/nᵢ ÷ Σ wᵢ), unscaled: what ranks compare. */
  perPerson: number;
  lower: number | null;
  upper: number | null;
  /** Total events, on which the interval rests. */
  count: number;
  /** Why there is no rate: fewer than DSR_MIN_EVENTS events (the words are the catalogue's, cell.dsr-too-few). */
  missing?: 'too-few-events';
}

/** Below this many events in total PHEindicatormethods does not calculate a DSR: it is not reliable. */
export const DSR_MIN_EVENTS = 10;

/**
 * A directly standardised rate per `per` as PHEindicatormethods' `calculate_dsr`:
 * DSR = Σ wᵢ·xᵢ/nᵢ ÷ Σ wᵢ, with Dobson's interval (Dobson et al. 1991) — the Poisson limits of the
 * total count O mapped to the rate by DSR + √(var(DSR)/O)·(O_limit − O), where
 * var(DSR) = Σ (wᵢ/nᵢ)²·xᵢ ÷ (Σ wᵢ)² — with Byar's limits for O as PHE (`method` 'byar' or 'phe',
 * which agree from 10 events) or exact Poisson limits ('exact', Dobson's original). Below 10 events
 * in total no rate is given (`missing` says why), as PHE.
 * @example directlyStandardisedRate(testdataBig, 10000) // { rate: 1043.02, lower: 971.77, upper: 1117.89, … }
 */
export function directlyStandardisedRate(strata: readonly AgeStratum[], per = 100000, level = 0.95, method: PoissonMethod = 'byar'): StandardisedRate {
  if (strata.length === 0) throw new RangeError('directlyStandardisedRate: no age groups');
  let weights = 0;
  let weighted = 0;
  let variance = 0;
  let total = 0;
  for (const s of strata) {
    if (!(s.population > 0) || !(s.weight >= 0) || !(s.count >= 0)) throw new RangeError('directlyStandardisedRate: need counts >= 0, populations > 0, weights >= 0');
    weights += s.weight;
    weighted += (s.weight * s.count) / s.population;
    variance += (s.weight / s.population) ** 2 * s.count;
    total += s.count;
  }
  if (!(weights > 0)) throw new RangeError('directlyStandardisedRate: the weights sum to 0');
  const rate = weighted / weights;
  if (total < DSR_MIN_EVENTS) {
    return { rate: null, perPerson: rate, lower: null, upper: null, count: total, missing: 'too-few-events' };
  }
  const ci = poissonInterval(total, level, method);
  const scale = Math.sqrt(variance / weights ** 2 / total);
  return { rate: rate * per, perPerson: rate, lower: (rate + scale * (ci.lower - total)) * per, upper: (rate + scale * (ci.upper - total)) * per, count: total };
}

/**
 * The European Standard Population 2013 (Eurostat), per 100 000, in five-year groups with
 * 90+ as the last; keys as rehab-stats writes age groups.
 */
export const ESP2013: Readonly<Record<string, number>> = {
  '0-4': 5000,
  '5-9': 5500,
  '10-14': 5500,
  '15-19': 5500,
  '20-24': 6000,
  '25-29': 6000,
  '30-34': 6500,
  '35-39': 7000,
  '40-44': 7000,
  '45-49': 7000,
  '50-54': 7000,
  '55-59': 6500,
  '60-64': 6000,
  '65-69': 5500,
  '70-74': 5000,
  '75-79': 4000,
  '80-84': 2500,
  '85-89': 1500,
  '90+': 1000,
};
