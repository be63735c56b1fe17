import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SPLIT_MIN_BYTES } from '../../src/ingest/split.js';

/** bin/count-worker.js is plain CommonJS (it runs before the bundle loads), untyped: `as` gives its signature. */
const bin = createRequire(import.meta.url)('../../bin/count-worker.js') as { inputOf: (args: string[]) => string | undefined; SPLIT_MIN_BYTES: number };

describe('the count worker bin/ starts before the bundle loads', () => {
  it('is started from the size the split starts at', () => expect(bin.SPLIT_MIN_BYTES).toBe(SPLIT_MIN_BYTES));

  it('finds --input as commander reads it: -i FILE, -iFILE, --input FILE, --input=FILE, the last one given, none after --', () => {
    expect(bin.inputOf(['rank', '-i', 'a.csv'])).toBe('a.csv');
    expect(bin.inputOf(['rank', '-ia.csv', '--method', 'KBT'])).toBe('a.csv');
    expect(bin.inputOf(['rank', '--method', 'KBT', '--input', 'b.csv', '--year', '2014'])).toBe('b.csv');
    expect(bin.inputOf(['rank', '--input=c.csv'])).toBe('c.csv');
    expect(bin.inputOf(['rank', '--input', 'a.csv', '--input', 'd.csv'])).toBe('d.csv');
    expect(bin.inputOf(['rank', '--', '--input', 'e.csv'])).toBeUndefined();
    expect(bin.inputOf(['rank', '--input'])).toBeUndefined();
    expect(bin.inputOf(['rank'])).toBeUndefined();
  });
});
