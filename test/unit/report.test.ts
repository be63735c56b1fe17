import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/domain/config.js';
import { RehabError } from '../../src/errors.js';
import { headline, percentWords } from '../../src/report/text.js';
import { niceMax, escapeXml } from '../../src/render/svg.js';
import type { MethodSection } from '../../src/report/build.js';
import { neutraliseFormula, renderDelimited } from '../../src/render/machine.js';

/** A section with only what the headline reads: the national row's count and the growth from `base`. */
function section(base: number | null, count: number, changePct: number | null): MethodSection {
  const region = { region_code: '00', region: 'Riket', note: '' };
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
