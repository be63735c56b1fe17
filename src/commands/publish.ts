import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import type { PublishRule } from '../domain/publish.js';
import { provenanceJson, type InputDigest, type Made, type MethodRecord, type Provenance } from '../domain/provenance.js';
import { digestOf, digestOfPath } from '../io/digest.js';
import { readBundled } from '../io/bundled.js';
import { displayName } from '../io/read.js';
import { populationCachePath } from '../io/population-cache.js';
import { homeRelative } from '../ingest/counts.js';
import type { PopulationTable } from '../domain/population.js';
import { existsSync } from 'node:fs';
import { msg } from '../messages/index.js';
import { currentIo } from '../io/context.js';
import type { Protection } from '../io/write.js';
import { deliver } from '../io/deliver.js';

/**
 * The publishing options every command that prints counts shares — --suppress, --round-counts,
 * --provenance — and the provenance record written beside an output.
 */
export interface PublishOptions {
  suppress?: number;
  roundCounts?: number;
  provenance?: string | boolean;
  provenanceTime?: boolean;
}

/** A whole number ≥ 0 for --suppress and --round-counts. */
export function parseWhole(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim())) throw usageError(msg('option.whole', { option: name, value: v }));
    return Number(v);
  };
}

export function addPublishOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--suppress <n>',
        'hide every count below N and all figures computed from it, and enough further cells that none can be worked out from the totals (0: none)',
      ).argParser(parseWhole('--suppress')),
    )
    .addOption(new Option('--round-counts <k>', 'show counts rounded to a multiple of K; rates are computed from the rounded counts').argParser(parseWhole('--round-counts')))
    .option('--provenance [file]', 'write where the result came from and how it was made (JSON) to FILE, or beside --output as FILE.provenance.json')
    .option('--provenance-time', 'with --provenance: record when it was made (SOURCE_DATE_EPOCH when set, else the clock); without it the record has no time');
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

export function publishRule(opts: PublishOptions): PublishRule {
  return { suppress: opts.suppress ?? 0, roundTo: opts.roundCounts ?? 0 };
}

/** The rule in words, for the provenance record and the report's method notes. */
export function describeRule(rule: PublishRule): Pick<MethodRecord, 'suppression' | 'rounding'> {
  return {
    suppression:
      rule.suppress > 0
        ? `counts below ${rule.suppress} hidden with every figure computed from them (rate, interval, rank, share, growth, funnel class); further counts hidden so that no hidden count follows from the printed totals (secondary suppression)`
        : 'none',
    rounding:
      rule.roundTo > 1
        ? `shown counts rounded to the nearest multiple of ${rule.roundTo} (halves up); rates, intervals, shares and growth computed from the rounded counts`
        : 'none',
  };
}

/** What the command line said, recorded before the command runs (cli.ts registers this as a hook). */
let invocation: { version: string; command: string; arguments: string[]; options: Record<string, unknown> } | undefined;

export function recordInvocation(action: Command, version: string, args: readonly string[]): void {
  invocation = { version, command: action.name(), arguments: [...args], options: { ...action.opts() } };
}

/**
 * Whether a command prints its inputs' digests (see inputDigests): with --provenance, and
 * report, whose method notes always carry them. Only then is stdin hashed as it is read.
 */
export function printsInputDigests(action: Command): boolean {
  return action.name() === 'report' || Boolean(action.getOptionValue('provenance'));
}

/** Every input's name and SHA-256: the files given, or the bundled tables used in their place. */
export function inputDigests(
  input: string | undefined,
  population: string | undefined,
  usesPopulation: boolean,
  extra: { role: string; path: string; name?: string }[] = [],
): InputDigest[] {
  const bundled = (name: string, role: string): InputDigest => ({ role, name: `bundled ${name}`, ...digestOf(readBundled(name)) });
  const given = (path: string, role: string): InputDigest => ({ role, name: displayName(path), ...digestOfPath(path) });
  return [
    ...(input ? [given(input, 'counts')] : [bundled('treatments.csv', 'counts'), bundled('treatments-by-sex.csv', 'counts')]),
    ...(usesPopulation ? [population ? given(population, 'population') : bundled('population.csv', 'population')] : []),
    ...extra.map((e) => ({ ...given(e.path, e.role), ...(e.name ? { name: e.name } : {}) })),
  ];
}

/** The provenance of one result: the recorded command line, the inputs' digests and the methods. */
export function buildProvenance(
  made: Made,
  inputs: InputDigest[],
  rule: PublishRule,
  builtAt?: string,
  canonical?: { arguments: string[]; options: Record<string, unknown> },
): Provenance {
  if (!invocation) throw new Error('provenance asked for before the command line was recorded');
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
 * and the fetched cache where it filled a gap), the years, and the cache file as an input.
 */
export function populationMade(population: PopulationTable, years: number[]): Pick<Made, 'population' | 'inputs'> {
  const used = population.usedSources();
  const cacheUsed = used.some((s) => s !== population.source);
  const cache = populationCachePath();
  return {
    population: { source: used.length ? used.join('; ') : population.source, years: [...new Set(years)].sort((a, b) => a - b) },
    ...(cacheUsed && existsSync(cache) ? { inputs: [{ role: 'population', path: cache, name: homeRelative(cache) }] } : {}),
  };
}

/**
 * The provenance file an output asks for (--provenance), or none: written together with the
 * output itself, so the two never disagree.
 */
export function provenanceOutput(
  opts: PublishOptions & { output?: string; input?: string; population?: string },
  made: Made | undefined,
): { path: string; data: string } | undefined {
  const path = provenancePath(opts);
  if (!path) return undefined;
  const m = made ?? { population: null, methods: {} };
  const record = buildProvenance(
    m,
    inputDigests(opts.input, opts.population, m.population !== null, m.inputs),
    publishRule(opts),
    opts.provenanceTime ? recordTime(currentIo().env, currentIo().now) : undefined,
  );
  return { path, data: provenanceJson(record) };
}

/**
 * Writes a chart (or any single output) to `path` or stdout, with its provenance file when asked:
 * both files together, and stdout only once the record is in place.
 */
export async function writeWithProvenance(path: string | undefined, text: string, provenance: { path: string; data: string } | undefined, protection: Protection): Promise<void> {
  await deliver(path, text, provenance ? [provenance] : [], protection);
}

/** Where --provenance writes: the file named, else beside --output. */
export function provenancePath(opts: PublishOptions & { output?: string }): string | undefined {
  if (opts.provenanceTime && !opts.provenance) throw usageError(msg('publish.provenance-time-alone'), msg('publish.provenance-time-alone.hint'));
  if (!opts.provenance) return undefined;
  if (typeof opts.provenance === 'string') return opts.provenance;
  // `--output -` is stdout: there is no file to sit beside (it would be a file named "-.provenance.json").
  if (!opts.output || opts.output === '-') throw usageError(msg('option.provenance-needs-file'), msg('option.provenance-needs-file.hint'));
  return `${opts.output}.provenance.json`;
}

export { provenanceJson };
