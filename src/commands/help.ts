import type { Command } from 'commander';

/**
 * Help that leads with examples (clig.dev): the examples come before the usage line, the
 * longer explanation after the options.
 */
export function addHelp(cmd: Command, examples: string[], details: string): Command {
  const split = (e: string) => {
    const [code = '', comment] = e.split('  #');
    return { code, comment };
  };
  const width = Math.max(...examples.map((e) => split(e).code.trimEnd().length));
  const lines = examples.map((e) => {
    const { code, comment } = split(e);
    return `  $ ${comment ? code.trimEnd().padEnd(width) + '  #' + comment : code}`;
  });
  cmd.addHelpText('before', `Examples:\n${lines.join('\n')}\n`);
  cmd.addHelpText('after', `\n${details.trim()}`);
  return cmd;
}
