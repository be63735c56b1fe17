import type { ShareGroups, ShareResult } from '../domain/share.js';
import { msg, type Text } from '../messages/index.js';
import { intervalColumns, statusColumns } from './columns.js';
import type { Column, ResultTable, Words } from './model.js';
import { SEX_WORDS } from './words.js';

/** The shares table: each group's count, the total, the share and its interval. */
export function shareTable(r: ShareResult): ResultTable {
  return {
    title: shareTitle(r.groups),
    columns: [...shareColumns(groupHeader(r.groups), r.groups.by === 'sex' ? SEX_WORDS : undefined), ...statusColumns(r.statusKeys)],
    rows: r.rows,
    notes: r.notes,
    ...(r.hidden ? { hidden: r.hidden } : {}),
    ...(r.statusKeys ? { statusKeys: r.statusKeys } : {}),
    made: r.made,
  };
}

function shareTitle(g: ShareGroups): Text {
  if (g.by === 'column') {
    const what = g.counted ?? msg('units.rows');
    return g.filters.length ? msg('title.share-units-filtered', { what, by: g.column, filters: g.filters }) : msg('title.share-units', { what, by: g.column });
  }
  return msg('title.share', {
    what: g.method !== undefined ? msg('share.method-treatments', { method: g.method }) : msg('share.all-treatments'),
    scope: g.within.length ? msg('share.in', { regions: g.within }) : '',
    by: msg(`share.by.${g.by}`),
    year: g.year,
  });
}

/** The group column's header: the dimension, or the input's own column name. */
function groupHeader(g: ShareGroups): Text {
  if (g.by === 'column') return g.column;
  return g.by === 'method' ? msg('header.method') : g.by === 'sex' ? msg('header.sex') : msg('header.region');
}

/** The columns of a shares table; machine formats name the group column "group". By sex, the groups are codes with words. */
function shareColumns(groupHeader: Text, words?: Words): Column[] {
  return [
    { key: 'group', header: groupHeader, type: 'text', ...(words ? { words } : {}) },
    { key: 'count', header: msg('header.count'), type: 'integer' },
    { key: 'total', header: msg('header.total'), type: 'integer' },
    { key: 'share_pct', header: msg('header.share'), type: 'percent', digits: 1 },
    ...intervalColumns('share_lower', 'share_upper', msg('header.ci-pct')),
  ];
}
