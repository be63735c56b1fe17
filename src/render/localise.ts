import { cellWord, say, type Lang, type Text } from '../messages/index.js';
import type { LocalTable, ResultRow, ResultTable } from './model.js';

/**
 * A result table in one language, for a renderer: its title, headers and notes in `lang`, and
 * in Swedish the words machine formats keep as values ("higher", "women") in text cells.
 * Machine formats take the English table: their keys and values never change with the language.
 */
export function localise(table: ResultTable, lang: Lang): LocalTable {
  const text = (t: Text) => localText(t, lang);
  const cells = lang === 'en' ? undefined : table.columns.filter((c) => c.type === 'text').map((c) => c.key);
  const rows = (rs: ResultRow[]) =>
    cells
      ? rs.map((r) => ({
          ...r,
          ...Object.fromEntries(
            cells.flatMap((k) => {
              const v = r[k];
              return typeof v === 'string' ? [[k, cellText(v, lang)]] : [];
            }),
          ),
        }))
      : rs;
  const { title, ...rest } = table;
  return {
    ...rest,
    ...(title !== undefined ? { title: text(title) } : {}),
    columns: table.columns.map((c) => ({ ...c, header: text(c.header) })),
    rows: rows(table.rows),
    ...(table.apart ? { apart: rows(table.apart) } : {}),
    notes: table.notes.map(text),
  };
}

/** One text for people: a catalogue message in `lang`; a plain string (a name, a year, a file) as it is. */
export function localText(t: Text, lang: Lang): string {
  return say(t, lang);
}

/** A text cell: a value machine formats keep in English in `lang` (the catalogue's "cell.*" entries); any other text as it is. */
function cellText(value: string, lang: Lang): string {
  return cellWord(value, lang) ?? value;
}
