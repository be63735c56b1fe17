import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { currentIo } from '../io/context.js';
import { writeStderr } from '../io/output.js';
import { parsePositive, parseYearOption, resolveLang } from './common.js';

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
    if (c.getOptionValueSource(nowKey) === 'cli') throw usageError(`${old} and ${now} are the same option`, `give only ${now}`);
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
export function refuseUnused(cmd: Command, flags: readonly string[], why: string, hint?: string): void {
  const given = flags.filter((f) => cmd.getOptionValueSource(attributeOf(f)) === 'cli');
  if (given.length) throw usageError(`${given.join(', ')}: not used ${why}`, hint);
}
