import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import { dataError, ioError, RehabError, usageError, type Location } from '../errors.js';
import type { Row } from '../parse/records.js';
import { locateTable, type TableBlock } from '../parse/table.js';
import type { Measure } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { refuseHuge, shapeOptions, shapeRaw, type LoadedTable } from './load.js';
import type { ReadOptions } from './options.js';
import { planColumns, type Problem } from './shape.js';
import { shown } from './text.js';
import { rateLikeHeader } from './validate.js';
import { msg, type Message, type Text } from '../messages/index.js';

/**
 * The xlsx source stage: a workbook's chosen sheet → the rows of cells the CSV parser would
 * give for the same sheet saved as CSV (title rows, blank rows, a footnote block, merged
 * cells holding their value in the first cell only) → the shaping and validation every CSV
 * input goes through, unchanged. Every problem names the sheet, the row and the cell.
 *
 * Cells become the text a CSV export would hold, read the way the CSV path reads a Swedish
 * (";"-separated, decimal comma) file: numbers exactly (to Excel's 15 significant digits, so
 * 12.000000000000002 is 12), numbers stored as text as they are ("1 234"), rich text as its
 * plain text, a formula as its saved result. What a CSV export would hide is an error: an
 * error value (#N/A) or a formula without a saved result in a column that is read, and a date
 * where a year or a number belongs (unless its format shows only the year).
 */

/** The first bytes of a ZIP archive (xlsx, ods) and of an OLE compound file (old .xls). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A spreadsheet or archive by its first bytes; undefined for anything else (text). */
export function containerOf(head: Uint8Array): 'zip' | 'ole' | undefined {
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (starts(ZIP_MAGIC) || starts(EMPTY_ZIP_MAGIC)) return 'zip';
  if (starts(OLE_MAGIC)) return 'ole';
  return undefined;
}

/** The separator and decimal mark a sheet's cells are read with: the Swedish CSV export's. */
const DECIMAL = ',' as const;

/**
 * Reads the chosen sheet of an xlsx workbook to observations. `bytes` is the whole file; a
 * ZIP that is not an xlsx workbook (.ods, .xlsb, any archive) and an old binary .xls are
 * refused with the fix.
 */
export async function loadWorkbook(bytes: Uint8Array, file: string, measure: Measure, regions: RegionIndex, opts: ReadOptions = {}): Promise<LoadedTable> {
  refuseOtherContainers(bytes, file);
  const ws = chooseSheet(await openWorkbook(bytes, file), file, opts.sheet, includes(bytes, 'xl/chartsheets/'));
  const grid = sheetGrid(ws);
  const at = new SheetPlace(file, ws.name, grid);
  try {
    return readGrid(grid, at, measure, regions, opts);
  } catch (e) {
    throw at.locate(e);
  }
}

function refuseOtherContainers(bytes: Uint8Array, file: string): void {
  const kind = containerOf(bytes);
  if (kind === 'ole') {
    throw ioError(msg('xlsx.xls'), file, msg('xlsx.xls.hint'));
  }
  const has = (text: string) => includes(bytes, text);
  if (has('application/vnd.oasis.opendocument.spreadsheet')) {
    throw ioError(msg('xlsx.ods'), file, msg('xlsx.ods.hint', { command: 'soffice --headless --convert-to xlsx FILE.ods' }));
  }
  if (has('xl/workbook.bin')) {
    throw ioError(msg('xlsx.xlsb'), file, msg('xlsx.save-as.hint'));
  }
  if (!has('xl/workbook.xml')) {
    throw ioError(msg('xlsx.zip'), file, msg('xlsx.zip.hint'));
  }
}

/** Whether the bytes hold this text (a ZIP's entry names are stored as plain text). */
function includes(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

async function openWorkbook(bytes: Uint8Array, file: string): Promise<Workbook> {
  // exceljs is large; it is loaded only when a workbook is read, so other commands start fast.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- exceljs declares load()'s argument as its own Buffer (an ArrayBuffer); it takes a Node Buffer.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw ioError(msg('xlsx.unreadable', { reason: e instanceof Error ? e.message : String(e) }), file, msg('xlsx.unreadable.hint'));
  }
  return wb;
}

/** "1 "Blad1", 2 "Data"": the sheets, for messages. */
function listSheets(sheets: Worksheet[]): string {
  return sheets.map((s, i) => `${i + 1} "${s.name}"`).join(', ');
}

/**
 * --sheet NAME or N (1-based, in tab order); the first sheet without it. Chart sheets hold no
 * cells and are not counted (exceljs does not load them), so with chart sheets in the workbook
 * a position could name another tab than the user sees: a sheet is then chosen by name only.
 */
export function chooseSheet(wb: Workbook, file: string, wanted: string | undefined, chartSheets = false): Worksheet {
  const sheets = wb.worksheets;
  const [first] = sheets;
  if (!first) throw dataError(msg('xlsx.no-sheets'), { file }, msg('xlsx.no-sheets.hint'));
  if (wanted === undefined) return first;
  const key = wanted.trim().toLowerCase();
  // Excel compares sheet names without regard to case.
  const byName = sheets.find((s) => s.name.trim().toLowerCase() === key);
  if (!byName && chartSheets && /^\d+$/.test(key)) {
    throw usageError(msg('xlsx.chart-sheets', { wanted, file }), msg('xlsx.chart-sheets.hint', { sheets: listSheets(sheets) }));
  }
  const byNumber = /^\d+$/.test(key) && !chartSheets ? sheets[Number(key) - 1] : undefined;
  if (byName && byNumber && byName !== byNumber) {
    throw usageError(
      msg('xlsx.name-and-position', { wanted, file, named: byName.name, position: key, other: byNumber.name }),
      msg('xlsx.name-and-position.hint', { sheets: listSheets(sheets) }),
    );
  }
  const ws = byName ?? byNumber;
  if (!ws) throw usageError(msg('xlsx.no-such-sheet', { wanted, file }), msg('xlsx.no-such-sheet.hint', { sheets: listSheets(sheets) }));
  return ws;
}

/** A cell CSV cannot show as it is: an error value, a formula never calculated, a date. */
type CellNote =
  /** The error value (#N/A), or what is wrong with the cell in words. */
  | { kind: 'error'; text: Text }
  /** The formula (=SUM(B2:B5)) or the date as ISO text. */
  | { kind: 'no-result' | 'date'; text: string };

/** A merged range, 1-based and inclusive. */
interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A sheet as the rows of a CSV export, with what the export would lose. */
export interface Grid {
  rows: Row[];
  /** Notes on cells by "row:column" (1-based). */
  notes: Map<string, CellNote>;
  merges: Range[];
}

/**
 * The sheet's used cells as rows of text, every row as wide as the widest (as Excel writes
 * CSV), empty rows and columns after the last filled one left out. A merged range holds its
 * value in its first cell only, as in a CSV export.
 */
export function sheetGrid(ws: Worksheet): Grid {
  const notes = new Map<string, CellNote>();
  const byRow = new Map<number, string[]>();
  let lastRow = 0;
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const { text, note } = cellText(cell);
      if (note) notes.set(`${r}:${c}`, note);
      if (text.trim() === '' && !note) return;
      cells[c - 1] = text;
      lastRow = Math.max(lastRow, r);
      width = Math.max(width, c);
    });
    byRow.set(r, cells);
  });
  const rows: Row[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const cells = byRow.get(r) ?? [];
    rows.push({ cells: Array.from({ length: width }, (_, i) => cells[i] ?? ''), line: r });
  }
  const merges = ws.model.merges.map(parseRange).filter((m): m is Range => m !== undefined);
  return { rows, notes, merges };
}

/**
 * Excel shows at most 15 significant digits: 12.000000000000002 (0.1 × 120) is 12. Made on
 * first use: an Intl formatter costs start-up milliseconds, and most runs read no workbook.
 */
let digits: Intl.NumberFormat | undefined;

/** A number as the CSV path reads it back exactly (decimal comma, no grouping, no exponent). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const text = Number.isSafeInteger(n) ? String(n) : (digits ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 })).format(n);
  return text.replace('.', DECIMAL);
}

/** A cell's value as the text a CSV export would hold, with a note where it cannot. */
function cellText(cell: Cell): { text: string; note?: CellNote } {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    if (value.result === undefined) {
      return { text: '', note: { kind: 'no-result', text: `=${cell.formula}` } };
    }
    return valueText(value.result, cell.numFmt);
  }
  return valueText(value, cell.numFmt);
}

function valueText(value: CellValue, numFmt: string | undefined): { text: string; note?: CellNote } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: '', note: { kind: 'error', text: msg('xlsx.invalid-date') } };
    // A date formatted to show only its year is that year, as the sheet and its CSV show it.
    if (yearOnly(numFmt)) return { text: String(value.getUTCFullYear()) };
    const iso = value.toISOString();
    const text = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
    return { text, note: { kind: 'date', text } };
  }
  if ('error' in value) return { text: '', note: { kind: 'error', text: value.error } };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('text' in value) return valueText(value.text, numFmt);
  return { text: '' };
}

/** "yyyy" (with any locale tag such as [$-41D]): a date format that shows the year alone. */
function yearOnly(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /^y{3,4}$/i.test(numFmt.replace(/\[[^\]]*\]|["\\]/g, '').trim());
}

/** "C7" → column 3; "AA1" → 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 3 → "C"; 27 → "AA". */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function parseRange(text: string): Range | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(text.trim());
  if (!m) return undefined;
  const [, c1 = '', r1 = '', c2, r2] = m;
  const a = { row: Number(r1), col: columnNumber(c1) };
  const b = c2 ? { row: Number(r2), col: columnNumber(c2) } : a;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

/** "Blad1!C7", "'Län 2014'!C7": a cell as Excel writes a reference to it. */
export function cellReference(sheet: string, row: number, column: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetters(column)}${row}`;
}

/**
 * Where a problem sits in the sheet: every error and problem raised while shaping gets the
 * sheet, and the cell when its row and column are known.
 */
class SheetPlace {
  header: string[] = [];

  constructor(
    readonly file: string,
    readonly sheet: string,
    readonly grid: Grid,
  ) {}

  /** A column's 0-based index by its header (when one column has it), or by its number when no header is that. */
  index(column: string): number | undefined {
    const matches = this.header.flatMap((h, i) => (h.trim() === column.trim() ? [i] : []));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0 && /^\d+$/.test(column) && Number(column) >= 1) return Number(column) - 1;
    return undefined;
  }

  /** The cell of a row and a column (its header, or its number when the header has none). */
  cell(line: number | undefined, column: string | undefined): string | undefined {
    if (line === undefined || column === undefined) return undefined;
    const index = this.index(column);
    return index === undefined ? undefined : cellReference(this.sheet, line, index + 1);
  }

  where(line?: number, column?: string, index?: number): Location {
    const cell = index !== undefined && line !== undefined ? cellReference(this.sheet, line, index + 1) : this.cell(line, column);
    return { file: this.file, sheet: this.sheet, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), ...(cell ? { cell } : {}) };
  }

  /** A note on the cell a location names, if the CSV text hides what the cell holds. */
  note(loc: Location): CellNote | undefined {
    if (loc.line === undefined || loc.column === undefined) return undefined;
    const index = this.index(loc.column);
    return index !== undefined ? this.grid.notes.get(`${loc.line}:${index + 1}`) : undefined;
  }

  problem(p: Problem): Problem {
    const cell = this.cell(p.line, p.column);
    const note = this.note({ file: this.file, ...p });
    return { ...p, ...(cell ? { cell } : {}), ...(note?.kind === 'date' ? { hint: DATE_HINT } : {}) };
  }

  /** An error from shaping, with the sheet and the cell added to its location. */
  locate(e: unknown): unknown {
    if (!(e instanceof RehabError) || !e.location || e.location.file !== this.file || e.location.sheet !== undefined) return e;
    const loc = this.where(e.location.line, e.location.column);
    const note = this.note(loc);
    // The message itself is kept as it is (a catalogue message stays one, for --lang sv).
    return new RehabError(e.text, { exitCode: e.exitCode, location: loc, ...(note?.kind === 'date' ? { hint: DATE_HINT } : e.hintText !== undefined ? { hint: e.hintText } : {}) });
  }
}

const DATE_HINT = msg('xlsx.date.hint');

function readGrid(grid: Grid, at: SheetPlace, measure: Measure, regions: RegionIndex, opts: ReadOptions): LoadedTable {
  const { file, sheet } = at;
  if (grid.rows.every((r) => r.cells.every((c) => c.trim() === '')) && grid.notes.size === 0) {
    throw dataError(msg('xlsx.sheet-empty'), { file, sheet }, msg('xlsx.choose-sheet.hint'));
  }
  refuseHuge(grid.rows, file, msg('xlsx.right-sheet.hint'));
  const located = locateTable(grid.rows);
  if (!located) throw dataError(msg('xlsx.no-table'), { file, sheet }, msg('xlsx.choose-sheet.hint'));
  const { block, headerLines } = spanningHeader(located, grid.merges, at, measure);
  at.header = block.header.cells;
  if (block.body.length === 0) throw dataError(msg('xlsx.header-only'), at.where(block.header.line));
  const { block: readable, problems } = unreadableCells(block, headerLines, grid, at, measure, regions, opts);
  const table = shapeRaw({ block: readable, encoding: 'xlsx', bom: false, delimiter: ';', decimal: DECIMAL, ragged: problems }, file, measure, regions, opts);
  return { ...table, sheet, readBy: 'xlsx', problems: table.problems.map((p) => at.problem(p)) };
}

/**
 * A header over two rows: a merged cell spanning several columns ("Antal behandlingar" over
 * KBT, IPT, MMR; "År" over 2013, 2014) with the columns' own headers in the row below. Each
 * column's header is then its own (lower) header, or the one above it where it has none
 * ("Region" merged down over both rows). The group above must not turn the numbers into
 * something else: a rate or share above them is an error, as it is in a header, and so is
 * the same header under two groups, which one header row cannot say apart.
 */
function spanningHeader(block: TableBlock, merges: Range[], at: SheetPlace, measure: Measure): { block: TableBlock; headerLines: number[] } {
  const h = block.header;
  const across = (line: number) => merges.filter((m) => m.top === line && m.right > m.left);
  const filled = (row: Row, m: Range) => {
    for (let c = m.left; c <= m.right; c++) if ((row.cells[c - 1] ?? '').trim() === '') return false;
    return true;
  };
  const next = block.body[0];
  const prev = block.above.at(-1);
  let upper: Row;
  let lower: Row;
  let groups: Range[];
  if (next && next.line === h.line + 1 && across(h.line).length && across(h.line).every((m) => filled(next, m))) {
    [upper, lower, groups] = [h, next, across(h.line)];
  } else if (prev && prev.line === h.line - 1 && across(prev.line).length && across(prev.line).every((m) => filled(h, m))) {
    [upper, lower, groups] = [prev, h, across(prev.line)];
  } else {
    return { block, headerLines: [h.line] };
  }
  const cells = lower.cells.map((text, i) => (text.trim() !== '' ? text : upperText(upper, merges, i + 1)));
  const groupOf = (col: number) => {
    const m = groups.find((g) => g.left <= col && col <= g.right);
    return m ? (upper.cells[m.left - 1] ?? '').trim() : undefined;
  };
  const seen = new Map<string, string>();
  cells.forEach((text, i) => {
    const group = groupOf(i + 1);
    if (group === undefined || text.trim() === '') return;
    if (rateLikeHeader(group)) {
      const population = measure === 'population';
      throw dataError(
        msg(population ? 'xlsx.group-rate-population' : 'xlsx.group-rate', { column: text.trim(), group }),
        at.where(upper.line, undefined, i),
        msg(population ? 'xlsx.group-rate-population.hint' : 'xlsx.group-rate.hint'),
      );
    }
    const key = text.trim().toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && other !== group) {
      throw dataError(
        msg('xlsx.header-in-two-groups', { header: text.trim(), first: other, second: group }),
        at.where(lower.line, undefined, i),
        msg('xlsx.header-in-two-groups.hint'),
      );
    }
    seen.set(key, group);
  });
  const header: Row = { cells, line: upper.line };
  const headerLines = [upper.line, lower.line];
  return upper === h ? { block: { ...block, header, body: block.body.slice(1) }, headerLines } : { block: { ...block, above: block.above.slice(0, -1), header }, headerLines };
}

/** The text of a cell of the upper header row, or of the merged range that covers it. */
function upperText(upper: Row, merges: Range[], col: number): string {
  const m = merges.find((r) => r.top <= upper.line && upper.line <= r.bottom && r.left <= col && col <= r.right);
  return m && m.top === upper.line ? (upper.cells[m.left - 1] ?? '') : (upper.cells[col - 1] ?? '');
}

/**
 * Error values and formulas without a saved result: in the header they stop reading; in a
 * column that is read, the row is a problem (an error, or left out with --skip-invalid and
 * listed by check); in a column that is not read they are as empty as their CSV text.
 */
function unreadableCells(
  block: TableBlock,
  headerLines: number[],
  grid: Grid,
  at: SheetPlace,
  measure: Measure,
  regions: RegionIndex,
  opts: ReadOptions,
): { block: TableBlock; problems: Problem[] } {
  const unreadable = (line: number, index: number) => {
    const note = grid.notes.get(`${line}:${index + 1}`);
    return note && note.kind !== 'date' ? note : undefined;
  };
  const describe = (note: CellNote): { message: Message; hint: Message } =>
    note.kind === 'error'
      ? { message: msg('xlsx.cell-error', { error: note.text }), hint: msg('xlsx.cell-error.hint', { error: note.text }) }
      : { message: msg('xlsx.no-result', { formula: shown(note.text) }), hint: msg('xlsx.no-result.hint') };
  for (const line of headerLines) {
    for (let i = 0; i < block.header.cells.length; i++) {
      const note = unreadable(line, i);
      if (note) {
        const d = describe(note);
        throw dataError(d.message, at.where(line, undefined, i), d.hint);
      }
      // A date as a header would be an unknown column, and its values silently unread (a year typed as a date).
      const date = grid.notes.get(`${line}:${i + 1}`);
      if (date?.kind === 'date') throw dataError(msg('xlsx.header-date', { date: date.text }), at.where(line, undefined, i), msg('xlsx.header-date.hint'));
    }
  }
  if (![...grid.notes.values()].some((n) => n.kind !== 'date')) return { block, problems: [] };
  const columns = planColumns(block, shapeOptions(at.file, measure, regions, DECIMAL, opts));
  const read = columns.filter((c) => c.use !== 'unused');
  const collect = opts.collectProblems || opts.skipInvalid;
  const problems: Problem[] = [];
  const bad = new Set<number>();
  for (const row of block.body) {
    for (const col of read) {
      const note = unreadable(row.line, col.index);
      if (!note) continue;
      const d = describe(note);
      const column = col.header || String(col.index + 1);
      if (!collect) throw dataError(d.message, at.where(row.line, column, col.index), d.hint);
      problems.push({ line: row.line, column, cell: cellReference(at.sheet, row.line, col.index + 1), ...d });
      bad.add(row.line);
      break;
    }
  }
  return { block: bad.size ? { ...block, body: block.body.filter((r) => !bad.has(r.line)) } : block, problems };
}
