import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { RehabError } from '../../src/errors.js';
import { loadTable } from '../../src/ingest/load.js';
import { parseNumber } from '../../src/parse/number.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { runs } from '../helpers/tier.js';

const regions = bundledRegions();
const DOCUMENTED = new Set([2, 3, 4, 5, 6]);

/** Runs the reader; returns 'ok' or the exit code of a clean error; anything else fails the property. */
function outcome(bytes: Uint8Array): 'ok' | number {
  try {
    loadTable(bytes, 'prop.csv', 'count', regions);
    return 'ok';
  } catch (e) {
    if (e instanceof RehabError) return e.exitCode;
    throw e;
  }
}

describe('any input ends in a result or a clean error', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = outcome(bytes);
        expect(r === 'ok' || DOCUMENTED.has(r)).toBe(true);
      }),
      { numRuns: runs(400) },
    );
  });

  it('random text made of CSV-ish pieces', () => {
    const piece = fc.constantFrom(';', ',', '\t', '"', '\n', '\r\n', '..', '1 234', '12,5', 'år', 'region', 'antal', 'Stockholm', 'KBT', '2014', '', ' ', 'Källa:', '\ufeff');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const r = outcome(Buffer.from(pieces.join(''), 'utf8'));
        expect(r === 'ok' || DOCUMENTED.has(r)).toBe(true);
      }),
      { numRuns: runs(400) },
    );
  });
});

describe('a tidy table survives every way of writing it', () => {
  const aliases = regions.regions.map((r) => ({ code: r.code, names: r.names }));
  const row = fc.record({
    region: fc.integer({ min: 0, max: aliases.length - 1 }),
    alias: fc.nat(),
    year: fc.integer({ min: 2000, max: 2030 }),
    method: fc.constantFrom('KBT', 'IPT', 'MMR', 'Internet-KBT'),
    count: fc.integer({ min: 0, max: 5_000_000 }),
  });
  const style = fc.record({
    delimiter: fc.constantFrom(';', ',', '\t'),
    crlf: fc.boolean(),
    encoding: fc.constantFrom('utf8', 'utf8-bom', 'windows-1252'),
    quoteAll: fc.boolean(),
    group: fc.boolean(),
    header: fc.constantFrom(['Region', 'År', 'Metod', 'Antal'], ['region', 'year', 'method', 'count'], ['Landsting', 'period', 'behandling', 'n']),
  });

  it('reads back the same region codes, years, methods and counts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 30, selector: (r) => `${r.region}|${r.year}|${r.method}` }), style, (rows, s) => {
        const q = (t: string) => (s.quoteAll || t.includes(s.delimiter) || t.includes('"') ? `"${t.replace(/"/g, '""')}"` : t);
        // Space-grouped numbers are only unambiguous where the delimiter is not a space-free comma list.
        const num = (n: number) => (s.group ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(n));
        const lines = [s.header.map(q).join(s.delimiter)];
        for (const r of rows) {
          const a = aliases[r.region]!;
          lines.push([q(a.names[r.alias % a.names.length]!), q(String(r.year)), q(r.method), q(num(r.count))].join(s.delimiter));
        }
        const text = lines.join(s.crlf ? '\r\n' : '\n') + (s.crlf ? '\r\n' : '\n');
        const bytes =
          s.encoding === 'windows-1252'
            ? iconv.encode(text, 'windows-1252')
            : Buffer.concat([Buffer.from(s.encoding === 'utf8-bom' ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
        const t = loadTable(bytes, 'prop.csv', 'count', regions);
        const got = t.observations.map((o) => `${o.region}|${o.year}|${o.method}|${o.value}`).sort();
        const want = rows.map((r) => `${aliases[r.region]!.code}|${r.year}|${r.method === 'Internet-KBT' ? 'Internet-KBT' : r.method}|${r.count}`).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('parseNumber', () => {
  it('reads integers however they are grouped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom(' ', '\u00a0', '\u202f', ''), fc.constantFrom<',' | '.'>(',', '.'), (n, sep, dec) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseNumber(text, dec)).toEqual({ kind: 'number', value: n });
      }),
    );
  });

  it("reads decimals with the file's decimal mark", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (int, frac) => {
        const f = String(frac).padStart(2, '0');
        expect(parseNumber(`${int},${f}`, ',')).toEqual({ kind: 'number', value: Number(`${int}.${f}`) });
        expect(parseNumber(`${int}.${f}`, '.')).toEqual({ kind: 'number', value: Number(`${int}.${f}`) });
      }),
    );
  });

  it('never turns a missing marker into a number', () => {
    for (const m of ['..', '.', '', '  ', '-', '…']) expect(parseNumber(m, ',').kind).toBe('missing');
  });

  it('knows the examples from real exports', () => {
    expect(parseNumber('1 234', ',')).toEqual({ kind: 'number', value: 1234 });
    expect(parseNumber('1 234,5', ',')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseNumber('1234.5', ',')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseNumber('1,234', '.')).toEqual({ kind: 'number', value: 1234 });
    expect(parseNumber('1,234', ',')).toEqual({ kind: 'number', value: 1.234 });
    expect(parseNumber('1.234,5', ',')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseNumber('12,3OO', ',').kind).toBe('invalid');
    expect(parseNumber('1 23', ',').kind).toBe('invalid');
  });
});
