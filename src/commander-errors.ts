import type { CommanderError } from 'commander';
import { msg, say, type Lang, type Message } from './messages/index.js';

/**
 * Commander's usage errors in the language of the run. Commander (pinned in package.json)
 * writes its errors in English only; each has a code and a fixed sentence, from which the
 * parameters are taken and the catalogue's sentence is made. A sentence not recognised is
 * shown as commander wrote it — still a usage error, still exit 2 — and the golden tests of
 * every kind below would show a change of wording when commander is upgraded.
 */
export function commanderMessage(e: CommanderError, lang: Lang): string {
  const [first = '', ...rest] = e.message.replace(/^error: /, '').split('\n');
  const lines = [say(mainMessage(e.code, first), lang), ...rest.map((line) => say(suggestion(line), lang))];
  return `rehab-stats: ${say(msg('label.error'), lang)}: ${lines.join('\n')}\n`;
}

/* eslint-disable @typescript-eslint/no-non-null-assertion -- each m[i]! below is a group that is not optional in
   the pattern just matched, so it captured a string (the one optional group is tested for undefined). */
function mainMessage(code: string, text: string): Message {
  let m: RegExpExecArray | null;
  switch (code) {
    case 'commander.unknownOption':
      if ((m = /^unknown option '(.*)'$/.exec(text))) return msg('commander.unknown-option', { flag: m[1]! });
      break;
    case 'commander.unknownCommand':
      if ((m = /^unknown command '(.*)'$/.exec(text))) return msg('commander.unknown-command', { name: m[1]! });
      break;
    case 'commander.missingArgument':
      if ((m = /^missing required argument '(.*)'$/.exec(text))) return msg('commander.missing-argument', { name: m[1]! });
      break;
    case 'commander.optionMissingArgument':
      if ((m = /^option '(.*)' argument missing$/.exec(text))) return msg('commander.option-missing-argument', { flags: m[1]! });
      break;
    case 'commander.missingMandatoryOptionValue':
      if ((m = /^required option '(.*)' not specified$/.exec(text))) return msg('commander.missing-mandatory-option', { flags: m[1]! });
      break;
    case 'commander.conflictingOption':
      if ((m = /^option '(.*)' cannot be used with option '(.*)'$/.exec(text))) return msg('commander.conflicting-option', { a: m[1]!, b: m[2]! });
      break;
    case 'commander.excessArguments':
      if ((m = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text))) {
        const counts = { expected: Number(m[2]), got: Number(m[3]) };
        return m[1] !== undefined ? msg('commander.excess-arguments-for', { command: m[1], ...counts }) : msg('commander.excess-arguments', counts);
      }
      break;
    case 'commander.invalidArgument':
      if ((m = /^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(text)))
        return msg('commander.invalid-choice', { flags: m[1]!, value: m[2]!, choices: m[3]! });
      if ((m = /^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/.exec(text)))
        return msg('commander.invalid-argument-choice', { value: m[1]!, name: m[2]!, choices: m[3]! });
      break;
  }
  return msg('commander.other', { text });
}

function suggestion(line: string): Message {
  let m: RegExpExecArray | null;
  if ((m = /^\(Did you mean one of (.*)\?\)$/.exec(line))) return msg('commander.did-you-mean-one-of', { candidates: m[1]! });
  if ((m = /^\(Did you mean (.*)\?\)$/.exec(line))) return msg('commander.did-you-mean', { candidate: m[1]! });
  return msg('commander.other', { text: line });
}
/* eslint-enable @typescript-eslint/no-non-null-assertion */
