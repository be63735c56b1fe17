/**
 * Typed errors. Every failure a user can cause is a `RehabError` carrying an exit code,
 * an optional location (file, line, column) and a hint on how to fix it. They are
 * formatted once, in `src/cli.ts`; anything else that escapes is a bug (exit 1).
 */
import { english, say, t, type Lang, type Text } from './messages/index.js';

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
  /** A file name as given, or a message ("the bundled dataset") in the language of the output. */
  file: Text;
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
  /** What went wrong, as a catalogue message (or, until every site has one, English text). */
  readonly text: Text;
  /** How to fix it. */
  readonly hintText: Text | undefined;

  constructor(message: Text, opts: { exitCode: ExitCodeValue; location?: Location; hint?: Text }) {
    // Error.message stays English: stack traces and logs read the same everywhere.
    super(english(message));
    this.name = 'RehabError';
    this.exitCode = opts.exitCode;
    this.location = opts.location;
    this.text = message;
    this.hintText = opts.hint;
  }

  /** The hint in English. */
  get hint(): string | undefined {
    return this.hintText === undefined ? undefined : english(this.hintText);
  }
}

export function usageError(message: Text, hint?: Text): RehabError {
  return new RehabError(message, { exitCode: ExitCode.usage, hint });
}

export function ioError(message: Text, file: string, hint?: Text): RehabError {
  return new RehabError(message, { exitCode: ExitCode.io, location: { file }, hint });
}

export function dataError(message: Text, location: Location, hint?: Text): RehabError {
  return new RehabError(message, { exitCode: ExitCode.data, location, hint });
}

export function populationError(message: Text, hint?: Text): RehabError {
  return new RehabError(message, { exitCode: ExitCode.population, hint });
}

export function fetchError(message: Text, hint?: Text): RehabError {
  return new RehabError(message, { exitCode: ExitCode.fetch, hint });
}

/** "treatments.csv line 14, column "antal"" — the prefix of a located message. */
export function formatLocation(loc: Location, lang: Lang = 'en'): string {
  // A header can be anything a file holds: cut it, so a location stays short.
  const column = loc.column !== undefined && loc.column.length > 40 ? `${loc.column.slice(0, 39)}…` : loc.column;
  const file = say(loc.file, lang);
  let s: string;
  if (loc.sheet !== undefined || (typeof loc.file !== 'string' && loc.line !== undefined)) {
    // In a workbook: "book.xlsx, sheet "Blad1", row 7, column "antal" (Blad1!C7)"; a source
    // named in words: "the bundled dataset, line 317, column "år"".
    const parts = loc.sheet !== undefined ? [t(lang, 'location.sheet', { sheet: loc.sheet })] : [];
    if (loc.line !== undefined) parts.push(t(lang, loc.sheet !== undefined ? 'location.row' : 'location.line-part', { line: loc.line }));
    if (column !== undefined) parts.push(t(lang, 'location.column-part', { column }));
    s = `${file}, ${parts.join(', ')}`;
  } else if (loc.line !== undefined && column !== undefined) s = t(lang, 'location.line-column', { file: file, line: loc.line, column });
  else if (loc.line !== undefined) s = t(lang, 'location.line', { file: file, line: loc.line });
  else if (column !== undefined) s = t(lang, 'location.column', { where: file, column });
  else s = file;
  return loc.cell !== undefined ? `${s} (${loc.cell})` : s;
}

/** Text from a file may hold line breaks: a message and its hint stay one line each. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, '⏎');
}

/** The full text written to stderr for an error, in `lang`: one message line and an optional hint line. */
export function formatError(err: RehabError, lang: Lang): string {
  const text = (m: Text) => say(m, lang);
  const where = err.location ? `${formatLocation(err.location, lang)}: ` : '';
  let out = `rehab-stats: ${t(lang, 'label.error')}: ${oneLine(where + text(err.text))}\n`;
  if (err.hintText !== undefined && err.hintText !== '') out += `${t(lang, 'label.hint')}: ${oneLine(text(err.hintText))}\n`;
  return out;
}
