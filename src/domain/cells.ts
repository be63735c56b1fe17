import type { Message, Text, Translated } from '../messages/index.js';

/**
 * A result's figures as named cells: each row maps a stable English key (`region_code`,
 * `count`, `rate_lower` …, the keys machine formats print) to a value. Numbers stay numbers;
 * how a cell looks (header, decimals, interval, bar) is render/'s business (render/model.ts
 * adds the columns).
 *
 * This is the shape the publishing rules (domain/publish.ts) work on: disclosure control is
 * about the cells a table prints and the sums between them, so it needs rows it can read and
 * blank by key. The typed rows of the domain (RankedRegion, GrowthRow) are Rows with their
 * known fields typed.
 */
export type Value = Plain | Message | Translated;
export type Row = Record<string, Value>;

/**
 * A cell as renderers take it: text in the output's language. A message or translated text in a
 * cell (a source's note) is written in one language by render/localise.ts; machine formats get English.
 */
export type Plain = string | number | null;
export type PlainRow = Record<string, Plain>;

/** Rows with the notes under them: what a publishing rule takes and gives back. */
export interface CellTable {
  rows: Row[];
  /** Rows shown apart below the others (the national row); indexed after `rows` by the rules. */
  apart?: Row[];
  notes: Text[];
}

/** What a publishing rule adds to a table: the cells it hid, and the count keys that got a `<key>_status` cell. */
export interface Protected {
  /** Cells hidden by the rule, per row: null in the row, a marker in human formats. */
  hidden?: ReadonlyMap<Row, ReadonlySet<string>>;
  /** The count keys whose `<key>_status` cell says why a value is shown or absent (machine formats). */
  statusKeys?: readonly string[];
}

/**
 * A row's text cell that the table's own kind guarantees (a ranking's `region_code`, a unit
 * table's `unit`). Its absence is a bug in the code that built the row, not a user's mistake.
 */
export function textCell(row: Row, key: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`internal: the row has no text in "${key}" (${JSON.stringify(v)})`);
  return v;
}
