import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';
import { runInProcess } from '../fuzz/in-process.js';
import { parseBlockCommand, shownOutput, TOUR_ENV, tourBlocks } from '../../scripts/readme-tour.mjs';

const blocks = tourBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

/**
 * Each block's command runs in-process, as `npm run readme` runs it with the built CLI (same
 * arguments, environment and cut); the golden tests compare the two ways of running.
 */
describe('README tour shows real output', () => {
  it('has a tour', () => expect(blocks.length).toBeGreaterThan(5));
  it.each(blocks.map((b) => [b.command, b] as const))('%s', async (_c, b) => {
    const { args, cut } = parseBlockCommand(b.command);
    const r = await runInProcess(args, { env: { PATH: process.env.PATH, ...TOUR_ENV } });
    expect(shownOutput(r.stdout, cut)).toBe(b.output);
  });
});
