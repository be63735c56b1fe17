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

const KEYS: Record<keyof ReportConfig, (v: unknown) => boolean> = {
  input: (v) => typeof v === 'string' && v !== '',
  sheet: (v) => (typeof v === 'string' && v.trim() !== '') || (Number.isInteger(v) && (v as number) >= 1),
  population: (v) => typeof v === 'string' && v !== '',
  methods: (v) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string' && m !== ''),
  regions: (v) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string' && m !== ''),
  year: (v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100,
  from: (v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100,
  since: (v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100,
  per: (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  lang: (v) => v === 'sv' || v === 'en',
  outputs: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  timestamp: (v) => typeof v === 'boolean',
  suppress: (v) => Number.isInteger(v) && (v as number) >= 0,
  roundCounts: (v) => Number.isInteger(v) && (v as number) >= 0,
  break: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};
const BREAK_KEYS: Record<keyof BreakConfig, [(v: unknown) => boolean, Message]> = {
  region: [(v) => typeof v === 'string' && v !== '', msg('config.expected.region')],
  year: [(v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100, msg('config.expected.year')],
  method: [(v) => typeof v === 'string' && v !== '', msg('config.expected.method')],
  vs: [(v) => v === 'rest', msg('config.expected.literal', { value: '"rest"' })],
};
const OUTPUT_KEYS = ['markdown', 'html'];

const EXPECTED: Record<keyof ReportConfig, Message> = {
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
};

/** Keys as a config file writes them: "region", "year". */
const quotedList = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ');

/** Parses and checks a config file's text. Pure. */
export function parseConfig(text: string, file: string): ReportConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw dataError(msg('config.not-json', { detail: (e as Error).message }), { file, ...(line ? { line } : {}) }, msg('config.not-json.hint'));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw dataError(msg('config.not-object'), { file });
  const config = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    // Own keys only: "__proto__" or "constructor" are inherited names of every object, not settings.
    if (!Object.hasOwn(KEYS, key)) {
      // "since" is still read but no longer offered.
      const offered = Object.keys(KEYS).filter((k) => k !== 'since');
      const near = closest(key, offered, 1, 0.5);
      const keys = quotedList(offered);
      throw dataError(
        msg('config.unknown-key', { key }),
        { file },
        near[0] !== undefined ? msg('config.did-you-mean.hint', { near: near[0], keys }) : msg('config.keys.hint', { keys }),
      );
    }
    if (!KEYS[key as keyof ReportConfig](value)) throw dataError(msg('config.must-be', { key, expected: EXPECTED[key as keyof ReportConfig] }), { file });
  }
  for (const [key, value] of Object.entries(config.outputs ?? {})) {
    if (!OUTPUT_KEYS.includes(key))
      throw dataError(msg('config.unknown-key', { key: `outputs.${key}` }), { file }, msg('config.outputs-take.hint', { keys: quotedList(OUTPUT_KEYS) }));
    if (typeof value !== 'string' || value === '') throw dataError(msg('config.must-be', { key: `outputs.${key}`, expected: msg('config.expected.file') }), { file });
  }
  if (config.from !== undefined && config.since !== undefined) throw dataError(msg('config.from-and-since'), { file }, msg('config.from-and-since.hint'));
  if (config.break !== undefined) {
    const b = config.break as Record<string, unknown>;
    for (const [key, value] of Object.entries(b)) {
      if (!Object.hasOwn(BREAK_KEYS, key))
        throw dataError(msg('config.unknown-key', { key: `break.${key}` }), { file }, msg('config.break-takes.hint', { keys: quotedList(Object.keys(BREAK_KEYS)) }));
      const [ok, expected] = BREAK_KEYS[key as keyof BreakConfig];
      if (!ok(value)) throw dataError(msg('config.must-be', { key: `break.${key}`, expected }), { file });
    }
    // "region" may come from "regions" (or --region) instead: the report checks that when it knows both.
    if (b.year === undefined) throw dataError(msg('config.break-needs-year'), { file }, msg('config.break-needs-year.hint', { example: '{"region": "06", "year": 2021}' }));
  }
  return config;
}
