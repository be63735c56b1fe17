import { CsvError, parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCsv, type CsvRecord } from '../../src/parse/csv.js';
import type { Delimiter } from '../../src/parse/sniff.js';
import { runs } from '../helpers/tier.js';

/**
 * The general path's CSV split against csv-parse 6.2.1 (which still reads the bundled and
 * cached population tables), called with the options the general path used to parse with. The
 * records must be csv-parse's, cell for cell; each record's line the physical line (LF, CRLF or
 * a lone CR) where csv-parse says the record before it ended — the line after, when a lone-CR
 * record end is followed by a LF, which then starts the record; where csv-parse finds a quote
 * never closed, the split finds one too.
 */
function reference(text: string, delimiter: Delimiter): CsvRecord[] | 'unclosed quote' {
  const bytes = Buffer.from(text, 'utf8');
  const ends: { record: string[]; end: number }[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        ends.push({ record, end: context.bytes });
        return record;
      },
    });
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') return 'unclosed quote';
    throw e;
  }
  const records: CsvRecord[] = [];
  let line = 1;
  let at = 0;
  for (const { record, end } of ends) {
    if (at > 0 && bytes[at - 1] === 0x0d && bytes[at] === 0x0a) {
      line++;
      at++;
    }
    records.push({ cells: record, line });
    for (let i = at; i < end; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
    at = end;
  }
  return records;
}

/** Physical lines (LF, CRLF or a lone CR) before `at`, plus one. */
function lineOf(text: string, at: number): number {
  return 1 + (text.slice(0, at).match(/\n|\r(?!\n)/g)?.length ?? 0);
}

/**
 * The split agrees with csv-parse on `text`: the same records, or both find a quote never closed —
 * the split naming a quote that opens a field (csv-parse reads a quoted field starting there) on
 * the line it names.
 */
function agrees(text: string, delimiter: Delimiter): void {
  const split = splitCsv(text, delimiter);
  const expected = reference(text, delimiter);
  if (expected !== 'unclosed quote' || !('unclosedQuote' in split)) {
    expect(split).toEqual(expected);
    return;
  }
  // Closed at the end, the quote left open is the last one opened: then every record compares.
  agrees(text + '"', delimiter);
  const { at, line } = split.unclosedQuote;
  expect(text[at]).toBe('"');
  const opened = reference(text.slice(0, at) + '"x"', delimiter);
  expect(opened !== 'unclosed quote' && opened.at(-1)?.cells.at(-1), 'a quoted field starts there').toBe('x');
  expect(line).toBe(lineOf(text, at));
}

/** Pieces that make every kind of trouble: quotes opened, closed, doubled and stray, each delimiter, each line end, NUL, multi-byte letters, a BOM. */
const PIECES = [
  'a',
  'bc',
  'x'.repeat(18),
  'å',
  '€',
  '😀',
  ';',
  ',',
  '\t',
  '"',
  '""',
  '"""',
  '\n',
  '\r\n',
  '\r',
  '\n\r',
  ' ',
  '\u0000',
  '\ufeff',
  '"x\ny"',
  '"x\r\ny"',
  '"x\ry"',
  '"a";',
  '"a"b',
  '\n\n',
];
const texts = (pieces: readonly string[], maxLength = 60) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((p) => p.join(''));
const delimiters = fc.constantFrom<Delimiter>(';', ',', '\t');

describe('the CSV split', () => {
  it("gives csv-parse's records, lines and unclosed-quote line for any text", () => {
    fc.assert(
      fc.property(texts(PIECES), delimiters, (text, delimiter) => {
        agrees(text, delimiter);
      }),
      { numRuns: runs(30_000, 800) },
    );
  });

  it('keeps to the first line end it meets, in files that mix them after it', () => {
    for (const first of ['\n', '\r\n', '\r'])
      fc.assert(
        fc.property(texts(PIECES, 30), delimiters, (rest, delimiter) => {
          const text = `a;"b"${first}${rest}`;
          agrees(text, delimiter);
        }),
        { numRuns: runs(5_000, 100) },
      );
  });

  it('agrees on tables of many rows, quoted and not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('"q"', '"a;b"', '"x\ny"', '')), { minLength: 1, maxLength: 6 }), {
          maxLength: 40,
        }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const text = rows.map((r) => r.join(';')).join(eol);
          agrees(text, ';');
        },
      ),
      { numRuns: runs(5_000, 120) },
    );
  });

  it('tells its progress every 4 096 records, in characters, as it goes', () => {
    const text = 'a;b\n'.repeat(10_000);
    const told: [number, number][] = [];
    splitCsv(text, ';', (done, total) => told.push([done, total]));
    expect(told).toEqual([1, 2].map((k) => [k * 4096 * 4 - 1, text.length]));
  });

  it('numbers a record after a lone-CR end and a LF (a CRLF in a CR file) with the line after', () => {
    expect(splitCsv('region;n\rStockholm;1\r\nUppsala;2\r', ';')).toEqual([
      { cells: ['region', 'n'], line: 1 },
      { cells: ['Stockholm', '1'], line: 2 },
      { cells: ['\nUppsala', '2'], line: 3 },
    ]);
  });

  it('names the line where a quote never closed opens (csv-parse named the line where the text ends), and splits nothing of an empty text', () => {
    expect(splitCsv('', ';')).toEqual([]);
    expect(splitCsv('a;b\r\nc;"d\r\ne\r\nf', ';')).toEqual({ unclosedQuote: { at: 7, line: 2 } });
    expect(splitCsv('a\n"b\n', ';')).toEqual({ unclosedQuote: { at: 2, line: 2 } });
    expect(splitCsv('"a"b;"c', ';')).toEqual({ unclosedQuote: { at: 5, line: 1 } });
  });
});
