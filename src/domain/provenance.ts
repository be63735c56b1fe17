/**
 * Provenance: where a published figure came from and how it was computed — the tool and its
 * version, the command and its options, every input by name and SHA-256, the population source
 * and years, and the methods. Built from plain values, rendered as stable JSON: the same run
 * gives the same bytes (no time unless asked for).
 */

export interface InputDigest {
  /** counts, population or config. */
  role: string;
  /** The path as given, "stdin", or "bundled <file>". */
  name: string;
  sha256: string;
  bytes: number;
}

/** How the figures were made; each command fills in what applies to it. */
export interface MethodRecord {
  /** e.g. "exact Poisson", "Byar", "exact Poisson below 10, Byar from 10", "Wilson score". */
  interval?: string;
  /** e.g. "Spiegelhalter (2005) Poisson limits, 95% and 99.8%, around the national rate". */
  funnel?: string;
  /** e.g. "European Standard Population 2013". */
  standard_population?: string;
  /** The suppression and rounding rule, or "none". */
  suppression: string;
  rounding: string;
}

/** What a command knows about how its result was made; the rule and the command line are added when written. */
export interface Made {
  population: { source: string; years: number[] } | null;
  methods: Omit<MethodRecord, 'suppression' | 'rounding'>;
  /** Inputs besides --input and --population, e.g. the fetched population cache when it filled a gap. */
  inputs?: { role: string; path: string; name: string }[];
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
  population: { source: string; years: number[] } | null;
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
    inputs: p.inputs.map((i) => ({ role: i.role, name: i.name, sha256: i.sha256, bytes: i.bytes })),
    population: p.population,
    methods: Object.fromEntries(Object.entries(p.methods).filter(([, v]) => v !== undefined)),
    ...(p.built_at ? { built_at: p.built_at } : {}),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}
