import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import type { PublishRule } from '../domain/publish.js';
import { rememberInvocation } from '../io/invocation.js';
import { msg } from '../messages/index.js';

/**
 * The publishing options every command that prints counts shares — --suppress, --round-counts,
 * --provenance — and what they ask for: the rule, and where the provenance record goes.
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

export function publishRule(opts: PublishOptions): PublishRule {
  return { suppress: opts.suppress ?? 0, roundTo: opts.roundCounts ?? 0 };
}

/** Keeps what the command line said, before the command runs (cli.ts registers this as a hook). */
export function recordInvocation(action: Command, version: string, args: readonly string[]): void {
  rememberInvocation({ version, command: action.name(), arguments: [...args], options: { ...action.opts() } });
}

/**
 * Whether a command prints its inputs' digests (see inputDigests): with --provenance, and
 * report, whose method notes always carry them. Only then is stdin hashed as it is read.
 */
export function printsInputDigests(action: Command): boolean {
  return action.name() === 'report' || Boolean(action.getOptionValue('provenance'));
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
