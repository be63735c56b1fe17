import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Whether to colour a stream, following clig.dev and no-color.org: never with --no-color,
 * NO_COLOR (any non-empty value) or TERM=dumb; FORCE_COLOR=0 turns colour off, another
 * FORCE_COLOR value turns it on; otherwise only on a TTY. chalk's own detection does not
 * read NO_COLOR, so the decision is made here and chalk is given an explicit level.
 */
export function colorLevel(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR) return 0;
  if (env.FORCE_COLOR !== undefined) {
    if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return 0;
    const n = Number(env.FORCE_COLOR);
    return n === 2 || n === 3 ? n : 1;
  }
  if (env.TERM === 'dumb' || !stream.isTTY) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /256/.test(env.TERM ?? '') ? 2 : 1;
}

export function chalkFor(level: 0 | 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
