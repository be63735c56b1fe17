/**
 * Typed errors. Every failure a user can cause is a `RehabError` carrying an exit code,
 * an optional location (file, line, column) and a hint on how to fix it. They are
 * formatted once, in `src/cli.ts`; anything else that escapes is a bug (exit 1).
 */

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** An unexpected internal error: a bug in rehab-stats. */
  internal: 1,
  /** Bad command line: unknown option, missing or invalid value. */
  usage: 2,
  /** A file could not be read, decoded or written. */
  io: 3,
  /** The input data is invalid: unparseable numbers, unknown regions, missing columns, duplicates. */
  data: 4,
  /** The population needed for a rate is missing (region, year, sex or age group). */
  population: 5,
  /** `check` found problems in the input. */
  checkFailed: 6,
  /** `report --check`: the report files differ from a fresh build. */
  reportOutdated: 7,
  /** `population fetch`: SCB's API could not be reached or answered with an error or an unexpected response. */
  fetch: 8,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Where in an input a problem sits. Lines are 1-based physical lines of the file. */
export interface Location {
  file: string;
  line?: number;
  /** Column header (or 1-based index when the file has no header). */
  column?: string;
  /** A workbook's sheet: lines are then the sheet's rows. */
  sheet?: string;
  /** The cell in A1 notation with its sheet ("Blad1!C7"), where one cell is meant. */
  cell?: string;
}

export class RehabError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(message: string, opts: { exitCode: ExitCodeValue; location?: Location; hint?: string }) {
    super(message);
    this.name = 'RehabError';
    this.exitCode = opts.exitCode;
    this.location = opts.location;
    this.hint = opts.hint;
  }
}

export function usageError(message: string, hint?: string): RehabError {
  return new RehabError(message, { exitCode: ExitCode.usage, hint });
}

export function ioError(message: string, file: string, hint?: string): RehabError {
  return new RehabError(message, { exitCode: ExitCode.io, location: { file }, hint });
}

export function dataError(message: string, location: Location, hint?: string): RehabError {
  return new RehabError(message, { exitCode: ExitCode.data, location, hint });
}

export function populationError(message: string, hint?: string): RehabError {
  return new RehabError(message, { exitCode: ExitCode.population, hint });
}

export function fetchError(message: string, hint?: string): RehabError {
  return new RehabError(message, { exitCode: ExitCode.fetch, hint });
}

/** "treatments.csv line 14, column "antal"" — the prefix of a located message. */
export function formatLocation(loc: Location, sv = false): string {
  let s = loc.file;
  // In a workbook: "book.xlsx, sheet "Blad1", row 7, column "antal" (Blad1!C7)".
  if (loc.sheet !== undefined) s += `, ${sv ? 'blad' : 'sheet'} "${loc.sheet}",`;
  if (loc.line !== undefined) s += ` ${sv ? 'rad' : loc.sheet !== undefined ? 'row' : 'line'} ${loc.line}`;
  // A header can be anything a file holds: cut it, so a location stays short.
  const column = loc.column !== undefined && loc.column.length > 40 ? `${loc.column.slice(0, 39)}…` : loc.column;
  if (column !== undefined) s += `${loc.line !== undefined ? ',' : ''} ${sv ? 'kolumn' : 'column'} "${column}"`;
  if (loc.cell !== undefined) s += ` (${loc.cell})`;
  if (loc.sheet !== undefined && loc.line === undefined && column === undefined && loc.cell === undefined) s = s.slice(0, -1);
  return s;
}

/** Text from a file may hold line breaks: a message and its hint stay one line each. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, '⏎');
}

/**
 * The full text written to stderr for an error: one message line and an optional hint line.
 * `translate` gives Swedish where it knows the message (--lang sv or LANG=sv_*).
 */
export function formatError(err: RehabError, translate?: (text: string) => string): string {
  const sv = translate !== undefined;
  const t = translate ?? ((x: string) => x);
  const where = err.location ? `${formatLocation(err.location, sv)}: ` : '';
  let out = `rehab-stats: ${sv ? 'fel' : 'error'}: ${oneLine(where + t(err.message))}\n`;
  if (err.hint) out += `${sv ? 'tips' : 'hint'}: ${oneLine(t(err.hint))}\n`;
  return out;
}
