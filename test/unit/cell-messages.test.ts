import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import { growthRows } from '../../src/domain/growth-rows.js';
import type { Observation } from '../../src/domain/observation.js';
import { PopulationTable } from '../../src/domain/population.js';
import { buildStrata, rankRows } from '../../src/domain/ranking.js';
import type { CountCell } from '../../src/domain/select.js';
import { rankUnits } from '../../src/domain/unit-ranking.js';
import { msg, say, type Text } from '../../src/messages/index.js';
import { funnelSvg } from '../../src/render/funnel-svg.js';
import { runInProcess } from '../fuzz/in-process.js';
import { NO_CACHE } from '../e2e/harness.js';
import { RehabError } from '../../src/errors.js';

/**
 * The cells the domain fills with text for people hold catalogue messages, written in the
 * output's language from their keys (never English text read back against the catalogue).
 * Counts and populations are made up.
 */
const regions = bundledRegions();
const codes = regions.regions.map((r) => r.code);
const observation = (region: string, value: number, age = 'all', year = 2014): Observation => ({ region, year, method: 'KBT', sex: 'total', age, value, line: 1 });
const population = new PopulationTable(
  [
    ...codes.map((c, i) => observation(c, 100_000 + 1_000 * i)),
    observation(
      '00',
      codes.reduce((s, _c, i) => s + 100_000 + 1_000 * i, 0),
    ),
  ],
  'made-up',
  regions,
  false,
);
const counts = (entries: [string, number | null][]): Map<string, CountCell> => new Map(entries.map(([code, value]) => [code, { value, lines: [1] }]));
const ranking = (c: Map<string, CountCell>) => rankRows({ counts: c, population, regions, year: 2014, sex: 'total', age: 'all', per: 100_000, level: 0.95, ciMethod: 'exact' });
const both = (t: Text | null | undefined) => (t === null || t === undefined ? t : [say(t, 'en'), say(t, 'sv')]);

describe('the national row of a ranking', () => {
  it('a sum of some regions is named by a message, with its note', () => {
    const { national } = ranking(
      counts([
        ['01', 500],
        ['03', 200],
        ['05', 90],
      ]),
    );
    expect(both(national.region)).toEqual(['Total of 3 regions', 'Summa för 3 regioner']);
    expect(both(national.note)).toEqual(['sum of the 3 regions with counts', 'summan av de 3 regionerna med antal']);
    expect(both(ranking(counts([['01', 500]])).national.region)).toEqual(['Total of 1 region', 'Summa för 1 region']);
  });

  it('is Riket when every region has a count, or when the input gives it', () => {
    const all = ranking(counts(codes.map((c) => [c, 100])));
    expect(all.national.region).toBe('Riket');
    expect(both(all.national.note)).toEqual(['sum of the 21 regions', 'summan av de 21 regionerna']);
    const reported = ranking(
      counts([
        ['01', 500],
        ['00', 9000],
      ]),
    );
    expect(reported.national.region).toBe('Riket');
    expect(both(reported.national.note)).toEqual(['as reported in the input', 'enligt indata']);
    const none = ranking(counts([['01', null]]));
    expect(both(none.national.note)).toEqual(['no region has a count', 'ingen region har något antal']);
  });
});

describe('the national row of a growth table', () => {
  it('a sum of the regions with both years is named by a message, and said to be a sum', () => {
    const g = growthRows(
      regions,
      counts([
        ['01', 100],
        ['03', 50],
      ]),
      counts([
        ['01', 120],
        ['03', 60],
      ]),
      2010,
      2014,
    );
    expect(g.summed).toBe(true);
    expect(both(g.national.region)).toEqual(['Total of regions with both years', 'Summa för regioner med båda åren']);
    const reported = growthRows(
      regions,
      counts([
        ['01', 100],
        ['00', 900],
      ]),
      counts([
        ['01', 120],
        ['00', 950],
      ]),
      2010,
      2014,
    );
    expect([reported.summed, reported.national.region]).toEqual([false, 'Riket']);
  });
});

describe('an age group a region lacks', () => {
  it('is why the region has no DSR, in both languages', () => {
    const standard = { '0-49': 0.5, '50+': 0.5 };
    const obs = [observation('01', 10, '0-49'), observation('01', 20, '50+'), observation('03', 5, '0-49')];
    const missing: Observation = { ...observation('05', 0, '50+'), value: null };
    const pops = new PopulationTable(
      ['01', '03', '05'].flatMap((c) => [observation(c, 1000, '0-49'), observation(c, 1000, '50+')]),
      'made-up',
      regions,
      false,
    );
    const sel = { method: 'KBT', year: 2014, sex: 'total' as const, absentIsZero: false };
    const { problems } = buildStrata([...obs, observation('05', 3, '0-49'), missing], sel, pops, regions, standard, msg('standard.esp2013'), 'in.csv');
    expect(both(problems.get('03'))).toEqual(['no count for age group 50+', 'inget antal för åldersgruppen 50+']);
    expect(both(problems.get('05'))).toEqual(['count for age group 50+ missing in input', 'antal för åldersgruppen 50+ saknas i indata']);
    expect(problems.has('01')).toBe(false);
  });

  it('a table without age groups, or with groups the standard lacks, is an error in both languages', () => {
    const pops = new PopulationTable([observation('01', 1000, '0-49')], 'made-up', regions, false);
    const sel = { method: 'KBT', year: 2014, sex: 'total' as const, absentIsZero: false };
    const refused = (obs: Observation[]) => {
      try {
        buildStrata(obs, sel, pops, regions, { '0-49': 1 }, msg('standard.esp2013'), 'in.csv');
      } catch (e) {
        if (e instanceof RehabError) return [...(both(e.text) ?? []), ...(both(e.hintText) ?? [])];
      }
      return undefined;
    };
    expect(refused([{ ...observation('01', 10, '0-49'), age: 'all' }])).toEqual([
      'the input has no counts by age group, so there is nothing to standardise',
      'indata har inga antal per åldersgrupp, så det finns inget att standardisera',
      'age standardisation needs an age column with groups such as 15-19, 20-24, …',
      'åldersstandardisering kräver en ålderskolumn med grupper som 15-19, 20-24, …',
    ]);
    expect(refused([observation('01', 10, '0-49'), observation('01', 5, '50-59'), observation('01', 5, '60+')])).toEqual([
      'age groups 50-59, 60+ are not in the European Standard Population 2013',
      'åldersgrupperna 50-59, 60+ finns inte i den europeiska standardbefolkningen 2013 (ESP)',
      'the European Standard Population 2013 has: 0-49',
      'den europeiska standardbefolkningen 2013 (ESP) har: 0-49',
    ]);
  });
});

describe('the row apart of rank --by', () => {
  it('is the total of counts, or the overall proportion, by a message; a unit from the input is shown as it is', () => {
    const byCount = rankUnits([{ unit: 'Total', numerator: 3 }]);
    expect(both(byCount.overall.unit)).toEqual(['Total', 'Totalt']);
    expect(byCount.rows[0]?.unit).toBe('Total');
    const byProportion = rankUnits([
      { unit: 'A', numerator: 3, denominator: 9 },
      { unit: 'B', numerator: 0, denominator: 0 },
    ]);
    expect(both(byProportion.overall.unit)).toEqual(['Overall', 'Samtliga']);
    expect(byProportion.kind === 'proportion' && byProportion.rows.map((r) => both(r.note))).toEqual([
      ['denominator below 10: unstable', 'nämnaren under 10: osäkert värde'],
      ['denominator 0', 'nämnaren är 0'],
    ]);
  });
});

describe("a funnel point's title", () => {
  it("says where the point lies in the plot's language", () => {
    const plot = (lang: 'en' | 'sv') =>
      funnelSvg({
        title: 't',
        yLabel: 'per 100 000',
        target: 10,
        targetLabel: 'Riket',
        points: [{ code: '01', name: 'Stockholm', population: 1000, rate: 30, label: 'above 99.8%' }],
        curve: [{ population: 1000, lower95: 5, upper95: 15, lower998: 3, upper998: 20 }],
        limitsNote: '',
        format: (v) => String(v),
        lang,
      });
    expect(plot('en')).toContain('<title>Stockholm: 30 per 100 000 (above 99.8%)</title>');
    expect(plot('sv')).toContain('<title>Stockholm: 30 per 100 000 (över 99,8 %)</title>');
  });
});

describe('rank with --suppress, some regions missing', () => {
  const env = { LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: NO_CACHE, HOME: NO_CACHE };
  const args = ['rank', '--method', 'KBT', '--year', '2012', '--input', 'fixtures/pxweb-wide-latin1.csv', '--suppress', '1000', '--format', 'markdown'];
  /** The region codes of a Markdown table in the order printed, and the last row's region. */
  const shown = (out: string) => {
    const rows = out.split('\n').filter((l) => /^\| [^-]/.test(l));
    return { codes: rows.slice(1, -1).map((l) => l.split(' | ')[1]), last: rows.at(-1)?.split(' | ')[2] };
  };

  it('orders the rows by rank, then code, the same in both languages; only the labels change', async () => {
    const en = await runInProcess([...args, '--lang', 'en'], { env });
    const sv = await runInProcess([...args, '--lang', 'sv'], { env });
    expect([en.code, sv.code]).toEqual([0, 0]);
    const e = shown(en.stdout);
    const s = shown(sv.stdout);
    // Hidden rows (no rank) come last, by code; a gap would be a hidden rank.
    expect(e.codes.length).toBe(21);
    expect(s.codes).toEqual(e.codes);
    expect([e.last, s.last]).toEqual(['**Total of 20 regions**', '**Summa för 20 regioner**']);
  });
});

describe("the report's funnel with a region missing", () => {
  it('names its centre line as the national row does, not "Riket"', async () => {
    const env = { LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: NO_CACHE, HOME: NO_CACHE };
    const args = ['report', '--html', '-', '--method', 'KBT', '--year', '2012', '--from', '2011', '--input', 'fixtures/pxweb-wide-latin1.csv'];
    const en = await runInProcess([...args, '--lang', 'en'], { env });
    const sv = await runInProcess([...args, '--lang', 'sv'], { env });
    expect(en.stdout).toContain('Total of 20 regions: 512.1 per 100,000 (dotted line).');
    expect(sv.stdout).toContain('Summa för 20 regioner: 512,1 per 100 000 (prickad linje).');
    expect(sv.stdout).not.toContain('Riket: 512,1');
  });
});
