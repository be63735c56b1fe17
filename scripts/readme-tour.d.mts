// Types of scripts/readme-tour.mjs, a plain ES module shared by `npm run readme` and test/e2e/readme.test.ts.

/** How a block's output is cut: `| head -n N` or `| tail -n N`. */
export interface Cut {
  end: 'head' | 'tail';
  lines: number;
}

/** A block's command line: the arguments after rehab-stats, and the head or tail it is cut to. */
export function parseBlockCommand(line: string): { args: string[]; cut: Cut | undefined };

/** The environment of every tour command: no colour, English, no population cache. */
export const TOUR_ENV: Record<string, string>;

/** stdout as the block shows it: without its last line break, cut to its head or tail. */
export function shownOutput(stdout: string, cut: Cut | undefined): string;

/** Runs a block's command with the built CLI and gives the output the block should show. */
export function runBlockCommand(line: string): string;

/** The README's console blocks: command line, output shown, and the whole block. */
export function tourBlocks(text: string): { command: string; output: string; whole: string }[];
