import type { Column } from './model.js';

/** The funnel-limit columns shared by rank and rank --by: the limits in machine formats, where the value lies in all. */
export const FUNNEL_COLUMNS: readonly Column[] = [
  { key: 'funnel_95_lower', header: '95% low', type: 'rate', only: 'machine' },
  { key: 'funnel_95_upper', header: '95% high', type: 'rate', only: 'machine' },
  { key: 'funnel_998_lower', header: '99.8% low', type: 'rate', only: 'machine' },
  { key: 'funnel_998_upper', header: '99.8% high', type: 'rate', only: 'machine' },
  { key: 'funnel', header: 'Funnel', type: 'text', empty: '' },
];
