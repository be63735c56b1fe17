/**
 * Message templates: plain text with placeholders in braces. A leaf module — it imports
 * nothing of ours, so every layer may use it.
 *
 *   {name}            the parameter as given (text, a year, a line number, a nested message)
 *   {name:n}          a number in the language's style: "10,551,707" / "10 551 707"
 *   {name:n1}         the same with one decimal (n0 … n3): "1,234.5" / "1 234,5"
 *   {name:g}          a number with the decimals it has: 99.8 / 99,8
 *   {name:p3}         three significant digits: 0.00710 / 0,00710
 *   {name|one|other}  a word chosen by the number: "row" when it is 1, else "rows"
 *
 * The parameter types follow from the English template, so a caller cannot forget one or
 * pass a word where a number is needed.
 */

/** The languages of human output. Machine formats (CSV, TSV, JSON) are always English. */
export type Lang = 'en' | 'sv';

/** One entry of the catalogue: the English and the Swedish text side by side. */
export interface Entry {
  readonly en: string;
  readonly sv: string;
}

/** The placeholders of a template, as written between the braces. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type ParamName<P extends string> = P extends `${infer N}|${string}` ? N : P extends `${infer N}:${string}` ? N : P;
type NumericPlaceholder<P extends string> = P extends `${string}|${string}` | `${string}:${string}` ? P : never;

/** A parameter that is text of its own: another message, or text given in both languages (an Entry). */
export type Nested = { readonly id: string; readonly params: object } | Entry;

/**
 * A value for a plain placeholder: text as it is, a number as typed, another message or text
 * given in both languages, in the same language, or a list of those (written with ", " between them).
 */
export type Arg = string | number | Nested | readonly Arg[];

/** The parameters a template needs: numbers for formatted and plural placeholders, anything printable otherwise. */
export type ParamsOf<S extends string> = {
  readonly [P in Placeholders<S> as ParamName<P>]: [NumericPlaceholder<Placeholders<S>> & `${ParamName<P>}${'|' | ':'}${string}`] extends [never] ? Arg : number;
};

/** "1,234.5" / "1 234,5"; a minus sign (−) for negatives. Grouping in Swedish is a plain space, so columns align. */
export function formatNumber(value: number, digits: number, lang: Lang): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [int, frac] = fixed.split('.');
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split always returns at least one string.
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? ' ' : ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return sign + grouped + (frac ? (lang === 'sv' ? ',' : '.') + frac : '');
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The parameter names a template uses, for checking that both languages ask for the same ones. */
export function placeholderNames(template: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- PLACEHOLDER's one group always captures, and split returns at least one string.
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!.split(/[|:]/)[0]!);
}

/**
 * Fills a template. `nested` renders a parameter that is itself a message, in the same language.
 * A parameter left undefined prints as "–".
 */
export function fill(template: string, params: Readonly<Record<string, unknown>>, lang: Lang, nested: (m: Nested) => string): string {
  return template.replace(PLACEHOLDER, (_, spec: string) => {
    /* eslint-disable @typescript-eslint/no-non-null-assertion -- split always returns at least one string, so name
       and key are set; rest[0] and rest[rest.length - 1] exist when rest.length is not 0. */
    const [name, ...rest] = spec.split('|');
    if (rest.length) {
      const n = params[name!];
      if (typeof n !== 'number') throw new Error(`message parameter "${name}" must be a number`);
      return n === 1 ? rest[0]! : rest[rest.length - 1]!;
    }
    const [key, format] = spec.split(':');
    const value = params[key!];
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    // The types make every parameter present; a value that is still undefined (a year of an
    // empty selection) shows as the missing-value dash rather than failing the whole message.
    if (value === undefined) return '–';
    if (format !== undefined) {
      if (typeof value !== 'number') throw new Error(`message parameter "${key}" must be a number`);
      return formatAs(value, format, lang);
    }
    return argText(value, nested);
  });
}

function argText(value: unknown, nested: (m: Nested) => string): string {
  if (Array.isArray(value)) return value.map((v) => argText(v, nested)).join(', ');
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- an object parameter is a message (with an id) or an Entry: Arg allows no other.
  if (typeof value === 'object' && value !== null && ('id' in value || 'en' in value)) return nested(value as Nested);
  return String(value);
}

function formatAs(value: number, format: string, lang: Lang): string {
  if (format === 'g') return formatNumber(value, (String(value).split('.')[1] ?? '').length, lang);
  if (format.startsWith('p')) {
    const text = value.toPrecision(Number(format.slice(1)));
    return lang === 'sv' ? text.replace('.', ',') : text;
  }
  if (format === 'n' || format.startsWith('n')) return formatNumber(value, format === 'n' ? 0 : Number(format.slice(1)), lang);
  throw new Error(`unknown number format ":${format}"`);
}
