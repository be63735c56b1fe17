import type { GrowthResult } from '../domain/growth-rows.js';
import { ALL_AGES } from '../domain/observation.js';
import { groupInParentheses } from '../domain/population.js';
import { msg } from '../messages/index.js';
import { intervalColumns, statusColumns } from './columns.js';
import type { Column, ResultTable } from './model.js';
import { CHANGE_WORDS } from './words.js';

/** The growth table: counts in both years with the change, or (--per-capita) rates with the rate ratio. */
export function growthTable(g: GrowthResult): ResultTable {
  const columns = g.per === undefined ? growthColumns(g.from, g.to) : perCapitaColumns(g.from, g.to, g.per);
  return {
    title: msg('title.growth', {
      method: g.method,
      perCapita: g.per === undefined ? '' : msg('title.per-inhabitant'),
      group: groupInParentheses(g.sex, ALL_AGES),
      from: g.from,
      to: g.to,
    }),
    columns: [...columns, ...statusColumns(g.statusKeys)],
    rows: g.rows,
    apart: [g.national],
    notes: g.notes,
    ...(g.hidden ? { hidden: g.hidden } : {}),
    made: g.made,
  };
}

export function perCapitaColumns(baseYear: number, year: number, per: number): Column[] {
  return [
    { key: 'region_code', header: msg('header.code'), type: 'text' },
    { key: 'region', header: msg('header.region'), type: 'text' },
    { key: 'base_year', header: msg('header.base-year'), type: 'text', only: 'machine' },
    { key: 'base_count', header: msg('header.count-year', { year: baseYear }), type: 'integer', only: 'machine' },
    { key: 'year', header: msg('header.year'), type: 'text', only: 'machine' },
    { key: 'count', header: msg('header.count-year', { year }), type: 'integer', only: 'machine' },
    { key: 'base_rate', header: msg('header.year-per', { year: baseYear, per }), type: 'rate' },
    { key: 'rate', header: msg('header.year-per', { year, per }), type: 'rate' },
    { key: 'change_pct', header: msg('header.change-pct'), type: 'signed-percent' },
    { key: 'cagr_pct', header: msg('header.per-year'), type: 'signed-percent', digits: 1 },
    { key: 'rate_ratio', header: msg('header.rate-ratio'), type: 'rate', digits: 2 },
    ...intervalColumns('ratio_lower', 'ratio_upper', msg('header.ci', { level: 95 }), 2),
    { key: 'significant', header: msg('header.significant'), type: 'text', empty: '', words: CHANGE_WORDS },
    { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
  ];
}

export function growthColumns(baseYear: number, year: number): Column[] {
  return [
    { key: 'region_code', header: msg('header.code'), type: 'text' },
    { key: 'region', header: msg('header.region'), type: 'text' },
    { key: 'base_year', header: msg('header.base-year'), type: 'text', only: 'machine' },
    { key: 'base_count', header: String(baseYear), type: 'integer' },
    { key: 'year', header: msg('header.year'), type: 'text', only: 'machine' },
    { key: 'count', header: String(year), type: 'integer' },
    { key: 'change', header: msg('header.change'), type: 'signed-integer' },
    { key: 'change_pct', header: msg('header.change-pct'), type: 'signed-percent' },
    { key: 'cagr_pct', header: msg('header.per-year'), type: 'signed-percent', digits: 1 },
    { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
  ];
}
