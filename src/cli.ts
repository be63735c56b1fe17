import { Command, CommanderError } from 'commander';
import { ExitCode, formatError, RehabError } from './errors.js';
import { isSystemError, systemErrorText } from './io/errno.js';
import { stdoutFailed, writeStderr, writeStdout } from './io/output.js';
import { translate } from './render/i18n.js';
import { resolveLang } from './commands/common.js';
import { growthCommand } from './commands/growth.js';
import { rankCommand } from './commands/rank.js';
import { funnelCommand } from './commands/funnel.js';
import { checkCommand } from './commands/check.js';
import { completionCommand } from './commands/completion.js';
import { convertCommand } from './commands/convert.js';
import { populationCommand } from './commands/population.js';
import { regionsCommand } from './commands/regions.js';
import { reportCommand } from './commands/report.js';
import { shareCommand } from './commands/share.js';
import { summaryCommand } from './commands/summary.js';
import { tallyCommand } from './commands/tally.js';
import { trendCommand } from './commands/trend.js';
import { mapCommand } from './commands/map.js';
import { recordInvocation } from './commands/publish.js';

const VERSION = '1.0.0';

/** Every verb, one line each: adding a command means one file and one line here. */
const COMMANDS: (() => Command)[] = [
  rankCommand,
  funnelCommand,
  growthCommand,
  shareCommand,
  trendCommand,
  mapCommand,
  summaryCommand,
  tallyCommand,
  reportCommand,
  checkCommand,
  convertCommand,
  regionsCommand,
  populationCommand,
];

const OVERVIEW_EXAMPLES = `Examples:
  $ rehab-stats rank --method KBT                 # which regions treat most per inhabitant
  $ rehab-stats growth --method KBT --since 2009  # how much KBT has grown
  $ rehab-stats rank --method KBT --input counts.csv --format csv
`;

const OVERVIEW_DETAILS = `
Without --input every command uses the bundled illustrative dataset (KBT, IPT and MMR
2009–2015, national totals as published by SKL; the split by region is modelled) and the
bundled SCB population. Run "rehab-stats <command> --help" for a command's options.

Exit codes: 0 ok, 1 internal error, 2 usage, 3 file cannot be read or written,
4 invalid data, 5 population missing, 6 check found problems, 7 report out of date,
8 population fetch from SCB failed.`;

export function buildProgram(): Command {
  const program = new Command('rehab-stats')
    .description('Statistics on Swedish regional treatment counts (KBT, IPT, MMR …): rates per inhabitant with confidence intervals, ranks and growth.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    // A command's own options stop at its subcommand (population --output vs population fetch --output).
    .enablePositionalOptions()
    .addHelpText('before', OVERVIEW_EXAMPLES)
    .addHelpText('after', OVERVIEW_DETAILS);
  for (const make of COMMANDS) program.addCommand(make());
  program.addCommand(completionCommand(() => program));
  // Usage errors exit 2 (clig.dev), with the program's name in front like every other error.
  const configure = (cmd: Command) => {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => writeStdout(s),
      writeErr: (s) => writeStderr(s),
      outputError: (s, write) => write(`rehab-stats: ${s}`),
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // A command sets process.exitCode only to say "done, but not ok" (check): start from none.
  process.exitCode = undefined;
  if (argv.length <= 2) {
    program.outputHelp();
    return ExitCode.ok;
  }
  // The command line as typed, for --provenance.
  program.hook('preAction', (_program, action) => recordInvocation(action, VERSION, argv.slice(2)));
  try {
    await program.parseAsync(argv);
    // stdout on a pipe or socket reports a failure after the write returned.
    const failed = stdoutFailed();
    if (failed) return exitCodeFor(failed);
    // A command may set a non-zero code without failing (check found problems).
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    return exitCodeFor(e);
  }
}

/** The language of messages: --lang on the command line, else LANG. */
function messageLang(): 'sv' | 'en' {
  const argv = process.argv;
  const i = argv.indexOf('--lang');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  return resolveLang(given, process.env);
}

/** The one place errors become messages and exit codes. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage; // commander has already printed its message
  }
  if (e instanceof RehabError) {
    writeStderr(formatError(e, messageLang() === 'sv' ? (t) => translate(t, 'sv') : undefined));
    return e.exitCode;
  }
  // A system call that failed where no command expected it (a disk error, a file that
  // vanished): the user's environment, not a bug — exit 3 with the errno in words.
  if (isSystemError(e)) {
    const text = systemErrorText(e.code, e.syscall === 'write' ? 'write' : 'read');
    const where = typeof e.path === 'string' ? { location: { file: e.path } } : {};
    return exitCodeFor(new RehabError(`${text.message}${e.syscall ? ` (${e.syscall})` : ''}`, { exitCode: ExitCode.io, ...where, ...(text.hint ? { hint: text.hint } : {}) }));
  }
  const err = e as Error;
  writeStderr(`rehab-stats: internal error: ${err?.message ?? String(e)}\nhint: this is a bug in rehab-stats; please report it with the command you ran${process.env.REHAB_STATS_DEBUG ? '' : ' (set REHAB_STATS_DEBUG=1 for details)'}\n`);
  if (process.env.REHAB_STATS_DEBUG) writeStderr(`${err?.stack ?? ''}\n`);
  return ExitCode.internal;
}
