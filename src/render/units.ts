import type { UnitRankResult } from '../domain/unit-ranking.js';
import { msg, type Text } from '../messages/index.js';
import { FUNNEL_COLUMNS, intervalColumns, statusColumns } from './columns.js';
import type { Column, ResultTable } from './model.js';
import { COMPARISON_WORDS } from './words.js';

/** The ranking of the units of a column: proportions with Wilson intervals (and funnel limits), or counts with exact Poisson intervals. */
export function unitRankTable(r: UnitRankResult): ResultTable {
  const what: Text = r.of === 'rows' ? msg('units.rows') : 'count' in r.of ? r.of.count : msg('units.of', r.of);
  const level = Math.round(r.level * 1000) / 10;
  const columns: Column[] =
    r.kind === 'proportion'
      ? [
          { key: 'rank', header: msg('header.rank'), type: 'integer', empty: '' },
          { key: 'unit', header: msg('header.unit'), type: 'text' },
          { key: 'numerator', header: msg('header.numerator'), type: 'integer' },
          { key: 'denominator', header: msg('header.denominator'), type: 'integer' },
          { key: 'proportion_pct', header: msg('header.percent'), type: 'percent', digits: 1 },
          ...intervalColumns('lower', 'upper', msg('header.ci-level-pct', { level })),
          { key: 'vs_overall', header: msg('header.vs-overall'), type: 'text', empty: '', words: COMPARISON_WORDS },
          ...(r.funnel ? FUNNEL_COLUMNS : []),
          { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
        ]
      : [
          { key: 'rank', header: msg('header.rank'), type: 'integer', empty: '' },
          { key: 'unit', header: msg('header.unit'), type: 'text' },
          { key: 'count', header: msg('header.count'), type: 'integer' },
          ...intervalColumns('lower', 'upper', msg('header.ci-level', { level })),
        ];
  return {
    title: r.filtered.length ? msg('title.units-filtered', { what, by: r.by, filters: r.filtered }) : msg('title.units', { what, by: r.by }),
    columns: [...columns, ...statusColumns(r.statusKeys)],
    rows: r.rows,
    apart: [r.overall],
    notes: r.notes,
    ...(r.hidden ? { hidden: r.hidden } : {}),
    made: r.made,
  };
}
