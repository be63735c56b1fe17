import { cellWord, say, type Lang, type Text } from '../messages/index.js';
import type { LocalRow, LocalTable, Plain, ResultRow, ResultTable, Value } from './model.js';

/**
 * A result table in one language, for a renderer: its title, headers and notes in `lang`, a
 * cell that is text for people (a message, or text the data gives in both languages) in
 * `lang`, and in Swedish the words machine formats keep as values ("higher", "women") in text
 * cells. Machine formats take the English table: their keys and values never change with the language.
 */
export function localise(table: ResultTable, lang: Lang): LocalTable {
  const text = (t: Text) => localText(t, lang);
  const words = new Set(lang === 'en' ? [] : table.columns.filter((c) => c.type === 'text').map((c) => c.key));
  const local = (rs: ResultRow[]): LocalRow[] => rs.map((r) => localRow(r, lang, (key, v) => (words.has(key) ? cellText(v, lang) : v)));
  const { title, rows, apart, ...rest } = table;
  return {
    ...rest,
    ...(title !== undefined ? { title: text(title) } : {}),
    columns: table.columns.map((c) => ({ ...c, header: text(c.header) })),
    rows: local(rows),
    ...(apart ? { apart: local(apart) } : {}),
    notes: table.notes.map(text),
  };
}

/**
 * A row in one language: a cell that is text for people (a message, or text the data gives in
 * both languages) written in `lang`; a plain string through `word` (as it is by default); numbers as they are.
 */
export function localRow(row: ResultRow, lang: Lang, word: (key: string, value: string) => string = (_key, value) => value): LocalRow {
  const cell = (key: string, v: Value): Plain => (v === null || typeof v === 'number' ? v : typeof v === 'string' ? word(key, v) : say(v, lang));
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(k, v)]));
}

/** One text for people: a catalogue message in `lang`; a plain string (a name, a year, a file) as it is. */
export function localText(t: Text, lang: Lang): string {
  return say(t, lang);
}

/** A text cell: a value machine formats keep in English in `lang` (the catalogue's "cell.*" entries); any other text as it is. */
function cellText(value: string, lang: Lang): string {
  return cellWord(value, lang) ?? value;
}
