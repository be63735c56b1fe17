import type { Column, Lang, LocalColumn, LocalTable, Plain } from './model.js';
import { formatCell } from './numbers.js';
import { normaliseZipDates } from './zip-dates.js';

/**
 * Results as an Excel workbook (Office Open XML, written with exceljs): one sheet per table with
 * typed cells — numbers as numbers, codes and names as text (so "01" keeps its zero), years
 * and counts as integers — a bold, frozen header row, column widths that fit, and number
 * formats for --lang; then a sheet with each table's title and notes.
 *
 * The same tables give the same bytes: the workbook's created/modified dates are fixed and
 * the ZIP entries' dates set to the DOS epoch, so a committed workbook can be checked in CI.
 */
export interface Sheet {
  /** The sheet's tab name (at most 31 characters, none of []:*?/\). */
  name: string;
  table: LocalTable;
}

/** Words on the workbook itself, in the language of --lang. */
const WORDS = {
  en: { notes: 'Notes', data: 'Data' },
  sv: { notes: 'Anmärkningar', data: 'Data' },
} as const;

export function defaultSheetName(lang: Lang): string {
  return WORDS[lang].data;
}

/** The fixed date written as the workbook's created and modified time: the ZIP (DOS) epoch. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/**
 * The Excel number format for a column. Excel shows the grouping and decimal marks of the
 * reader's own locale; the [$-41D] (sv-SE) / [$-809] (en-GB) tag tells LibreOffice and Excel
 * which language the format belongs to. Percent columns hold percentages (12.5 means 12.5%),
 * as in CSV and JSON, so the sign is a literal, with the space Swedish typography puts before it.
 */
export function numberFormat(col: Column, lang: Lang): string | undefined {
  const tag = lang === 'sv' ? '[$-41D]' : '[$-809]';
  const decimals = (d: number) => (d > 0 ? `0.${'0'.repeat(d)}` : '0');
  const pct = lang === 'sv' ? '" %"' : '"%"';
  switch (col.type) {
    case 'text':
      // Text cells get "@" one by one (see renderXlsx): a text column may hold numbers, such as years.
      return undefined;
    case 'integer':
      return `${tag}#,##${decimals(col.digits ?? 0)}`;
    case 'signed-integer': {
      const f = `#,##${decimals(col.digits ?? 0)}`;
      return `${tag}+${f};-${f};${f}`;
    }
    case 'rate':
      return `${tag}#,##${decimals(col.digits ?? 1)}`;
    case 'percent':
      return `${tag}${decimals(col.digits ?? 0)}${pct}`;
    case 'signed-percent': {
      const f = decimals(col.digits ?? 0) + pct;
      return `${tag}+${f};-${f};${f}`;
    }
    default:
      return undefined;
  }
}

/** A tab name Excel accepts: forbidden characters replaced, at most 31 characters, unique in the book. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = (
    wanted
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet'
  ).slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The columns a workbook carries: those of the machine formats (every value, intervals as two columns). */
function workbookColumns(table: LocalTable): LocalColumn[] {
  return table.columns.filter((c) => c.only !== 'human' && c.only !== 'table' && c.type !== 'bar' && c.type !== 'interval');
}

/** Numbers rounded to 6 decimals, as in CSV and JSON, so every format carries the same values; no value is an empty cell. */
function cellValue(v: Plain | undefined): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return !Number.isFinite(v) ? null : Number.isInteger(v) ? v : Math.round(v * 1e6) / 1e6;
  return v;
}

/** Render tables to the bytes of an .xlsx file. */
export async function renderXlsx(sheets: Sheet[], lang: Lang): Promise<Uint8Array> {
  // exceljs is large; it is loaded only when a workbook is written, so other commands start fast.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'rehab-stats';
  wb.lastModifiedBy = 'rehab-stats';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  if (sheets[0]?.table.title) wb.title = sheets[0].table.title;
  const taken = new Set<string>();
  const words = WORDS[lang];
  const notesName = sheetName(words.notes, new Set(sheets.map((s) => s.name.toLowerCase())));
  for (const { name, table } of sheets) {
    const ws = wb.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    const cols = workbookColumns(table);
    const rows = [...table.rows, ...(table.apart ?? [])];
    ws.columns = cols.map((c) => {
      const shown = rows.map((r) => (r[c.key] === null || r[c.key] === undefined ? '' : formatCell(c, r, lang)));
      const widest = Math.max(header(c).length, ...shown.map((s) => s.length));
      const fmt = numberFormat(c, lang);
      return { header: header(c), key: c.key, width: Math.min(60, Math.max(6, widest + 2)), ...(fmt ? { style: { numFmt: fmt } } : {}) };
    });
    for (const r of rows) {
      const row = ws.addRow(Object.fromEntries(cols.map((c) => [c.key, cellValue(r[c.key])])));
      // Text stays text when edited in Excel ("01" would otherwise become 1); numbers in a text column (years) stay numbers.
      cols.forEach((c, i) => {
        if (typeof r[c.key] === 'string') row.getCell(i + 1).numFmt = '@';
      });
    }
    const head = ws.getRow(1);
    head.font = { bold: true };
    // The header is text whatever its column holds.
    head.eachCell((cell) => {
      cell.numFmt = '@';
    });
    if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  }
  const notes = wb.addWorksheet(notesName);
  notes.getColumn(1).width = 100;
  for (const { table } of sheets) {
    if (table.title) notes.addRow([table.title]).font = { bold: true };
    for (const n of table.notes) notes.addRow([n]);
    notes.addRow([]);
  }
  const buffer = await wb.xlsx.writeBuffer();
  return normaliseZipDates(new Uint8Array(buffer));
}

function header(c: LocalColumn): string {
  return c.header || c.key;
}
