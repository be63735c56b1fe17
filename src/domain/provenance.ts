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
  return Object.fromEntries(Object.keys(opts).sort().filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]));
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

/** The same record as short lines for people (the report's method notes), in English or Swedish. */
export function provenanceLines(p: Provenance, lang: 'en' | 'sv'): string[] {
  const sv = lang === 'sv';
  const m = p.methods;
  return [
    `${sv ? 'Verktyg' : 'Tool'}: rehab-stats ${p.version}; ${sv ? 'kommando' : 'command'}: rehab-stats ${p.arguments.join(' ')}`.trimEnd(),
    ...p.inputs.map((i) => `${sv ? 'Indata' : 'Input'} (${i.role}): ${i.name}, ${i.bytes} ${sv ? 'byte' : 'bytes'}, SHA-256 ${i.sha256}`),
    ...(p.population ? [`${sv ? 'Befolkning' : 'Population'}: ${p.population.source}, ${p.population.years.join(', ')}`] : []),
    ...(m.interval ? [`${sv ? 'Intervall' : 'Interval'}: ${m.interval}`] : []),
    ...(m.funnel ? [`${sv ? 'Trattgränser' : 'Funnel'}: ${m.funnel}`] : []),
    ...(m.standard_population ? [`${sv ? 'Standardbefolkning' : 'Standard population'}: ${m.standard_population}`] : []),
    `${sv ? 'Röjandekontroll' : 'Suppression'}: ${m.suppression}`,
    `${sv ? 'Avrundning' : 'Rounding'}: ${m.rounding}`,
  ];
}
