import { usageError } from '../errors.js';
import type { Invocation } from '../io/invocation.js';
import { english, msg, type Text } from '../messages/index.js';
import type { PopulationTable } from './population.js';
import type { PublishRule } from './publish.js';

/**
 * Provenance: where a published figure came from and how it was computed — the tool and its
 * version, the command and its options, every input by name and SHA-256, the population source
 * and years, and the methods. Built from plain values, rendered as stable JSON: the same run
 * gives the same bytes (no time unless asked for). A value people read in the report's method
 * notes may be a catalogue message: the JSON writes its English text, the notes the run's language.
 */
export type InputRole = 'counts' | 'population' | 'config';

export interface InputDigest {
  /** counts, population or config. */
  role: InputRole;
  /** The path as given, "stdin", or "bundled <file>" (source.bundled-file). */
  name: Text;
  sha256: string;
  bytes: number;
}

/** How the figures were made; each command fills in what applies to it. */
export interface MethodRecord {
  /** e.g. "exact Poisson", "Byar", "exact Poisson below 10, Byar from 10", "Wilson score". */
  interval?: Text;
  /** e.g. "Spiegelhalter (2005) Poisson limits, 95% and 99.8%, around the national rate". */
  funnel?: Text;
  /** e.g. "European Standard Population 2013". */
  standard_population?: Text;
  /** The suppression and rounding rule, or "none". */
  suppression: Text;
  rounding: Text;
}

/** What a command knows about how its result was made; the rule and the command line are added when written. */
export interface Made {
  population: { source: Text; years: number[] } | null;
  methods: Omit<MethodRecord, 'suppression' | 'rounding'>;
  /** The fetched population cache filled a gap: the record names and hashes it among the inputs. */
  populationCache?: true;
}

export interface Provenance {
  tool: 'rehab-stats';
  version: string;
  command: string;
  /** The command line after the program name, as typed. */
  arguments: string[];
  /** Every option with the value used, defaults included, sorted by name. */
  options: Record<string, unknown>;
  inputs: InputDigest[];
  population: { source: Text; years: number[] } | null;
  methods: MethodRecord;
  built_at?: string;
}

/** Sorted keys, undefined dropped: the JSON does not depend on the order options were declared in. */
export function sortedOptions(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(opts)
      .sort()
      .filter((k) => opts[k] !== undefined)
      .map((k) => [k, opts[k]]),
  );
}

/** The record as JSON with a fixed key order and a final newline. */
export function provenanceJson(p: Provenance): string {
  const ordered = {
    tool: p.tool,
    version: p.version,
    command: p.command,
    arguments: p.arguments,
    options: sortedOptions(p.options),
    inputs: p.inputs.map((i) => ({ role: i.role, name: english(i.name), sha256: i.sha256, bytes: i.bytes })),
    population: p.population && { source: english(p.population.source), years: p.population.years },
    methods: Object.fromEntries(Object.entries(p.methods).flatMap(([k, v]: [string, Text | undefined]) => (v === undefined ? [] : [[k, english(v)]]))),
    ...(p.built_at ? { built_at: p.built_at } : {}),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

/**
 * The time for a record that asks for one: SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention, so CI can pin it) when set, else now. A malformed value is an
 * error, never silently replaced by the clock.
 */
export function recordTime(env: Readonly<Record<string, string | undefined>>, now: () => Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now().toISOString();
  if (!/^\d+$/.test(epoch.trim()) || !Number.isSafeInteger(Number(epoch)) || Number(epoch) * 1000 > 8.64e15) {
    throw usageError(msg('publish.source-date-epoch', { value: epoch }), msg('publish.source-date-epoch.hint'));
  }
  return new Date(Number(epoch) * 1000).toISOString();
}

/** The rule in words, for the provenance record and the report's method notes. */
export function describeRule(rule: PublishRule): Pick<MethodRecord, 'suppression' | 'rounding'> {
  return {
    suppression: rule.suppress > 0 ? msg('provenance.suppressed', { n: rule.suppress }) : msg('provenance.none'),
    rounding: rule.roundTo > 1 ? msg('provenance.rounded', { k: rule.roundTo }) : msg('provenance.none'),
  };
}

/** The provenance of one result: the recorded command line, the inputs' digests and the methods. */
export function buildProvenance(
  invocation: Invocation,
  made: Made,
  inputs: InputDigest[],
  rule: PublishRule,
  builtAt?: string,
  canonical?: { arguments: string[]; options: Record<string, unknown> },
): Provenance {
  // The record describes the result, not where its own copy was asked to be written.
  const options = { ...invocation.options };
  delete options.provenance;
  return {
    tool: 'rehab-stats',
    version: invocation.version,
    command: invocation.command,
    arguments: canonical?.arguments ?? invocation.arguments,
    options: canonical?.options ?? options,
    inputs,
    population: made.population,
    methods: { ...made.methods, ...describeRule(rule) },
    ...(builtAt ? { built_at: builtAt } : {}),
  };
}

/**
 * The population behind a result: every source a figure was looked up in (the bundled table,
 * and the fetched cache where it filled a gap), the years, and the cache file as an input when
 * it is there to be hashed.
 */
export function populationMade(population: PopulationTable, years: number[]): Pick<Made, 'population' | 'populationCache'> {
  const used = population.usedSources();
  const cacheUsed = used.some((s) => s !== population.source);
  return {
    population: { source: used.length ? used.join('; ') : population.source, years: [...new Set(years)].sort((a, b) => a - b) },
    ...(cacheUsed ? { populationCache: true } : {}),
  };
}
