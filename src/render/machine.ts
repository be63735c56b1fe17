import { stringify } from 'csv-stringify/sync';
import type { ResultRow, ResultTable, Value } from './model.js';

/** Machine formats carry every non-human column under its stable key, rows then the rows shown apart. */
function machineRows(table: ResultTable): { keys: string[]; rows: ResultRow[] } {
  const keys = table.columns.filter((c) => c.only !== 'human' && c.only !== 'table').map((c) => c.key);
  return { keys, rows: [...table.rows, ...(table.apart ?? [])] };
}

/** Plain numbers (no grouping, no %), full precision rounded to 6 decimals to keep files stable and readable. */
function plain(v: Value | undefined): Value {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1e6) / 1e6;
  return v ?? null;
}

/** CSV or TSV via csv-stringify (quotes where needed, LF line ends). Missing values are empty cells. */
export function renderDelimited(table: ResultTable, delimiter: ',' | '\t'): string {
  const { keys, rows } = machineRows(table);
  return stringify(rows.map((r) => keys.map((k) => plain(r[k]) ?? '')), { header: true, columns: keys, delimiter });
}

/** A JSON array of objects with the same keys as the CSV; missing values are null. */
export function renderJson(table: ResultTable): string {
  const { keys, rows } = machineRows(table);
  return JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [k, plain(r[k])]))), null, 2) + '\n';
}
