import type { Row } from './cells.js';
import type { Made } from './provenance.js';
import type { Text } from '../messages/index.js';
import { spread } from '../stats/spread.js';

/** One statistic of the spread between regions, with the regions at the minimum and maximum. */
export type SummaryStatistic = Row & { statistic: string; value: number | null; region: string };

/** What `summary` computes, ready for render/summary.ts: the statistics of one measure over the regions. */
export interface SummaryResult {
  measure: 'rate' | 'count';
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  year: number;
  per: number;
  /** The number of regions summarised. */
  n: number;
  statistics: SummaryStatistic[];
  notes: Text[];
  made: Made;
}

/** The summary rows from per-region values. Pure. */
export function summaryRows(values: { region: string; value: number }[]): SummaryStatistic[] {
  const s = spread(values.map((v) => v.value));
  const at = (x: number) =>
    values
      .filter((v) => v.value === x)
      .map((v) => v.region)
      .join(', ');
  return [
    { statistic: 'min', value: s.min, region: at(s.min) },
    { statistic: 'q1', value: s.q1, region: '' },
    { statistic: 'median', value: s.median, region: '' },
    { statistic: 'q3', value: s.q3, region: '' },
    { statistic: 'max', value: s.max, region: at(s.max) },
    { statistic: 'mean', value: s.mean, region: '' },
    { statistic: 'sd', value: s.sd, region: '' },
    { statistic: 'cv', value: s.cv, region: '' },
    { statistic: 'max_min_ratio', value: Number.isFinite(s.maxMinRatio) ? s.maxMinRatio : null, region: '' },
  ];
}
