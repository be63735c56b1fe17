import type { Text } from '../messages/index.js';

/** What `check` finds in a file: built by commands/check.ts from the read table, drawn by render/check.ts. */

/** A problem as check reports it, its message and hint in the output's language. */
export type ProblemText = { line?: number; column?: string; cell?: string; message: Text; hint?: Text };

/** What check found in one file: the JSON report (English) and what the text report needs in the output's language. */
export interface Checked {
  report: FileReport;
  problems: ProblemText[];
  columns: { column: Text; role: Text; note?: Text }[];
}

export interface FileReport {
  file: string;
  ok: boolean;
  /** --region: the regions whose rows were checked. */
  only_regions?: string[];
  /** --region: what other regions' rows held, not checked. */
  left_out?: { values: number; missing: number; problems: number };
  encoding?: string;
  bom?: boolean;
  delimiter?: string;
  decimal_mark?: string;
  shape?: string;
  /** Why a file is read as one row per treatment. */
  reading?: string;
  header_line?: number;
  columns?: { column: string; role: string; note?: string }[];
  not_data_lines?: { line: number; text: string }[];
  rows?: number;
  values?: number;
  years?: number[];
  methods?: string[];
  regions?: string[];
  regions_absent?: string[];
  /** The file has no region column: every row is national. */
  national?: boolean;
  missing?: { line: number; column: string; marker: string }[];
  problems: { line?: number; column?: string; cell?: string; message: string; hint?: string }[];
  /** The sheet read, for an xlsx workbook (lines are then its rows). */
  sheet?: string;
}
