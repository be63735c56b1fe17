import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRows, parseRowsByOffset, rowLinesFromCells, type Row } from '../../src/parse/records.js';
import { RehabError } from '../../src/errors.js';
import { runs } from '../helpers/tier.js';

/**
 * The general parser numbers each row's physical line from its cells (no per-record callback,
 * which costs csv-parse an info object a record); csv-parse's own record ends are the
 * reference. Texts from pieces that make every kind of trouble: quotes (opened, closed,
 * doubled, stray), delimiters, LF, CRLF, lone CR, blank lines, multi-byte letters.
 */
const PIECES = ['a', 'å', ';', ',', '"', '""', '\n', '\r\n', '\r', ' ', '"x\ny"', '"x\r\ny"', '"x\ry"', '\n\n'];
const texts = (pieces: readonly string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

type Outcome = { rows: unknown } | { error: string };

function outcome(read: () => unknown): Outcome {
  try {
    return { rows: read() };
  } catch (e) {
    if (!(e instanceof RehabError)) throw e;
    return { error: `${e.message} ${JSON.stringify(e.location)}` };
  }
}

describe('the general parser’s line numbers', () => {
  it('are those of csv-parse’s record ends, or the same error, for any text', () => {
    fc.assert(
      fc.property(texts(PIECES), fc.constantFrom(';' as const, ',' as const), (text, delimiter) => {
        expect(outcome(() => parseRows(text, delimiter, 'f.csv'))).toEqual(outcome(() => parseRowsByOffset(text, delimiter, 'f.csv')));
      }),
      { numRuns: runs(20_000, 500) },
    );
  });

  it('are counted from the cells (no second parse) whenever the text keeps to one kind of line end', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const pieces = ['a', 'å', ';', '"', '""', ' ', end, `"x${end}y"`, end + end];
      fc.assert(
        fc.property(texts(pieces), (text) => {
          let exact: Row[];
          try {
            exact = parseRowsByOffset(text, ';', 'f.csv');
          } catch {
            return; // an unclosed quote: no rows to number
          }
          expect(
            rowLinesFromCells(
              exact.map((r) => r.cells),
              text,
            ),
          ).toEqual(exact);
        }),
        { numRuns: runs(5_000, 150) },
      );
    }
  });
});
