import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { currentIo } from '../io/context.js';
import { writeStderr } from '../io/output.js';
import { msg, resolveLang, type Message } from '../messages/index.js';
import { ALL_AGES, TARGET_AGES, type Sex } from '../domain/observation.js';
import { ROLES } from '../domain/vocabulary.js';
import type { InputOptions } from '../ingest/counts.js';
import type { ReadOptions } from '../ingest/options.js';

/**
 * The options that mean the same on every command, declared once: what a rate is of (--method,
 * --year, --per, --sex, --denominator), a year range (--from/--to), and the older spellings still
 * accepted with a deprecation note.
 */

/** --method: optional wherever the data can tell (its only method); see chooseMethod. */
export function addMethodOption(cmd: Command, description = 'treatment method, e.g. KBT, IPT, MMR (default: the only one in the data)'): Command {
  return cmd.option('-m, --method <method>', description);
}

/** --year: one year, the latest in the data by default. */
export function addYearOption(cmd: Command, description = 'year (default: the latest year in the data)'): Command {
  return cmd.option('-y, --year <year>', description, parseYearOption('--year'));
}

/**
 * How a command with --year reads its input: a file without a year column holds the counts of
 * the --year given, and, without one, is told it may give it.
 */
export function yearRead(year: number | undefined): Pick<ReadOptions, 'yearOption' | 'defaultYear'> {
  return { yearOption: true, ...(year !== undefined ? { defaultYear: year } : {}) };
}

/** --per N: rates per this many inhabitants, 100 000 by default. */
export function addPerOption(cmd: Command, description = 'rate per this many inhabitants'): Command {
  return cmd.option('--per <n>', description, parsePositive('--per'), 100000);
}

/** --sex all|women|men. */
export function addSexOption(cmd: Command, description = 'count and population of one sex'): Command {
  return cmd.addOption(new Option('--sex <sex>', description).choices(['all', 'women', 'men']).default('all'));
}

/**
 * What a rate per inhabitant is of, as rank, funnel, summary and map take it: --method, --year,
 * --per, and (where the population is split) --sex and --denominator.
 */
export function addRateOptions(cmd: Command, o: { year?: string; split?: boolean; denominator?: string } = {}): Command {
  addMethodOption(cmd);
  addYearOption(cmd, o.year);
  addPerOption(cmd);
  if (o.split !== false) {
    addSexOption(cmd);
    cmd.option('--denominator <group>', o.denominator ?? 'population to divide by: all (ages) or 16-67 (the target group)', 'all');
  }
  return cmd;
}

/** A year range: --from and --to, the one spelling every command uses. */
export function addYearRange(cmd: Command, from: string, to: string): Command {
  return cmd.option('--from <year>', from, parseYearOption('--from')).option('--to <year>', to, parseYearOption('--to'));
}

/** The deprecation note, in the language of the run's messages. */
export function deprecationNote(old: string, now: string, lang: 'sv' | 'en'): string {
  return lang === 'sv'
    ? `obs: ${old} är en äldre stavning av ${now} och kommer att tas bort; använd ${now}\n`
    : `note: ${old} is an older spelling of ${now} and will be removed; use ${now}\n`;
}

/** Commander's attribute name for a long flag: --round-counts → roundCounts. */
const attributeOf = (flag: string) => flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * An older spelling of an option (growth --since for --from), still accepted: hidden from help and
 * completion, it sets the new option and leaves a note on stderr naming the new spelling (even
 * with --quiet: it is about the command line, not the result). Both at once is a usage error.
 */
export function addDeprecatedSpelling(cmd: Command, old: string, now: string, parse: (v: string) => unknown): Command {
  const oldKey = attributeOf(old);
  const nowKey = attributeOf(now);
  cmd.addOption(new Option(`${old} <value>`, `older spelling of ${now}`).hideHelp().argParser(parse));
  cmd.hook('preAction', (c) => {
    const opts = c.opts();
    if (opts[oldKey] === undefined) return;
    if (c.getOptionValueSource(nowKey) === 'cli') throw usageError(msg('option.same-option', { old, now }), msg('option.give-only.hint', { now }));
    c.setOptionValueWithSource(nowKey, opts[oldKey], 'cli');
    c.setOptionValue(oldKey, undefined);
    writeStderr(deprecationNote(old, now, resolveLang(typeof opts.lang === 'string' ? opts.lang : undefined, currentIo().env)));
  });
  return cmd;
}

/**
 * Refuses options given on the command line that this run would not use — an option that does
 * nothing must not look as if it did: "--per: not used without --per-capita".
 */
export function refuseUnused(cmd: Command, flags: readonly string[], why: Message, hint?: Message): void {
  const given = flags.filter((f) => cmd.getOptionValueSource(attributeOf(f)) === 'cli');
  if (given.length) throw usageError(msg('option.not-used', { flags: given.join(', '), why }), hint);
}

/** Options every data-reading command shares: the inputs and how to read them, and --region. */
export interface DataOptions extends InputOptions {
  /** --region: only these regions (codes, names or aliases), repeatable. */
  region?: string[];
}

/** Reading the counts (and, for commands that divide, the population): --input, --population, the reading options, --region, --verbose. */
export function addDataOptions(cmd: Command, o: { population?: boolean } = {}): Command {
  cmd.option('-i, --input <file>', 'treatment counts to read (CSV/TSV/xlsx, "-" for stdin); default: the bundled illustrative dataset');
  // Only commands that divide by the population offer it (share, for one, never does).
  if (o.population !== false) {
    cmd
      .option('-p, --population <file>', 'population to divide by (same formats); default: the bundled SCB table')
      .option('--above-population', 'accept counts larger than their population (one person treated more than once), with a note');
  }
  addRegionOption(addRowOptions(addReadOptions(cmd), { skipInvalid: true }));
  return addVerboseOption(cmd);
}

/** --verbose: what was read and how; offered by the commands that read counts (loadCounts says it). */
export function addVerboseOption(cmd: Command): Command {
  return cmd.option('-v, --verbose', 'say on stderr what was read and how (encoding, delimiter, shape, path, time)');
}

/** --region: keep only these regions (Riket stays for comparison where the command has it). */
export function addRegionOption(cmd: Command): Command {
  return cmd.option('-r, --region <region>', 'only this region: SCB code, name or alias (e.g. 06, Jönköping, "Region Stockholm"); repeatable', collect, []);
}

/** How to read a file when detection is wrong: every command that reads a user's file has these. */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .option('--encoding <name>', 'input encoding when detection is wrong: utf-8, windows-1252, utf-16le')
    .option('--delimiter <char>', 'input delimiter when sniffing is wrong: ";", "," or "tab"')
    .option('--sheet <name|n>', 'the sheet of an xlsx input to read, by name or position (default: the first)')
    .option('--map <role=column,...>', `say which column plays which role (${ROLES.join(', ')}, count), e.g. --map count=Antal,region=Landsting; repeatable`, collect, []);
}

/** What to do with rows: --skip-invalid (not for check, which lists every problem anyway), --sum-duplicates, --records. */
export function addRowOptions(cmd: Command, opts: { skipInvalid: boolean }): Command {
  if (opts.skipInvalid) cmd.option('--skip-invalid', 'leave out rows that cannot be used, listing them on stderr, instead of stopping');
  return cmd
    .option('--sum-duplicates', 'add up rows for the same region, year, method and sex instead of stopping')
    .option('--records', 'count every row as one treatment (record-level file), even if it has numeric columns');
}

/** --lang: the language of what people read (tables, notes, errors); machine formats stay English. */
export function langOption(): Option {
  return new Option('--lang <lang>', 'language of human output (default from LANG)').choices(['en', 'sv']);
}

/** Commander helper: a repeatable option collects its values. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseSexOption(v: string | undefined): Sex {
  if (v === undefined || v === 'all' || v === 'total') return 'total';
  if (v === 'women' || v === 'men') return v;
  throw usageError(msg('option.sex', { value: v }));
}

export function parseDenominator(v: string | undefined): string {
  if (v === undefined || v === 'all') return ALL_AGES;
  if (v === '16-67') return TARGET_AGES;
  throw usageError(msg('option.denominator', { value: v }));
}

export function parsePositive(name: string) {
  return (v: string): number => {
    const n = Number(v.replace(/[ _]/g, ''));
    if (!(n > 0) || !Number.isFinite(n)) throw usageError(msg('option.positive', { option: name, value: v }));
    return n;
  };
}

export function parseYearOption(name: string) {
  return (v: string): number => {
    if (!/^(19|20)\d\d$/.test(v.trim())) throw usageError(msg('option.year', { option: name, value: v }));
    return Number(v);
  };
}

/** --ci 95|99|99.8 → 0.95 … */
export function parseLevel(v: string): number {
  const n = Number(v);
  if (![90, 95, 99, 99.8].includes(n)) throw usageError(msg('option.ci', { value: v }));
  return n / 100;
}
