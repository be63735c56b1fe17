import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { msg, resolveLang, t, type Text } from '../messages/index.js';
import { bundledPath, SNAPSHOT_PATH } from '../io/bundled.js';
import { writeStderr, writeStdout } from '../io/output.js';
import { writeFiles, type OutputFile, type Protection } from '../io/write.js';
import { chalkFor, colorLevel } from '../io/terminal.js';
import { currentIo } from '../io/context.js';
import { render } from '../render/index.js';
import { defaultSheetName, renderXlsx } from '../render/xlsx.js';
import { localise, localText } from '../render/localise.js';
import { FORMATS, type Column, type Format, type Lang, type ResultRow, type ResultTable } from '../render/model.js';
import { markHidden } from '../domain/publish.js';
import { langOption } from './options.js';
import { provenanceOutput, provenancePath, type PublishOptions } from './publish.js';

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

/** Writes a result to a file (safely, see io/write.ts), or to stdout when the path is absent or "-". */
export async function writeResult(path: string | undefined, text: string | Uint8Array, protection: Protection): Promise<void> {
  if (path === undefined || path === '-') writeStdout(text);
  else await writeFiles([{ path, data: text }], protection);
}

/** Renders a result to stdout (or --output) in the chosen format, and notes (unless --quiet) to stderr. */
export async function emit(
  table: ResultTable,
  opts: OutputOptions,
  stderrNotes: Text[] = [],
  style?: (col: Column, row: ResultRow, text: string, chalk: ReturnType<typeof chalkFor>) => string,
): Promise<void> {
  const io = currentIo();
  const lang = resolveLang(opts.lang, io.env);
  if (opts.excel && opts.format !== 'csv') throw usageError(msg('option.excel-needs-csv'));
  if (opts.format === 'xlsx' && (opts.output === undefined || opts.output === '-') && io.stdout.isTTY) {
    throw usageError(msg('option.xlsx-to-terminal'), msg('option.xlsx-to-terminal.hint'));
  }
  const chalk = chalkFor(opts.format === 'table' && !opts.output ? colorLevel(io.stdout, io.env, opts.color) : 0);
  const human = opts.format === 'table' || opts.format === 'markdown';
  // Checked before anything is rendered: a bad --provenance is a usage error, whatever the data.
  provenancePath(opts);
  // Machine formats have no room for notes in stdout; the data label goes to stderr instead.
  // A workbook carries the table's notes on its own sheet.
  const notes = human || opts.format === 'xlsx' ? stderrNotes : [...table.notes, ...stderrNotes];
  // Hidden cells: a marker for people, an empty cell and a status column for machines.
  const marked = human ? markHidden(table) : table;
  const shown = localise(marked, human || opts.format === 'xlsx' ? lang : 'en');
  const text =
    opts.format === 'xlsx'
      ? await renderXlsx([{ name: defaultSheetName(lang), table: shown }], lang)
      : render(shown, {
          format: opts.format,
          lang,
          chalk,
          excel: opts.excel === true,
          // --no-formulas sets formulas to false: keep formula-like text as it is.
          allowFormulas: opts.formulas === false,
          ...(style ? { style: (c, r, t) => style(c, r, t, chalk) } : {}),
        });
  // The result file and the provenance file are written together (both or neither, never one
  // path for both); stdout only once they are in place, so it stays empty when a write fails.
  const output = opts.output;
  const toStdout = output === undefined || output === '-';
  const files: OutputFile[] = toStdout ? [] : [{ path: output, data: text }];
  const provenance = provenanceOutput(opts, table.made);
  if (provenance) files.push(provenance);
  if (files.length) await writeFiles(files, outputProtection([opts.input, opts.population]));
  if (toStdout) writeStdout(text);
  if (!opts.quiet && notes.length) writeStderr(formatNotes(notes, lang));
}

/** Notes for stderr, one a line: "note: …" / "obs: …". */
export function formatNotes(notes: readonly Text[], lang: Lang): string {
  return notes.map((n) => `${t(lang, 'label.note')}: ${localText(n, lang)}\n`).join('');
}
