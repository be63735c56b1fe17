import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';
// @ts-expect-error — a plain ES module script shared with `npm run readme`
import { runBlockCommand, tourBlocks } from '../../scripts/readme-tour.mjs';

const blocks = tourBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8')) as { command: string; output: string }[];

describe('README tour shows real output', () => {
  it('has a tour', () => expect(blocks.length).toBeGreaterThan(5));
  it.each(blocks.map((b) => [b.command, b] as const))('%s', (_c, b) => {
    expect(runBlockCommand(b.command)).toBe(b.output);
  });
});
