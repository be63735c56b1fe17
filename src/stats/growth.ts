export interface Growth {
  base: number;
  value: number;
  change: number;
  /** Percent change; null when the base is 0 (no percentage can be formed). */
  changePct: number | null;
  /** Compound annual growth rate in percent; null when the base is 0 or the span is 0 years. */
  cagrPct: number | null;
  /** Why a percentage is missing, when it is. */
  reason?: 'zero base' | 'same year';
}

/**
 * Growth from `base` (in `baseYear`) to `value` (in `year`): absolute change, percent change
 * and compound annual growth rate, CAGR = (value / base)^(1 / years) − 1.
 * @example growth(26000, 50440, 2009, 2014) // change 24440, changePct 94.0, cagrPct 14.2
 */
export function growth(base: number, value: number, baseYear: number, year: number): Growth {
  if (!(base >= 0) || !(value >= 0)) throw new RangeError('growth: counts must be >= 0');
  const change = value - base;
  if (base === 0) return { base, value, change, changePct: null, cagrPct: null, reason: 'zero base' };
  const changePct = (change / base) * 100;
  const years = year - baseYear;
  if (years === 0) return { base, value, change, changePct, cagrPct: null, reason: 'same year' };
  const cagrPct = (Math.pow(value / base, 1 / years) - 1) * 100;
  return { base, value, change, changePct, cagrPct };
}
