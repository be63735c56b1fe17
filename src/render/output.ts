import type { ChalkInstance } from 'chalk';
import { markHidden } from '../domain/publish.js';
import { t, type Text } from '../messages/index.js';
import { render } from './index.js';
import { localise, localText } from './localise.js';
import type { Column, Format, Lang, LocalRow, ResultRow, ResultTable } from './model.js';
import { defaultSheetName, renderXlsx } from './xlsx.js';

/** How a result is to look: the format, the language, the terminal's colours and the CSV choices. */
export interface OutputStyle {
  format: Format;
  lang: Lang;
  chalk: ChalkInstance;
  /** With csv: what Swedish Excel opens by double-click (BOM, ";", decimal comma). */
  excel: boolean;
  /** Keep formula-like text cells as they are in CSV/TSV (--no-formulas). */
  allowFormulas: boolean;
  /** A command's own colours for the terminal table's cells. */
  style?: (col: Column, row: ResultRow, text: string, chalk: ChalkInstance) => string;
}

/**
 * A result as the bytes of one output, and the notes that go to stderr: human formats and the
 * workbook carry the table's notes themselves, machine formats have no room for them, so
 * theirs go to stderr before the command's own. Hidden cells get a marker for people and stay
 * empty, with a status column, for machines. Pure: the workbook is built in memory.
 */
export async function renderResult(table: ResultTable, stderrNotes: readonly Text[], o: OutputStyle): Promise<{ data: string | Uint8Array; notes: Text[] }> {
  const human = o.format === 'table' || o.format === 'markdown';
  const forPeople = human || o.format === 'xlsx';
  const notes = forPeople ? [...stderrNotes] : [...table.notes, ...stderrNotes];
  const marked = human ? markHidden(table) : table;
  const shown = forPeople ? localise(marked, o.lang) : localise(marked, 'en', 'machine');
  const style = o.style;
  // A cell's colour comes from its row's values (vs_national 'higher'), not from the words the
  // language shows for them ("högre"): each shown row is looked up as the row it was made from.
  // Only a styled table (the terminal's) needs them.
  const typed = style ? new Map<LocalRow, ResultRow>([...zipRows(shown.rows, marked.rows), ...zipRows(shown.apart ?? [], marked.apart ?? [])]) : undefined;
  const data =
    o.format === 'xlsx'
      ? await renderXlsx([{ name: defaultSheetName(o.lang), table: shown }], o.lang)
      : render(shown, {
          format: o.format,
          lang: o.lang,
          chalk: o.chalk,
          excel: o.excel,
          allowFormulas: o.allowFormulas,
          ...(style ? { style: (c: Column, r: LocalRow, text: string) => style(c, typed?.get(r) ?? r, text, o.chalk) } : {}),
        });
  return { data, notes };
}

/** Each localised row with the row it was made from (localise keeps the rows and their order). */
function zipRows(shown: readonly LocalRow[], from: readonly ResultRow[]): [LocalRow, ResultRow][] {
  return shown.flatMap((r, i) => {
    const source = from[i];
    return source ? [[r, source]] : [];
  });
}

/** Notes for stderr, one a line: "note: …" / "obs: …". */
export function formatNotes(notes: readonly Text[], lang: Lang): string {
  return notes.map((n) => `${t(lang, 'label.note')}: ${localText(n, lang)}\n`).join('');
}
