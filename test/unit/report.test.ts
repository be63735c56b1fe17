import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/domain/config.js';
import { ExitCode, RehabError } from '../../src/errors.js';
import { say } from '../../src/messages/index.js';
import { headline, percentWords } from '../../src/report/text.js';
import { niceMax, escapeXml } from '../../src/render/svg.js';
import type { MethodSection } from '../../src/report/build.js';
import { neutraliseFormula, renderDelimited } from '../../src/render/machine.js';

/** A section with only what the headline reads: the national row's count and the growth from `base`. */
function section(base: number | null, count: number, changePct: number | null): MethodSection {
  const region = { region_code: '00', region: 'Riket', note: '' as const };
  return {
    method: 'KBT',
    year: 2014,
    since: 2009,
    funnel: null,
    ranked: [],
    national: { ...region, rank: null, population: 9_747_355, count, rate: null, rate_lower: null, rate_upper: null },
    growth: { rows: [], national: { ...region, base_year: 2009, base_count: base, year: 2014, count, change: null, change_pct: changePct, cagr_pct: null } },
    series: [],
    share: null,
  };
}

describe('report sentences', () => {
  it('says increase, decrease and zero base in both languages', () => {
    expect(headline(section(26000, 50440, 94), 'sv')).toBe('År 2014 fick 50 440 personer KBT – en ökning med 94 procent jämfört med 2009.');
    expect(headline(section(26000, 50440, 94), 'en')).toBe('In 2014, 50,440 people received KBT – an increase of 94 percent compared with 2009.');
    expect(headline(section(1000, 800, -20), 'sv')).toBe('År 2014 fick 800 personer KBT – en minskning med 20 procent jämfört med 2009.');
    expect(headline(section(0, 1185, null), 'en')).toBe('In 2014, 1,185 people received KBT – none in 2009, so there is no percentage change.');
  });

  it('writes Swedish percentages with a decimal comma', () => {
    expect(percentWords(2.0006, 'sv')).toBe('2,0 procent');
    expect(percentWords(94, 'sv')).toBe('94 procent');
    expect(percentWords(12.5, 'en')).toBe('13 percent'); // whole percents from 10 up
    expect(percentWords(2.5, 'en')).toBe('2.5 percent');
  });
});

describe('config', () => {
  it('accepts the documented keys', () => {
    expect(parseConfig('{"methods":["KBT"],"year":2014,"lang":"sv","outputs":{"html":"r.html"}}', 'c.json')).toEqual({
      methods: ['KBT'],
      year: 2014,
      lang: 'sv',
      outputs: { html: 'r.html' },
    });
  });

  it('names unknown keys and wrong values', () => {
    const err = (text: string) => {
      try {
        parseConfig(text, 'c.json');
      } catch (e) {
        return e as RehabError;
      }
      throw new Error('no error');
    };
    expect(err('{"yeer": 2014}').message).toBe('unknown key "yeer"');
    expect(err('{"yeer": 2014}').hint).toMatch(/^did you mean "year"\?/);
    expect(err('{"outputs": {"pdf": "x"}}').message).toBe('unknown key "outputs.pdf"');
    expect(err('{"lang": "de"}').message).toBe('"lang" must be "sv" or "en"');
    expect(err('{"year": 2014,}').message).toMatch(/^is not valid JSON/);
    expect(err('[1]').message).toBe('must hold one JSON object');
  });

  // Every key given a value of the wrong type: the error names the file, the key and what it must
  // be, in both languages, with the data-error exit code.
  it.each([
    ['{"input": 3}', '"input" must be a file path', '"input" måste vara en sökväg till en fil'],
    ['{"input": ""}', '"input" must be a file path', '"input" måste vara en sökväg till en fil'],
    ['{"sheet": 0}', '"sheet" must be a sheet name or a position from 1, e.g. "Blad1" or 2', '"sheet" måste vara ett bladnamn eller en plats från 1, t.ex. "Blad1" eller 2'],
    ['{"sheet": 1.5}', '"sheet" must be a sheet name or a position from 1, e.g. "Blad1" or 2', '"sheet" måste vara ett bladnamn eller en plats från 1, t.ex. "Blad1" eller 2'],
    ['{"sheet": true}', '"sheet" must be a sheet name or a position from 1, e.g. "Blad1" or 2', '"sheet" måste vara ett bladnamn eller en plats från 1, t.ex. "Blad1" eller 2'],
    ['{"population": ["p.csv"]}', '"population" must be a file path', '"population" måste vara en sökväg till en fil'],
    ['{"methods": "KBT"}', '"methods" must be a list of method names, e.g. ["KBT", "IPT"]', '"methods" måste vara en lista med metodnamn, t.ex. ["KBT", "IPT"]'],
    ['{"methods": ["KBT", 3]}', '"methods" must be a list of method names, e.g. ["KBT", "IPT"]', '"methods" måste vara en lista med metodnamn, t.ex. ["KBT", "IPT"]'],
    ['{"methods": []}', '"methods" must be a list of method names, e.g. ["KBT", "IPT"]', '"methods" måste vara en lista med metodnamn, t.ex. ["KBT", "IPT"]'],
    [
      '{"regions": {"06": true}}',
      '"regions" must be a list of regions (codes, names or aliases), e.g. ["06", "Kalmar"]',
      '"regions" måste vara en lista med regioner (koder, namn eller andra namn), t.ex. ["06", "Kalmar"]',
    ],
    ['{"year": "2014"}', '"year" must be a four-digit year', '"year" måste vara ett årtal med fyra siffror'],
    ['{"year": 2014.5}', '"year" must be a four-digit year', '"year" måste vara ett årtal med fyra siffror'],
    ['{"from": null}', '"from" must be a four-digit year', '"from" måste vara ett årtal med fyra siffror'],
    ['{"since": 14}', '"since" must be a four-digit year', '"since" måste vara ett årtal med fyra siffror'],
    ['{"per": "100000"}', '"per" must be a positive number, e.g. 100000', '"per" måste vara ett positivt tal, t.ex. 100000'],
    ['{"per": 1e400}', '"per" must be a positive number, e.g. 100000', '"per" måste vara ett positivt tal, t.ex. 100000'],
    ['{"per": 0}', '"per" must be a positive number, e.g. 100000', '"per" måste vara ett positivt tal, t.ex. 100000'],
    ['{"lang": ["sv"]}', '"lang" must be "sv" or "en"', '"lang" måste vara "sv" eller "en"'],
    [
      '{"outputs": "report.md"}',
      '"outputs" must be an object like {"markdown": "report.md", "html": "report.html"}',
      '"outputs" måste vara ett objekt som {"markdown": "report.md", "html": "report.html"}',
    ],
    [
      '{"outputs": ["report.md"]}',
      '"outputs" must be an object like {"markdown": "report.md", "html": "report.html"}',
      '"outputs" måste vara ett objekt som {"markdown": "report.md", "html": "report.html"}',
    ],
    ['{"outputs": {"html": 1}}', '"outputs.html" must be a file path', '"outputs.html" måste vara en sökväg till en fil'],
    ['{"timestamp": "yes"}', '"timestamp" must be true or false', '"timestamp" måste vara true eller false'],
    ['{"suppress": -1}', '"suppress" must be a whole number ≥ 0, e.g. 5', '"suppress" måste vara ett heltal ≥ 0, t.ex. 5'],
    ['{"roundCounts": 2.5}', '"roundCounts" must be a whole number ≥ 0, e.g. 5', '"roundCounts" måste vara ett heltal ≥ 0, t.ex. 5'],
    [
      '{"break": 2021}',
      '"break" must be an object like {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}',
      '"break" måste vara ett objekt som {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}',
    ],
    [
      '{"break": null}',
      '"break" must be an object like {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}',
      '"break" måste vara ett objekt som {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}',
    ],
    [
      '{"break": {"year": 2021, "region": 6}}',
      '"break.region" must be a region code, name or alias, e.g. "06"',
      '"break.region" måste vara en regionkod, ett regionnamn eller ett annat namn på regionen, t.ex. "06"',
    ],
    ['{"break": {"year": "2021"}}', '"break.year" must be a four-digit year', '"break.year" måste vara ett årtal med fyra siffror'],
    ['{"break": {"year": 2021, "method": ["MMR"]}}', '"break.method" must be a method name', '"break.method" måste vara ett metodnamn'],
    ['{"break": {"year": 2021, "vs": "others"}}', '"break.vs" must be "rest"', '"break.vs" måste vara "rest"'],
  ])('%s: a clear error in English and Swedish', (text, en, sv) => {
    let caught: unknown;
    try {
      parseConfig(text, 'c.json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RehabError);
    if (!(caught instanceof RehabError)) return;
    expect(caught.exitCode).toBe(ExitCode.data);
    expect(caught.location).toEqual({ file: 'c.json' });
    expect(say(caught.text, 'en')).toBe(en);
    expect(say(caught.text, 'sv')).toBe(sv);
  });

  it('reads a break with every key, and keeps "__proto__" an unknown key', () => {
    expect(parseConfig('{"break": {"region": "06", "year": 2021, "method": "MMR", "vs": "rest"}, "sheet": 2}', 'c.json')).toEqual({
      break: { region: '06', year: 2021, method: 'MMR', vs: 'rest' },
      sheet: 2,
    });
    expect(() => parseConfig('{"__proto__": {"year": 2014}}', 'c.json')).toThrow('unknown key "__proto__"');
    expect(() => parseConfig('{"break": {"constructor": 1, "year": 2021}}', 'c.json')).toThrow('unknown key "break.constructor"');
    expect(() => parseConfig('{"break": {"region": "06"}}', 'c.json')).toThrow('"break" needs "year"');
  });
});

describe('charts and CSV safety', () => {
  it('picks nice axis maxima', () => {
    // Four round steps that reach the maximum, and no more than needed.
    expect(niceMax(671.7)).toBe(800);
    expect(niceMax(16.4)).toBe(20);
    expect(niceMax(60000)).toBe(60000);
    expect(niceMax(51200)).toBe(60000);
    expect(niceMax(60001)).toBe(80000);
    expect(niceMax(0.93)).toBeCloseTo(1, 12);
    expect(niceMax(0)).toBe(1);
    // Never below the data, never more than half again above it.
    for (let i = 0; i < 2000; i++) {
      const x = Math.exp((i / 2000) * 30 - 8);
      expect(niceMax(x)).toBeGreaterThanOrEqual(x);
      expect(niceMax(x)).toBeLessThanOrEqual(1.5 * x * (1 + 1e-12));
    }
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });

  it('neutralises text that a spreadsheet would run, never numbers', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('KBT')).toBe('KBT');
    const csv = renderDelimited(
      {
        columns: [
          { key: 'a', header: 'A', type: 'text' },
          { key: 'n', header: 'N', type: 'rate' },
        ],
        rows: [{ a: '+cmd', n: -3.5 }],
        notes: [],
      },
      ',',
    );
    expect(csv).toBe("a,n\n'+cmd,-3.5\n");
    const excel = renderDelimited(
      {
        columns: [
          { key: 'a', header: 'A', type: 'text' },
          { key: 'n', header: 'N', type: 'rate' },
        ],
        rows: [{ a: 'Skåne', n: 1234.5 }],
        notes: [],
      },
      ',',
      { excel: true },
    );
    expect(excel).toBe('\ufeffa;n\r\nSkåne;1234,5\r\n');
  });
});
