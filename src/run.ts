import { CommanderError } from 'commander';
import { buildProgram, VERSION } from './cli.js';
import { printsInputDigests, recordInvocation } from './commands/publish.js';
import { ExitCode, formatError, RehabError } from './errors.js';
import { currentIo, withIo, withIoSync, type Io } from './io/context.js';
import { isSystemError, systemErrorText } from './io/errno.js';
import { stdoutFailed, writeStderr } from './io/output.js';
import { langFlag, msg, resolveLang, t, type Lang } from './messages/index.js';
import { commanderMessage } from './commander-errors.js';

export type { Io, OutStream } from './io/context.js';
export { removeTemporaryFiles } from './io/temporaries.js';

/**
 * One run of rehab-stats: `args` as typed after the program name, `io` everything it may touch
 * (src/io/context.ts). Returns the exit code; every error becomes one message and a code here.
 * bin/rehab-stats.js calls it with the process's own streams; tests call it in-process.
 */
export function run(args: readonly string[], io: Io): Promise<number> {
  // The language of everything people read, decided once: --lang, else the locale.
  const lang = runLanguage(args, io.env);
  return withIo(io, async (state) => {
    const program = buildProgram(args);
    if (args.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    program.hook('preAction', (_program, action) => {
      // Every command reads the language from its --lang option: the one decided for this run
      // (report's config may still choose its document's when --lang is not given).
      if (action.options.some((o) => o.attributeName() === 'lang') && action.getOptionValue('lang') === undefined) action.setOptionValueWithSource('lang', lang, 'env');
      // The command line as typed, for --provenance.
      recordInvocation(action, VERSION, [...args]);
      state.hashStdin = printsInputDigests(action);
    });
    try {
      await program.parseAsync([...args], { from: 'user' });
      // stdout on a pipe or socket reports a failure after the write returned.
      const failed = stdoutFailed();
      if (failed) return exitCodeFor(failed, lang);
      // A command may end with a non-zero code without failing (check found problems).
      return state.exitStatus ?? ExitCode.ok;
    } catch (e) {
      return exitCodeFor(e, lang);
    }
  });
}

/** An error thrown outside any command (an event handler): one message on io's stderr, and its exit code. */
export function uncaughtExitCode(e: unknown, args: readonly string[], io: Io): number {
  return withIoSync(io, () => exitCodeFor(e, runLanguage(args, io.env)));
}

/**
 * The language of human output for a run: --lang if given (read before the command line is
 * parsed, so that errors in parsing it are in that language too), else LC_ALL, LC_MESSAGES, LANG.
 */
export function runLanguage(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  return resolveLang(langFlag(args), env);
}

/** The one place errors become messages and exit codes. */
function exitCodeFor(e: unknown, lang: Lang): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
    writeStderr(commanderMessage(e, lang));
    return ExitCode.usage;
  }
  if (e instanceof RehabError) {
    writeStderr(formatError(e, lang));
    return e.exitCode;
  }
  // A system call that failed where no command expected it (a disk error, a file that
  // vanished): the user's environment, not a bug — exit 3 with the errno in words.
  if (isSystemError(e)) {
    const text = systemErrorText(e.code, e.syscall === 'write' ? 'write' : 'read');
    const where = typeof e.path === 'string' ? { location: { file: e.path } } : {};
    const message = e.syscall ? msg('error.system-call', { text: text.message, syscall: e.syscall }) : text.message;
    return exitCodeFor(new RehabError(message, { exitCode: ExitCode.io, ...where, ...(text.hint ? { hint: text.hint } : {}) }), lang);
  }
  const err = e instanceof Error ? e : undefined;
  const debug = Boolean(currentIo().env.REHAB_STATS_DEBUG);
  writeStderr(
    `rehab-stats: ${t(lang, 'label.internal-error')}: ${err?.message ?? String(e)}\n${t(lang, 'label.hint')}: ${t(lang, debug ? 'hint.internal-error' : 'hint.internal-error-debug')}\n`,
  );
  if (debug) writeStderr(`${err?.stack ?? ''}\n`);
  return ExitCode.internal;
}
