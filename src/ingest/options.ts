import { usageError } from '../errors.js';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { delimiterFromOption, type Delimiter } from '../parse/sniff.js';
import { msg } from '../messages/index.js';

/**
 * How to read an input. Every command that reads a user's file turns its command-line options
 * into one of these with {@link readOptions}, so `--encoding`, `--delimiter`, `--map`,
 * `--sheet`, `--records`, `--skip-invalid` and `--sum-duplicates` mean the same everywhere.
 */
export interface ReadOptions {
  encoding?: string;
  delimiter?: Delimiter;
  map?: Partial<Record<Role, string>>;
  skipInvalid?: boolean;
  sumDuplicates?: boolean;
  recordLevel?: boolean;
  defaultYear?: number;
  /** The command has --year, which gives the year of a file without a year column: the error for such a file offers it. */
  yearOption?: boolean;
  /** Method for files without a method column (from --method where one method is asked for). */
  defaultMethod?: string;
  /** Collect every problem instead of stopping at the first (`check`). */
  collectProblems?: boolean;
  /** Keep this column's categorical answers (`tally`). */
  categoryColumn?: string;
  /**
   * The caller uses only the observations of the methods and years this keeps: a reader may
   * leave the others out of `observations`, and then gives them all in `all` (see LoadedTable).
   */
  keep?: (method: string, year: number) => boolean;
  /** The sheet of an xlsx workbook to read: its name, or its 1-based position (--sheet). */
  sheet?: string;
}

/** The reading options as commander hands them over. */
export interface ReadFlags {
  encoding?: string;
  delimiter?: string;
  map?: string[];
  skipInvalid?: boolean;
  sumDuplicates?: boolean;
  records?: boolean;
  sheet?: string;
}

export function readOptions(flags: ReadFlags, extra: Partial<ReadOptions> = {}): ReadOptions {
  let delimiter: Delimiter | undefined;
  if (flags.delimiter !== undefined) {
    delimiter = delimiterFromOption(flags.delimiter);
    if (!delimiter) throw usageError(msg('option.delimiter', { value: JSON.stringify(flags.delimiter) }));
  }
  const map = parseMap(flags.map);
  return {
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(map ? { map } : {}),
    ...(flags.skipInvalid ? { skipInvalid: true } : {}),
    ...(flags.sumDuplicates ? { sumDuplicates: true } : {}),
    ...(flags.records ? { recordLevel: true } : {}),
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    ...extra,
  };
}

/** --map count=Antal region=2 → { value: 'Antal', region: '2' } ("count" and "population" are names for the value role). */
export function parseMap(pairs: string[] | undefined): Partial<Record<Role, string>> | undefined {
  if (!pairs?.length) return undefined;
  const out: Partial<Record<Role, string>> = {};
  for (const pair of pairs.flatMap((p) => p.split(','))) {
    const m = /^\s*([a-zåäö_]+)\s*=\s*(.+?)\s*$/i.exec(pair);
    /* eslint-disable @typescript-eslint/no-non-null-assertion -- both groups of the pattern always capture. */
    const role = m ? normaliseRole(m[1]!) : undefined;
    if (!m || !role) throw usageError(msg('option.map', { pair, roles: ROLES.join(', ') }));
    out[role] = m[2]!;
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
  }
  return out;
}

function normaliseRole(word: string): Role | undefined {
  const w = word.toLowerCase();
  if (w === 'count' || w === 'population' || w === 'antal' || w === 'n') return 'value';
  return ROLES.find((role) => role === w);
}
