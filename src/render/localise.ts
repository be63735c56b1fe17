import { say, type Lang, type Text } from '../messages/index.js';
import type { LocalRow, LocalTable, Plain, ResultRow, ResultTable, Value, Words } from './model.js';
import { wordFor } from './words.js';

/**
 * A result table in one language, for a renderer: its title, headers and notes in `lang`, a
 * cell that is text for people (a message, or text the data gives in both languages) in
 * `lang`, and for people (`audience`) a code in a column with words (vs_national "higher")
 * as its word in `lang`. Machine formats take the English table for the machine: their keys
 * and values never change with the language, and codes stay codes.
 */
export function localise(table: ResultTable, lang: Lang, audience: 'people' | 'machine' = 'people'): LocalTable {
  const text = (t: Text) => localText(t, lang);
  const words = new Map<string, Words>(audience === 'people' ? table.columns.flatMap((c) => (c.words ? [[c.key, c.words] as const] : [])) : []);
  const local = (rs: ResultRow[]): LocalRow[] =>
    rs.map((r) =>
      localRow(r, lang, (key, v) => {
        const w = words.get(key);
        const word = w && wordFor(w, v);
        return word ? say(word, lang) : v;
      }),
    );
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
