import type { SummaryResult } from '../domain/summary.js';
import { msg } from '../messages/index.js';
import type { ResultTable } from './model.js';
import { STATISTIC_WORDS } from './words.js';

/** The summary table: one row per statistic. */
export function summaryTable(r: SummaryResult): ResultTable {
  return {
    title:
      r.measure === 'rate'
        ? msg('title.summary-rate', { n: r.n, method: r.method, per: r.per, year: r.year })
        : msg('title.summary-count', { n: r.n, method: r.method, year: r.year }),
    columns: [
      { key: 'statistic', header: msg('header.statistic'), type: 'text', words: STATISTIC_WORDS },
      { key: 'value', header: msg('header.value'), type: 'rate', digits: 2 },
      { key: 'region', header: msg('header.region'), type: 'text', empty: '' },
    ],
    rows: r.statistics,
    notes: r.notes,
    made: r.made,
  };
}
