import { dataError } from '../errors.js';
import { closest } from './text.js';
import { msg, type Message } from '../messages/index.js';

/**
 * rehab-stats.config.json: what `report` builds, so CI can run it with no flags. Options on
 * the command line override it. Unknown keys are errors that name the key (a typo must not
 * silently fall back to a default).
 */
export interface ReportConfig {
  /** Treatment counts (CSV, TSV or xlsx); default the bundled dataset. Paths are relative to the config file. */
  input?: string;
  /** The sheet of an xlsx input: its name or 1-based position, as --sheet; default the first. */
  sheet?: string | number;
  /** Population file; default the bundled SCB table. */
  population?: string;
  /** Methods to report, e.g. ["KBT", "IPT", "MMR"]; default every method in the data. */
  methods?: string[];
  /** Only these regions (codes, names or aliases) in the tables and charts, as --region; default all 21. */
  regions?: string[];
  /** Year to report; default the latest in the data. */
  year?: number;
  /** Base year for growth; default the earliest in the data. */
  from?: number;
  /** The older spelling of "from", still read (with a note). */
  since?: number;
  /** Rates per this many inhabitants; default 100 000. */
  per?: number;
  /** Language of the text: "sv" or "en". */
  lang?: 'sv' | 'en';
  /** Where to write: a Markdown file and a self-contained HTML file. */
  outputs?: { markdown?: string; html?: string };
  /** Put the build time in the report (off by default so reports are reproducible). */
  timestamp?: boolean;
  /** Hide counts below this, and what would give them away (README "Publishing"); 0 or absent: none. */
  suppress?: number;
  /** Show counts rounded to a multiple of this; 0 or absent: none. */
  roundCounts?: number;
  /** A break analysis section: one region's rate with a break at `year` (as trend --break), optionally against the rest of Sweden. */
  break?: BreakConfig;
}

export interface BreakConfig {
  /** SCB code, name or alias; may be left out when the report has exactly one region ("regions" or --region). */
  region?: string;
  year: number;
  /** The method; needed when the report covers more than one. */
  method?: string;
  vs?: 'rest';
}

/** A JSON object (not an array, not null): its keys are read one by one. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isYear = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2100;
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isText);

/** What each key must be, in the order the hints list the keys. */
const EXPECTED = {
  input: msg('config.expected.file'),
  sheet: msg('config.expected.sheet'),
  population: msg('config.expected.file'),
  methods: msg('config.expected.methods'),
  regions: msg('config.expected.regions'),
  year: msg('config.expected.year'),
  from: msg('config.expected.year'),
  since: msg('config.expected.year'),
  per: msg('config.expected.per'),
  lang: msg('config.expected.lang'),
  outputs: msg('config.expected.object', { example: '{"markdown": "report.md", "html": "report.html"}' }),
  timestamp: msg('config.expected.boolean'),
  suppress: msg('config.expected.whole'),
  roundCounts: msg('config.expected.whole'),
  break: msg('config.expected.object', { example: '{"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}' }),
} satisfies Record<keyof ReportConfig, Message>;

/** A key's check, and what the message says the value must be instead. */
interface Check<T> {
  ok: (v: unknown) => v is T;
  expected: Message;
}
const check = <T>(ok: (v: unknown) => v is T, expected: Message): Check<T> => ({ ok, expected });

/** The keys that hold one value: every key but "outputs" and "break", which hold objects. */
type Plain = Exclude<keyof ReportConfig, 'outputs' | 'break'>;
type PlainValues = Required<Pick<ReportConfig, Plain>>;
/** A file path: the input, the population, each output. */
const A_FILE = check(isText, msg('config.expected.file'));

const CHECKS: { [K in Plain]: Check<PlainValues[K]> } = {
  input: A_FILE,
  sheet: check((v): v is string | number => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isInteger(v) && v >= 1), EXPECTED.sheet),
  population: A_FILE,
  methods: check(isTexts, EXPECTED.methods),
  regions: check(isTexts, EXPECTED.regions),
  year: check(isYear, EXPECTED.year),
  from: check(isYear, EXPECTED.from),
  since: check(isYear, EXPECTED.since),
  per: check((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0, EXPECTED.per),
  lang: check((v): v is 'sv' | 'en' => v === 'sv' || v === 'en', EXPECTED.lang),
  timestamp: check((v): v is boolean => typeof v === 'boolean', EXPECTED.timestamp),
  suppress: check(isWhole, EXPECTED.suppress),
  roundCounts: check(isWhole, EXPECTED.roundCounts),
};
type BreakKey = keyof BreakConfig;
type BreakValues = Required<BreakConfig>;
const BREAK_CHECKS: { [K in BreakKey]: Check<BreakValues[K]> } = {
  region: check(isText, msg('config.expected.region')),
  year: check(isYear, msg('config.expected.year')),
  method: check(isText, msg('config.expected.method')),
  vs: check((v): v is 'rest' => v === 'rest', msg('config.expected.literal', { value: '"rest"' })),
};
const OUTPUT_KEYS = ['markdown', 'html'] as const;
const isOutputKey = (k: string): k is (typeof OUTPUT_KEYS)[number] => OUTPUT_KEYS.some((o) => o === k);

// Own keys only: "__proto__" or "constructor" are inherited names of every object, not settings.
const isConfigKey = (k: string): k is keyof ReportConfig => Object.hasOwn(EXPECTED, k);
const isPlainKey = (k: keyof ReportConfig): k is Plain => k !== 'outputs' && k !== 'break';
const isBreakKey = (k: string): k is keyof BreakConfig => Object.hasOwn(BREAK_CHECKS, k);

/** Keys as a config file writes them: "region", "year". */
const quotedList = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ');

/** The value of `key` if its check passes, else the error that says what it must be. */
function checked<T>(c: Check<T>, key: string, value: unknown, file: string): T {
  if (!c.ok(value)) throw dataError(msg('config.must-be', { key, expected: c.expected }), { file });
  return value;
}

/** Sets a one-value key (its check ties the value's type to the key's). */
function setPlain<K extends Plain>(config: Pick<ReportConfig, K>, key: K, value: unknown, file: string): void {
  config[key] = checked(CHECKS[key], key, value, file);
}
function setBreak<K extends BreakKey>(b: Partial<Pick<BreakConfig, K>>, key: K, value: unknown, file: string): void {
  b[key] = checked(BREAK_CHECKS[key], `break.${key}`, value, file);
}

function readOutputs(value: unknown, file: string): NonNullable<ReportConfig['outputs']> {
  if (!isObject(value)) throw dataError(msg('config.must-be', { key: 'outputs', expected: EXPECTED.outputs }), { file });
  const outputs: NonNullable<ReportConfig['outputs']> = {};
  for (const [key, path] of Object.entries(value)) {
    if (!isOutputKey(key)) throw dataError(msg('config.unknown-key', { key: `outputs.${key}` }), { file }, msg('config.outputs-take.hint', { keys: quotedList(OUTPUT_KEYS) }));
    outputs[key] = checked(A_FILE, `outputs.${key}`, path, file);
  }
  return outputs;
}

function readBreak(value: unknown, file: string): BreakConfig {
  if (!isObject(value)) throw dataError(msg('config.must-be', { key: 'break', expected: EXPECTED.break }), { file });
  const b: Partial<BreakConfig> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!isBreakKey(key))
      throw dataError(msg('config.unknown-key', { key: `break.${key}` }), { file }, msg('config.break-takes.hint', { keys: quotedList(Object.keys(BREAK_CHECKS)) }));
    setBreak(b, key, v, file);
  }
  // "region" may come from "regions" (or --region) instead: the report checks that when it knows both.
  if (b.year === undefined) throw dataError(msg('config.break-needs-year'), { file }, msg('config.break-needs-year.hint', { example: '{"region": "06", "year": 2021}' }));
  return { ...b, year: b.year };
}

/** Parses and checks a config file's text. Pure. */
export function parseConfig(text: string, file: string): ReportConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // JSON.parse throws only SyntaxError; anything else is passed on as it is.
    if (!(e instanceof SyntaxError)) throw e;
    const m = /position (\d+)/.exec(e.message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw dataError(msg('config.not-json', { detail: e.message }), { file, ...(line ? { line } : {}) }, msg('config.not-json.hint'));
  }
  if (!isObject(raw)) throw dataError(msg('config.not-object'), { file });
  const config: ReportConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isConfigKey(key)) {
      // "since" is still read but no longer offered.
      const offered = Object.keys(EXPECTED).filter((k) => k !== 'since');
      const near = closest(key, offered, 1, 0.5);
      const keys = quotedList(offered);
      throw dataError(
        msg('config.unknown-key', { key }),
        { file },
        near[0] !== undefined ? msg('config.did-you-mean.hint', { near: near[0], keys }) : msg('config.keys.hint', { keys }),
      );
    }
    if (isPlainKey(key)) setPlain(config, key, value, file);
    else if (key === 'outputs') config.outputs = readOutputs(value, file);
    else config.break = readBreak(value, file);
  }
  if (config.from !== undefined && config.since !== undefined) throw dataError(msg('config.from-and-since'), { file }, msg('config.from-and-since.hint'));
  return config;
}
