import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { msg, resolveLang, type Text } from '../messages/index.js';
import { bundledPath, SNAPSHOT_PATH } from '../io/bundled.js';
import { deliver } from '../io/deliver.js';
import { writeStderr } from '../io/output.js';
import type { Protection } from '../io/write.js';
import { chalkFor, colorLevel } from '../io/terminal.js';
import { currentIo } from '../io/context.js';
import { formatNotes, renderResult, type OutputStyle } from '../render/output.js';
import { FORMATS, type Format, type ResultTable } from '../render/model.js';
import { langOption } from './options.js';
import { buildProvenance, provenanceJson, recordTime, type Made } from '../domain/provenance.js';
import { recordedInvocation } from '../io/invocation.js';
import { inputDigests, populationCacheInputs } from '../ingest/provenance-inputs.js';
import { provenancePath, publishRule, type PublishOptions } from './publish.js';

/**
 * How a result leaves the program, the same for every command: the output options (--format,
 * --output, --excel, --no-formulas, --no-color, --quiet), the rendered result on stdout or in a
 * file written safely (never over an input), its provenance beside it, and notes on stderr.
 */

export interface OutputOptions extends PublishOptions {
  format: Format;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  output?: string;
  excel?: boolean;
  formulas?: boolean;
  /** Inputs named on the command line, which --output must not overwrite. */
  input?: string;
  population?: string;
}

/**
 * How a result is written. `formulas: false` for tables without text from the input (region names
 * are the tool's own), where --no-formulas would have nothing to keep.
 */
export function addOutputOptions(cmd: Command, o: { formulas?: boolean; quiet?: boolean } = {}): Command {
  cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .addOption(langOption())
    .option('-o, --output <file>', 'write the result to this file (atomically, never over an input) instead of stdout')
    .option('--excel', 'with --format csv: what Swedish Excel opens by double-click (UTF-8 BOM, ";", decimal comma)');
  if (o.formulas !== false)
    cmd.option('--no-formulas', "keep text cells starting with = + - @ as they are in CSV/TSV (by default they get a leading ' so a spreadsheet cannot run them)");
  cmd.option('--no-color', 'no colour in the terminal table (also NO_COLOR=1 or TERM=dumb)');
  if (o.quiet !== false) cmd.option('-q, --quiet', 'no notes on stderr');
  return cmd;
}

/** What no output may replace: the command's inputs, its config file and the bundled data. */
export function outputProtection(inputs: readonly (string | undefined)[], config?: string): Protection {
  return {
    files: [
      ...inputs.filter((p): p is string => !!p).map((path) => ({ path, what: msg('write.what.input') })),
      ...(config ? [{ path: config, what: msg('write.what.config') }] : []),
      { path: SNAPSHOT_PATH, what: msg('write.what.bundled') },
    ],
    folders: [{ path: bundledPath(''), what: msg('write.what.bundled') }],
  };
}

/** Renders a result to stdout (or --output) in the chosen format, and notes (unless --quiet) to stderr. */
export async function emit(table: ResultTable, opts: OutputOptions, stderrNotes: Text[] = [], style?: OutputStyle['style']): Promise<void> {
  const io = currentIo();
  const lang = resolveLang(opts.lang, io.env);
  if (opts.excel && opts.format !== 'csv') throw usageError(msg('option.excel-needs-csv'));
  if (opts.format === 'xlsx' && (opts.output === undefined || opts.output === '-') && io.stdout.isTTY) {
    throw usageError(msg('option.xlsx-to-terminal'), msg('option.xlsx-to-terminal.hint'));
  }
  const chalk = chalkFor(opts.format === 'table' && !opts.output ? colorLevel(io.stdout, io.env, opts.color) : 0);
  // Checked before anything is rendered: a bad --provenance is a usage error, whatever the data.
  provenancePath(opts);
  const { data, notes } = await renderResult(table, stderrNotes, {
    format: opts.format,
    lang,
    chalk,
    excel: opts.excel === true,
    // --no-formulas sets formulas to false: keep formula-like text as it is.
    allowFormulas: opts.formulas === false,
    ...(style ? { style } : {}),
  });
  await deliver(opts.output, data, provenanceOutput(opts, table.made), outputProtection([opts.input, opts.population]));
  if (!opts.quiet && notes.length) writeStderr(formatNotes(notes, lang));
}

/**
 * The provenance file an output asks for (--provenance), or none: the files written together
 * with the output itself, so the two never disagree.
 */
export function provenanceOutput(opts: PublishOptions & { output?: string; input?: string; population?: string }, made: Made | undefined): { path: string; data: string }[] {
  const path = provenancePath(opts);
  if (!path) return [];
  const m = made ?? { population: null, methods: {} };
  const record = buildProvenance(
    recordedInvocation(),
    m,
    inputDigests(opts.input, opts.population, m.population !== null, m.populationCache ? populationCacheInputs() : []),
    publishRule(opts),
    opts.provenanceTime ? recordTime(currentIo().env, currentIo().now) : undefined,
  );
  return [{ path, data: provenanceJson(record) }];
}
