import { Command } from 'commander';
import { currentIo } from './io/context.js';
import { writeStderr, writeStdout } from './io/output.js';
import { colorLevel } from './io/terminal.js';
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

export const VERSION = '1.0.0';

/** Every verb by its name, one line each: adding a command means one file and one line here. */
const COMMANDS: Record<string, () => Command> = {
  rank: rankCommand,
  funnel: funnelCommand,
  growth: growthCommand,
  share: shareCommand,
  trend: trendCommand,
  map: mapCommand,
  summary: summaryCommand,
  tally: tallyCommand,
  report: reportCommand,
  check: checkCommand,
  convert: convertCommand,
  regions: regionsCommand,
  population: populationCommand,
};

const OVERVIEW_EXAMPLES = `Examples:
  $ rehab-stats rank --method KBT                 # which regions treat most per inhabitant
  $ rehab-stats growth --method KBT --from 2009   # how much KBT has grown
  $ rehab-stats rank --method KBT --input counts.csv --format csv
`;

const OVERVIEW_DETAILS = `
Without --input every command uses the bundled illustrative dataset (KBT, IPT and MMR
2009–2015, national totals as published by SKL; the split by region is modelled) and the
bundled SCB population. Run "rehab-stats <command> --help" for a command's options.

Exit codes: 0 ok, 1 internal error, 2 usage, 3 file cannot be read or written,
4 invalid data, 5 population missing, 6 check found problems, 7 report out of date,
8 population fetch from SCB failed.`;

/**
 * The commander program; src/run.ts runs it. With `args`, a run's arguments, it holds only the
 * verb they name when they start with one (a run of rank needs neither report's options nor
 * help): making every verb's options is most of the time a short run takes before it reads its
 * input. Anything else (no verb, an unknown one, help, completion) gets every verb.
 */
export function buildProgram(args?: readonly string[]): Command {
  const program = new Command('rehab-stats')
    .description('Statistics on Swedish regional treatment counts (KBT, IPT, MMR …): rates per inhabitant with confidence intervals, ranks and growth.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    // A command's own options stop at its subcommand (population --output vs population fetch --output).
    .enablePositionalOptions()
    .addHelpText('before', OVERVIEW_EXAMPLES)
    .addHelpText('after', OVERVIEW_DETAILS);
  const named = args?.[0] !== undefined && Object.hasOwn(COMMANDS, args[0]) ? args[0] : undefined;
  for (const [name, make] of Object.entries(COMMANDS)) {
    if (named !== undefined && name !== named) continue;
    const cmd = make();
    // The key is how a run finds its verb without making the others: it must be the verb's name.
    if (cmd.name() !== name) throw new Error(`cli.ts: the command listed as "${name}" is named "${cmd.name()}"`);
    program.addCommand(cmd);
  }
  if (named === undefined) program.addCommand(completionCommand(() => program));
  // Usage errors exit 2 (clig.dev), with the program's name in front like every other error.
  // Commander's own output goes through the run's Io: its streams, their width and colour.
  const configure = (cmd: Command) => {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => writeStdout(s),
      writeErr: (s) => writeStderr(s),
      // Commander's errors are written by run.ts, in the language of the run.
      outputError: () => undefined,
      getOutHelpWidth: () => (currentIo().stdout.isTTY ? currentIo().stdout.columns : undefined) ?? 80,
      getErrHelpWidth: () => (currentIo().stderr.isTTY ? currentIo().stderr.columns : undefined) ?? 80,
      getOutHasColors: () => colorLevel(currentIo().stdout, currentIo().env, undefined) > 0,
      getErrHasColors: () => colorLevel(currentIo().stderr, currentIo().env, undefined) > 0,
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}
