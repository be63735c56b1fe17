import { CommanderError } from 'commander';
import { buildProgram, VERSION } from './cli.js';
import { recordInvocation } from './commands/publish.js';
import { ExitCode, formatError, RehabError } from './errors.js';
import { currentIo, withIo, withIoSync, type Io } from './io/context.js';
import { isSystemError, systemErrorText } from './io/errno.js';
import { stdoutFailed, writeStderr } from './io/output.js';
import { resolveLang } from './commands/common.js';
import { translate } from './render/i18n.js';

export type { Io, OutStream } from './io/context.js';
export { removeTemporaryFiles } from './io/write.js';

/**
 * One run of rehab-stats: `args` as typed after the program name, `io` everything it may touch
 * (src/io/context.ts). Returns the exit code; every error becomes one message and a code here.
 * bin/rehab-stats.js calls it with the process's own streams; tests call it in-process.
 */
export function run(args: readonly string[], io: Io): Promise<number> {
  return withIo(io, async (state) => {
    const program = buildProgram();
    if (args.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    // The command line as typed, for --provenance.
    program.hook('preAction', (_program, action) => recordInvocation(action, VERSION, [...args]));
    try {
      await program.parseAsync([...args], { from: 'user' });
      // stdout on a pipe or socket reports a failure after the write returned.
      const failed = stdoutFailed();
      if (failed) return exitCodeFor(failed, args);
      // A command may end with a non-zero code without failing (check found problems).
      return state.exitStatus ?? ExitCode.ok;
    } catch (e) {
      return exitCodeFor(e, args);
    }
  });
}

/** An error thrown outside any command (an event handler): one message on io's stderr, and its exit code. */
export function uncaughtExitCode(e: unknown, args: readonly string[], io: Io): number {
  return withIoSync(io, () => exitCodeFor(e, args));
}

/** The language of messages: --lang on the command line, else LANG. */
function messageLang(args: readonly string[]): 'sv' | 'en' {
  const i = args.indexOf('--lang');
  const given = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--lang='))?.slice(7);
  return resolveLang(given, currentIo().env);
}

/** The one place errors become messages and exit codes. */
function exitCodeFor(e: unknown, args: readonly string[]): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage; // commander has already printed its message
  }
  if (e instanceof RehabError) {
    writeStderr(formatError(e, messageLang(args) === 'sv' ? (t) => translate(t, 'sv') : undefined));
    return e.exitCode;
  }
  // A system call that failed where no command expected it (a disk error, a file that
  // vanished): the user's environment, not a bug — exit 3 with the errno in words.
  if (isSystemError(e)) {
    const text = systemErrorText(e.code, e.syscall === 'write' ? 'write' : 'read');
    const where = typeof e.path === 'string' ? { location: { file: e.path } } : {};
    return exitCodeFor(new RehabError(`${text.message}${e.syscall ? ` (${e.syscall})` : ''}`, { exitCode: ExitCode.io, ...where, ...(text.hint ? { hint: text.hint } : {}) }), args);
  }
  const err = e instanceof Error ? e : undefined;
  const debug = Boolean(currentIo().env.REHAB_STATS_DEBUG);
  writeStderr(`rehab-stats: internal error: ${err?.message ?? String(e)}\nhint: this is a bug in rehab-stats; please report it with the command you ran${debug ? '' : ' (set REHAB_STATS_DEBUG=1 for details)'}\n`);
  if (debug) writeStderr(`${err?.stack ?? ''}\n`);
  return ExitCode.internal;
}
