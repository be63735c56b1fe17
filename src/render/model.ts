import type { Plain, PlainRow, Protected, Row, Value } from '../domain/cells.js';
import type { Made } from '../domain/provenance.js';
import type { Message, Text } from '../messages/index.js';

/**
 * A result is a table of typed cells; renderers turn it into one string. Numbers stay
 * numbers until a human format prints them.
 */
export type CellType =
  | 'text'
  | 'integer'
  | 'signed-integer'
  | 'rate'
  | 'percent'
  | 'signed-percent'
  /** Two keys (lower, upper) printed as "12.3–45.6"; human formats only. */
  | 'interval'
  /** A bar for `key` with whiskers for `keys` (lower, upper), scaled to `scale`; terminal only. */
  | 'bar';

/** A row of named cells (domain/cells.ts); the columns below say how each looks. */
export type { Value, Plain };
export type ResultRow = Row;
/** A row in one language, as renderers take it (render/localise.ts makes it). */
export type LocalRow = PlainRow;

/**
 * Texts for people (title, headers, notes) are catalogue messages or plain strings (names,
 * years) until the output's language is known; `localise` (render/localise.ts) turns a
 * ResultTable into a LocalTable, which is what the renderers take.
 */
export interface Column<T extends Text = Text> {
  key: string;
  /** Header in human formats (machine formats use `key`). */
  header: T;
  type: CellType;
  /** Decimals in human formats (rates default to 1, percents to 0). */
  digits?: number;
  /** For 'interval': the keys of the lower and upper limit. */
  keys?: [string, string];
  /** Shown only in human formats (table, markdown), only in the terminal table, or only in machine formats (csv, tsv, json). */
  only?: 'human' | 'table' | 'machine';
  /** For 'bar': the value drawn as the full width, and the width in characters. */
  scale?: number;
  width?: number;
  /** What a human sees where the value is null (default "–"). */
  empty?: string;
  /**
   * For a text column of codes (vs_national "higher", sex "women"): the word for each code, which
   * human formats and the workbook write in their language (render/words.ts); machine formats keep the code.
   */
  words?: Words;
}

/** Codes and their words (render/words.ts). */
export type Words = Readonly<Record<string, Message>>;

export interface ResultTable<T extends Text = Text> extends Protected {
  columns: Column<T>[];
  rows: ResultRow[];
  /** Rows shown apart below the others in human formats (the national row); last rows in machine formats. */
  apart?: ResultRow[];
  /** Heading above a human table. */
  title?: T;
  /** Lines under a human table: data source, caveats. */
  notes: T[];
  /** A documented object that JSON prints instead of the array of rows (e.g. trend's {series, summary, break}). */
  document?: unknown;
  /** How the figures were made (population, interval, funnel rule …), for --provenance. */
  made?: Made;
}

/** Formats rendered to text. */
export type TextFormat = 'table' | 'csv' | 'tsv' | 'json' | 'markdown';
/** Every output format: the text formats and the xlsx workbook (bytes, src/render/xlsx.ts). */
export type Format = TextFormat | 'xlsx';
export const FORMATS: readonly Format[] = ['table', 'csv', 'tsv', 'json', 'markdown', 'xlsx'];

export type Lang = 'en' | 'sv';

/** A table in one language, ready for a renderer: its texts and its cells written out. */
export interface LocalTable extends Omit<ResultTable<string>, 'rows' | 'apart'> {
  rows: LocalRow[];
  apart?: LocalRow[];
}
export type LocalColumn = Column<string>;
