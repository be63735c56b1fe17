import type { Column } from './model.js';
import { msg } from '../messages/index.js';
import type { Message, Text } from '../messages/index.js';
import { FUNNEL_WORDS } from './words.js';

/** The funnel-limit columns shared by rank and rank --by: the limits in machine formats, where the value lies in all. */
export const FUNNEL_COLUMNS: readonly Column[] = [
  { key: 'funnel_95_lower', header: msg('header.95pct-low'), type: 'rate', only: 'machine' },
  { key: 'funnel_95_upper', header: msg('header.95pct-high'), type: 'rate', only: 'machine' },
  { key: 'funnel_998_lower', header: msg('header.998pct-low'), type: 'rate', only: 'machine' },
  { key: 'funnel_998_upper', header: msg('header.998pct-high'), type: 'rate', only: 'machine' },
  { key: 'funnel', header: msg('header.funnel'), type: 'text', empty: '', words: FUNNEL_WORDS },
];

/**
 * An interval as machine formats want it (two plain columns, lower and upper) and as people
 * read it (one "12.3–45.6" column): the three columns every interval in rehab-stats uses.
 */
export function intervalColumns(lower: string, upper: string, header: Text, digits?: number): Column[] {
  return [
    { key: lower, header: msg('header.lower'), type: 'rate', only: 'machine', ...(digits !== undefined ? { digits } : {}) },
    { key: upper, header: msg('header.upper'), type: 'rate', only: 'machine', ...(digits !== undefined ? { digits } : {}) },
    { key: `${lower}_${upper}`, header, type: 'interval', keys: [lower, upper], only: 'human', ...(digits !== undefined ? { digits } : {}) },
  ];
}

/**
 * The `<key>_status` columns a publishing rule gives its counts (domain/publish.ts): why each
 * value is shown or absent, in machine formats (and a workbook) only.
 */
export function statusColumns(keys: readonly string[] | undefined): Column[] {
  const header = (k: string): Message =>
    k === 'count'
      ? msg('header.status')
      : k === 'base_count'
        ? msg('header.base-count-status')
        : k === 'total'
          ? msg('header.total-status')
          : k === 'rest_count'
            ? msg('header.rest-count-status')
            : msg('header.status-of', { key: k.replace(/_/g, ' ') });
  return (keys ?? []).map((k) => ({ key: `${k}_status`, header: header(k), type: 'text', only: 'machine' }));
}
