import type { ChalkInstance } from 'chalk';
import { levelPercent, type RankResult } from '../domain/ranking.js';
import { groupInParentheses } from '../domain/population.js';
import { SMALL_COUNT } from '../stats/rate.js';
import { msg } from '../messages/index.js';
import { FUNNEL_COLUMNS, intervalColumns, statusColumns } from './columns.js';
import type { Column, ResultRow, ResultTable } from './model.js';
import { COMPARISON_WORDS, INTERVAL_METHOD_WORDS } from './words.js';

/** The ranking table: rates with intervals, the comparison with Riket, and what was asked for besides. */
export function rankTable(r: RankResult): ResultTable {
  return {
    title: msg('title.rank', {
      method: r.method,
      per: r.per,
      who: groupInParentheses(r.sex, r.age, true),
      standardised: r.standardised ? msg('title.age-standardised') : '',
      year: r.year,
    }),
    // The bars' scale from the rows still shown, so that a hidden rate does not set it.
    columns: [
      ...rankColumns(
        r.level,
        r.per,
        r.funnel,
        Math.max(...[...r.rows, r.national].map((row) => (typeof row.rate_upper === 'number' ? row.rate_upper : 0))),
        r.intervalMethod,
        r.rankInterval,
      ),
      ...statusColumns(r.statusKeys),
    ],
    rows: r.rows,
    apart: [r.national],
    notes: r.notes,
    ...(r.hidden ? { hidden: r.hidden } : {}),
    made: r.made,
  };
}

export function rankColumns(level: number, per: number, funnel = false, barScale?: number, intervalMethod: 'human' | 'machine' | false = false, rankInterval = false): Column[] {
  const funnelColumns: readonly Column[] = funnel ? FUNNEL_COLUMNS : [];
  return [
    // Year and method in every row of the machine formats, so the outputs of several runs stack.
    { key: 'year', header: msg('header.year'), type: 'text', only: 'machine' },
    { key: 'method', header: msg('header.method'), type: 'text', only: 'machine' },
    { key: 'rank', header: msg('header.rank'), type: 'integer', empty: '' },
    ...(rankInterval ? intervalColumns('rank_lower', 'rank_upper', msg('header.rank-interval'), 0) : []),
    { key: 'region_code', header: msg('header.code'), type: 'text' },
    { key: 'region', header: msg('header.region'), type: 'text' },
    { key: 'count', header: msg('header.count'), type: 'integer' },
    { key: 'population', header: msg('header.population'), type: 'integer' },
    { key: 'rate', header: msg('header.per', { per }), type: 'rate' },
    ...intervalColumns('rate_lower', 'rate_upper', msg('header.ci', { level: levelPercent(level) })),
    ...(barScale ? [{ key: 'rate', header: '', type: 'bar', keys: ['rate_lower', 'rate_upper'], scale: barScale, width: 16, only: 'table' } satisfies Column] : []),
    { key: 'ratio_to_national', header: msg('header.ratio'), type: 'rate', digits: 2, only: 'machine' },
    { key: 'vs_national', header: msg('header.vs-riket'), type: 'text', empty: '', words: COMPARISON_WORDS },
    ...funnelColumns,
    ...(intervalMethod
      ? [
          {
            key: 'interval_method',
            header: msg('header.interval'),
            type: 'text',
            empty: '',
            words: INTERVAL_METHOD_WORDS,
            ...(intervalMethod === 'machine' ? { only: 'machine' as const } : {}),
          } satisfies Column,
        ]
      : []),
    { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
  ];
}

/**
 * Colour for meaning, in the terminal only: bright blue above the national rate, yellow below
 * (when the interval says so) — the terminal's nearest to the charts' blue/orange, which readers
 * with red–green colour blindness tell apart; the words higher/lower stay as the second cue —
 * bold outside the 99.8% funnel limits, magenta for small-number warnings.
 */
export function styleRankCell(col: Column, row: ResultRow, text: string, chalk: ChalkInstance): string {
  if (col.key === 'vs_national' || (col.key === 'rate' && col.type === 'rate') || col.type === 'bar') {
    if (row.vs_national === 'higher') return chalk.blueBright(text);
    if (row.vs_national === 'lower') return chalk.yellow(text);
  }
  if (col.key === 'funnel' && typeof row.funnel === 'string' && row.funnel.includes('99.8')) return chalk.bold(text);
  if (col.key === 'note' && typeof row.count === 'number' && row.count < SMALL_COUNT) return chalk.magenta(text);
  return text;
}
