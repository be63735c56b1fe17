import type { Column } from './model.js';

/** The funnel-limit columns shared by rank and rank --by: the limits in machine formats, where the value lies in all. */
export const FUNNEL_COLUMNS: readonly Column[] = [
  { key: 'funnel_95_lower', header: '95% low', type: 'rate', only: 'machine' },
  { key: 'funnel_95_upper', header: '95% high', type: 'rate', only: 'machine' },
  { key: 'funnel_998_lower', header: '99.8% low', type: 'rate', only: 'machine' },
  { key: 'funnel_998_upper', header: '99.8% high', type: 'rate', only: 'machine' },
  { key: 'funnel', header: 'Funnel', type: 'text', empty: '' },
];

/**
 * An interval as machine formats want it (two plain columns, lower and upper) and as people
 * read it (one "12.3–45.6" column): the three columns every interval in rehab-stats uses.
 */
export function intervalColumns(lower: string, upper: string, header: string, digits?: number): Column[] {
  return [
    { key: lower, header: 'Lower', type: 'rate', only: 'machine', ...(digits !== undefined ? { digits } : {}) },
    { key: upper, header: 'Upper', type: 'rate', only: 'machine', ...(digits !== undefined ? { digits } : {}) },
    { key: `${lower}_${upper}`, header, type: 'interval', keys: [lower, upper], only: 'human', ...(digits !== undefined ? { digits } : {}) },
  ];
}
