/**
 * The message catalogue: every sentence, hint, note, heading and header a person reads, one
 * key each, English and Swedish side by side (see the files beside this one). Code names a
 * message by its key with typed parameters — `msg('error.not-a-number', { value })` — and the
 * text is made only where the output is written, in the language decided once per run.
 * Machine formats (CSV, TSV, JSON keys and values) never go through here: they stay English.
 *
 * A leaf: it imports nothing of ours, so every layer may use it.
 */
import { ERRORS } from './errors.js';
import { USAGE } from './usage.js';
import { NOTES } from './notes.js';
import { WORDS } from './words.js';
import { CHARTS } from './charts.js';
import { TREND } from './trend.js';
import { CHECK } from './check.js';
import { CONFIG } from './config.js';
import { POPULATION } from './population.js';
import { CELLS } from './cells.js';
import { XLSX } from './xlsx.js';
import { COMMANDS } from './commands.js';
import { REPORT } from './report.js';
import { PROVENANCE } from './provenance.js';
import { fill, type Arg, type Entry, type Lang, type ParamsOf } from './template.js';

export { formatNumber, placeholderNames, type Lang } from './template.js';

/** Every entry, by key. Each group is its own file so parallel work on different areas rarely meets. */
export const CATALOGUE = {
  ...ERRORS,
  ...USAGE,
  ...NOTES,
  ...WORDS,
  ...CHARTS,
  ...TREND,
  ...CHECK,
  ...CONFIG,
  ...POPULATION,
  ...CELLS,
  ...XLSX,
  ...COMMANDS,
  ...REPORT,
  ...PROVENANCE,
} as const;
/** The groups as written, for the test that no key is defined twice. */
export const GROUPS = { ERRORS, USAGE, NOTES, WORDS, CHARTS, TREND, CHECK, CONFIG, POPULATION, CELLS, XLSX, COMMANDS, REPORT, PROVENANCE } as const;

type Catalogue = typeof CATALOGUE;
/** The catalogue looked up by any string: a key it lacks gives undefined. */
const ENTRIES: Readonly<Record<string, Entry | undefined>> = CATALOGUE;
export type MessageId = keyof Catalogue;
type Params<K extends MessageId> = ParamsOf<Catalogue[K]['en']>;

/** Set on every Message by msg() alone (a type, never a value): no other code can make one. */
declare const madeByMsg: unique symbol;

/**
 * A message named by its key, with the values its text needs: a value until it is written out.
 * Only msg() makes one, and it checks the values against the key's template (see {@link paramsOf}
 * for reading them back). One interface, not a union of the ~700 keys' shapes: that union cost
 * the type check seconds in every file that makes or passes a message.
 */
export interface Message {
  readonly id: MessageId;
  readonly params: Readonly<Record<string, Arg>>;
  readonly [madeByMsg]: true;
}

/**
 * Text the data itself carries in both languages, not a catalogue entry: a bundled source's
 * research note and its Swedish translation (src/data/population.csv's note and note_sv).
 */
export type Translated = Entry;

export function translated(en: string, sv: string): Translated {
  return { en, sv };
}

/** Text for people: a message, text the data gives in both languages, or a string shown as it is (a file name, a region's name, a cell). */
export type Text = Message | Translated | string;

type ParamArgs<K extends MessageId> = keyof Params<K> extends never ? [] : [params: Params<K>];

/** Names a message: `msg('error.empty-file')`, `msg('error.not-a-number', { value: '12,3OO' })`. */
export function msg<K extends MessageId>(id: K, ...params: ParamArgs<K>): Message {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the brand has no value: this is the one place that makes a Message, after ParamArgs<K> checked the parameters against K's template (none given means a message without any).
  return { id, params: params[0] ?? {} } as Message;
}

/** The parameters of `m` when it is the message `id`, typed as that message's; else undefined. */
export function paramsOf<K extends MessageId>(m: Message, id: K): Params<K> | undefined {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- msg(), the only maker of a Message, gave a message with this id exactly these parameters.
  return m.id === id ? (m.params as Params<K>) : undefined;
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && 'id' in x && typeof x.id === 'string' && x.id in CATALOGUE;
}

/** The text of a message (or a plain string, as it is) in `lang`. */
export function say(m: Text, lang: Lang): string {
  if (typeof m === 'string') return m;
  if (!('id' in m)) return m[lang];
  const entry = ENTRIES[m.id];
  if (!entry) throw new Error(`no message "${m.id}" in the catalogue`);
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a nested parameter with an id is a Message: Arg's message case is only ever filled by msg().
  return fill(entry[lang], m.params, lang, (inner) => say(inner as Message | Translated, lang));
}

/** Shorthand for text needed at once: `t('sv', 'word.rank')`. */
export function t<K extends MessageId>(lang: Lang, id: K, ...params: ParamArgs<K>): string {
  return say(msg(id, ...params), lang);
}

/** The English text, for Error.message and logs. */
export function english(m: Text): string {
  return say(m, 'en');
}

/**
 * The language of human output, decided once per run: `--lang` if given, else the locale
 * (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them); Swedish for any sv_* locale.
 */
export function resolveLang(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag === 'sv' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^sv/i.test(locale) ? 'sv' : 'en';
}

/**
 * The --lang value on a command line, read before the command line is parsed, so that errors
 * in parsing it (an unknown option, a missing value) are already in the right language.
 * Stops at "--", after which words are operands.
 */
export function langFlag(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const [i, a] of args.entries()) {
    if (a === '--') break;
    if (a === '--lang') found = args[i + 1];
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

/** "women" / "kvinnor": a sex in words, for messages. */
export function sexWord(sex: 'women' | 'men' | 'total'): Message {
  return sex === 'women' ? msg('word.women') : sex === 'men' ? msg('word.men') : msg('word.total');
}
