import { dataError } from '../errors.js';
import { closest } from './text.js';

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
const BREAK_KEYS: Record<keyof BreakConfig, [(v: unknown) => boolean, string]> = {
  region: [(v) => typeof v === 'string' && v !== '', 'a region code, name or alias, e.g. "06"'],
  year: [(v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100, 'a four-digit year'],
  method: [(v) => typeof v === 'string' && v !== '', 'a method name'],
  vs: [(v) => v === 'rest', '"rest"'],
};
const OUTPUT_KEYS = ['markdown', 'html'];

const EXPECTED: Record<keyof ReportConfig, string> = {
  input: 'a file path',
  sheet: 'a sheet name or a position from 1, e.g. "Blad1" or 2',
  population: 'a file path',
  methods: 'a list of method names, e.g. ["KBT", "IPT"]',
  regions: 'a list of regions (codes, names or aliases), e.g. ["06", "Kalmar"]',
  year: 'a four-digit year',
  from: 'a four-digit year',
  since: 'a four-digit year',
  per: 'a positive number, e.g. 100000',
  lang: '"sv" or "en"',
  outputs: 'an object like {"markdown": "report.md", "html": "report.html"}',
  timestamp: 'true or false',
  suppress: 'a whole number ≥ 0, e.g. 5',
  roundCounts: 'a whole number ≥ 0, e.g. 5',
  break: 'an object like {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}',
};

/** Parses and checks a config file's text. Pure. */
export function parseConfig(text: string, file: string): ReportConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw dataError(`is not valid JSON (${(e as Error).message})`, { file, ...(line ? { line } : {}) }, 'check commas and quotes; JSON has no comments');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw dataError('must hold one JSON object', { file });
  const config = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    // Own keys only: "__proto__" or "constructor" are inherited names of every object, not settings.
    if (!Object.hasOwn(KEYS, key)) {
      // "since" is still read but no longer offered.
      const offered = Object.keys(KEYS).filter((k) => k !== 'since');
      const near = closest(key, offered, 1, 0.5);
      throw dataError(`unknown key "${key}"`, { file }, near.length ? `did you mean "${near[0]}"? Keys: ${offered.join(', ')}` : `keys: ${offered.join(', ')}`);
    }
    if (!KEYS[key as keyof ReportConfig](value)) throw dataError(`"${key}" must be ${EXPECTED[key as keyof ReportConfig]}`, { file });
  }
  for (const [key, value] of Object.entries(config.outputs ?? {})) {
    if (!OUTPUT_KEYS.includes(key)) throw dataError(`unknown key "outputs.${key}"`, { file }, `outputs takes: ${OUTPUT_KEYS.join(', ')}`);
    if (typeof value !== 'string' || value === '') throw dataError(`"outputs.${key}" must be a file path`, { file });
  }
  if (config.from !== undefined && config.since !== undefined) throw dataError('"from" and "since" are the same key', { file }, 'keep "from" ("since" is its older spelling)');
  if (config.break !== undefined) {
    const b = config.break as Record<string, unknown>;
    for (const [key, value] of Object.entries(b)) {
      if (!Object.hasOwn(BREAK_KEYS, key)) throw dataError(`unknown key "break.${key}"`, { file }, `break takes: ${Object.keys(BREAK_KEYS).join(', ')}`);
      const [ok, expected] = BREAK_KEYS[key as keyof BreakConfig];
      if (!ok(value)) throw dataError(`"break.${key}" must be ${expected}`, { file });
    }
    // "region" may come from "regions" (or --region) instead: the report checks that when it knows both.
    if (b.year === undefined) throw dataError('"break" needs "year"', { file }, 'e.g. {"region": "06", "year": 2021}');
  }
  return config;
}
