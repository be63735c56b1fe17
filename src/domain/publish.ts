import type { CountCell } from './select.js';
import type { CellTable, Protected, Row, Value } from './cells.js';
import { disclosedCells, suppressCells, type Relation } from '../stats/disclosure.js';
import { roundCount } from '../stats/round-count.js';
import { msg } from '../messages/index.js';

/**
 * Publishing rules for a result table: small counts hidden (primary suppression), further cells
 * hidden so that no hidden count follows from the printed totals (secondary suppression), shown
 * counts optionally rounded, and a status per count saying why a value is absent.
 */

/** What `--suppress N` and `--round-counts K` ask for; 0 means off. */
export interface PublishRule {
  /** Counts below this are hidden. */
  suppress: number;
  /** Shown counts are rounded to a multiple of this. */
  roundTo: number;
}

export const NO_RULE: PublishRule = { suppress: 0, roundTo: 0 };

export function ruleActive(rule: PublishRule | undefined): rule is PublishRule {
  return !!rule && (rule.suppress > 0 || rule.roundTo > 1);
}

/**
 * Why a count is shown or absent — the values of the `*_status` columns:
 * shown; rounded (shown, rounded to the base); suppressed-primary (below the threshold);
 * suppressed-secondary (hidden so that a small count cannot be worked out from a total);
 * missing (not in the input); zero-base (shown, but a percentage of it cannot be taken).
 */
export type CellStatus = 'shown' | 'rounded' | 'suppressed-primary' | 'suppressed-secondary' | 'missing' | 'zero-base';

/** How a hidden cell looks in human formats (table, Markdown, HTML, report): not "–" (missing), not 0, and not ".." (which input files use for missing). */
export const HIDDEN_MARKER = '×';

/** How a table's cells relate, for suppression. Rows are indexed as `[...rows, ...apart]`. */
export interface DisclosureSpec {
  /** The count columns; each gets a `<key>_status` column. */
  countKeys: readonly string[];
  /** For each count column, the columns of the same row computed from it (rate, interval, rank …), hidden with it. */
  derivedKeys: Readonly<Record<string, readonly string[]>>;
  /** Cells of other rows computed from a count (a series' next change), by id; hidden with it. */
  derivedCells?: (i: number, key: string) => readonly string[];
  /** The printed additive relations, over ids from `cellId`. */
  relations: readonly Relation[];
  /** Cells that print the same figure share an id (a share table's total in every row); default `i:key`. */
  cellId?: (i: number, key: string) => string;
  /** The count before rounding, when the table was computed from rounded counts. */
  trueValue?: (row: Row, key: string) => number | null | undefined;
  /** A count whose zero leaves a percentage undefined (growth's base). */
  zeroBaseKey?: string;
  /** Count cells hidden from the start (another table printing the same counts hides them). */
  forced?: ReadonlySet<string>;
  /** A note column: a row with a hidden count says why there, instead of a note that could tell its size. */
  noteKey?: string;
  /** Rank again among the shown rows (a gap in the ranks, or a row's place, would tell a hidden rate). */
  rerank?: { key: string; orderKey: string };
}

export const cellRef = (i: number, key: string): string => `${i}:${key}`;

/**
 * Applies the rule to a table: hidden cells become null, each count gets its `<key>_status`
 * cell (listed in `statusKeys`; machine formats print them), hidden cells are listed in
 * `hidden` for the human marker, and ranks are recomputed among the shown rows. The table's
 * rows are changed in place; whatever else the table carries (its columns) is kept.
 */
export function protectTable<T extends CellTable>(table: T, spec: DisclosureSpec, rule: PublishRule): T & Protected {
  if (!ruleActive(rule)) return table;
  const all = [...table.rows, ...(table.apart ?? [])];
  const idOf = spec.cellId ?? cellRef;
  const counts = new Map<string, number | null>();
  const derived = new Map<string, string[]>();
  const cellsOf = new Map<string, { row: Row; key: string }[]>();
  const note = (id: string, row: Row, key: string) => {
    const cells = cellsOf.get(id) ?? [];
    cells.push({ row, key });
    cellsOf.set(id, cells);
  };
  all.forEach((row, i) => {
    for (const key of Object.keys(row)) note(idOf(i, key), row, key);
    for (const key of spec.countKeys) {
      const id = idOf(i, key);
      const truth = spec.trueValue?.(row, key);
      const shown = row[key];
      counts.set(id, truth !== undefined ? truth : typeof shown === 'number' ? shown : null);
      const list = derived.get(id) ?? [];
      list.push(...(spec.derivedKeys[key] ?? []).map((d) => idOf(i, d)), ...(spec.derivedCells?.(i, key) ?? []));
      derived.set(id, list);
    }
  });
  const result = suppressCells({ counts, relations: spec.relations, threshold: rule.suppress, derived, ...(spec.forced ? { forced: spec.forced } : {}) });
  const hidden = new Map<Row, Set<string>>();
  for (const id of result.hidden) {
    for (const { row, key } of cellsOf.get(id) ?? []) {
      row[key] = null;
      hidden.set(row, (hidden.get(row) ?? new Set()).add(key));
    }
  }
  all.forEach((row, i) => {
    for (const key of spec.countKeys) {
      const id = idOf(i, key);
      const status: CellStatus = result.primary.has(id)
        ? 'suppressed-primary'
        : result.secondary.has(id)
          ? 'suppressed-secondary'
          : counts.get(id) === null
            ? 'missing'
            : key === spec.zeroBaseKey && counts.get(id) === 0
              ? 'zero-base'
              : rule.roundTo > 1
                ? 'rounded'
                : 'shown';
      row[`${key}_status`] = status;
    }
    const hiddenInRow = hidden.get(row);
    if (spec.noteKey && hiddenInRow) {
      const primary = spec.countKeys.some((k) => result.primary.has(idOf(i, k)));
      row[spec.noteKey] = primary ? msg('cell.hidden-fewer-than', { n: rule.suppress }) : msg('cell.hidden-reveals-small');
      hiddenInRow.delete(spec.noteKey);
    }
  });
  const notes = [...table.notes];
  if (rule.suppress > 0) notes.push(msg('note.suppressed', { threshold: rule.suppress, marker: HIDDEN_MARKER }));
  if (rule.roundTo > 1) notes.push(msg('note.rounded', { k: rule.roundTo }));
  if (spec.rerank) rerank(table, spec.rerank);
  return { ...table, notes, hidden, statusKeys: spec.countKeys };
}

/**
 * Competition ranks among the rows still showing their rank: one more than the shown rows ranked
 * above — so ties and order are the original ranking's, whatever rule made it. The rows without a
 * rank go last, by `orderKey`.
 */
function rerank(table: CellTable, r: NonNullable<DisclosureSpec['rerank']>): void {
  const before = table.rows.map((row) => row[r.key]).filter((v): v is number => typeof v === 'number');
  for (const row of table.rows) {
    const mine = row[r.key];
    if (typeof mine === 'number') row[r.key] = 1 + before.filter((v) => v < mine).length;
  }
  // The order key is a code or a name (text or a number), never a message.
  const order = (v: Value | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  table.rows.sort((a, b) => {
    const ra = a[r.key];
    const rb = b[r.key];
    if (typeof ra === 'number' && typeof rb === 'number') return ra - rb || order(a[r.orderKey]).localeCompare(order(b[r.orderKey]));
    if (typeof ra === 'number') return -1;
    if (typeof rb === 'number') return 1;
    return order(a[r.orderKey]).localeCompare(order(b[r.orderKey]));
  });
}

/** The human view: every hidden cell shows the marker. Rows are copied; the table given is left alone. */
export function markHidden<T extends CellTable & Protected>(table: T): T {
  const hidden = table.hidden;
  if (!hidden?.size) return table;
  const mark = (row: Row): Row => {
    const keys = hidden.get(row);
    return keys ? { ...row, ...Object.fromEntries([...keys].map((k) => [k, HIDDEN_MARKER])) } : row;
  };
  const out: T = { ...table, rows: table.rows.map(mark), ...(table.apart ? { apart: table.apart.map(mark) } : {}) };
  delete out.hidden;
  return out;
}

/** Counts rounded to the rule's base, for computing what is shown from them (see README "Publishing"). */
export function roundCells(counts: Map<string, CountCell>, rule: PublishRule | undefined): Map<string, CountCell> {
  if (!rule || rule.roundTo <= 1) return counts;
  return new Map([...counts].map(([k, c]) => [k, c.value === null ? c : { ...c, value: roundCount(c.value, rule.roundTo) }]));
}

/** True when a hidden cell can be worked out from the table's printed relations (for tests and a last check). */
export function anyDisclosed(relations: readonly Relation[], hidden: ReadonlySet<string>): boolean {
  return disclosedCells(relations, hidden).length > 0;
}

/** The sum relation of a column: the apart row (index `total`) = the rows `parts` that have a value. */
export function columnSum(key: string, total: number, parts: readonly number[], idOf: (i: number, key: string) => string = cellRef): Relation {
  return { total: idOf(total, key), parts: parts.map((i) => idOf(i, key)), nonNegative: true };
}
