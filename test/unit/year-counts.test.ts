import { describe, expect, it } from 'vitest';
import { ExitCode, formatError, RehabError } from '../../src/errors.js';
import type { Observation, Sex } from '../../src/domain/observation.js';
import { chosenYear, countsIn, countsOfYear, countsOfYears, methodChoice, regionsWithoutCount, yearsWithCounts, type CountsData } from '../../src/domain/year-counts.js';

/**
 * The one selection rank, summary, growth, funnel and map make: which method, which year, which
 * counts. Small hand-made tables; the counts are made up.
 */
let line = 0;
const row = (region: string, year: number, method: string, value: number | null, sex: Sex = 'total'): Observation => ({
  region,
  year,
  method,
  sex,
  age: 'all',
  value,
  line: ++line,
});
const data = (observations: Observation[], more: Partial<CountsData> = {}): CountsData => ({ observations, recordLevel: false, ...more });
const source = 'counts.csv';

/** What the selection throws, as a user reads it in each language. */
function refusal(f: () => unknown): { code: number; en: string; sv: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof RehabError)) throw e;
    return { code: e.exitCode, en: formatError(e, 'en'), sv: formatError(e, 'sv') };
  }
  throw new Error('expected a refusal');
}

const kbt = [row('01', 2013, 'KBT', 10), row('03', 2013, 'KBT', 4), row('01', 2014, 'KBT', 12), row('00', 2014, 'KBT', 900)];
const ipt = [row('01', 2015, 'IPT', 3)];

describe('the method', () => {
  it("is the data's only one without --method, and as the data spells it with --method", () => {
    expect(methodChoice(data(kbt), undefined, source)).toEqual({ method: 'KBT', asked: 'KBT' });
    expect(methodChoice(data([...kbt, ...ipt]), 'kbt', source)).toEqual({ method: 'KBT', asked: 'kbt' });
  });

  it('is asked for when the data has several, listing them (exit 2)', () => {
    const r = refusal(() => methodChoice(data([...kbt, ...ipt]), undefined, source));
    expect(r.code).toBe(ExitCode.usage);
    expect(r.en).toContain('methods in the data: KBT, IPT');
    expect(r.sv).toContain('metoder i data: KBT, IPT');
  });

  it('of a file without a method column is named by --method', () => {
    const unnamed = [row('01', 2014, '', 5), row('03', 2014, '', 6)];
    expect(methodChoice(data(unnamed), 'MMR', source)).toEqual({ method: '', asked: 'MMR' });
    expect(refusal(() => methodChoice(data(unnamed), undefined, source)).code).toBe(ExitCode.usage);
  });
});

describe('the year', () => {
  it("is the latest with counts of the method, not of another method's", () => {
    const d = data([...kbt, ...ipt]);
    expect(chosenYear(d, methodChoice(d, 'KBT', source), undefined)).toBe(2014);
    expect(chosenYear(d, methodChoice(d, 'IPT', source), undefined)).toBe(2015);
    expect(chosenYear(d, methodChoice(d, 'KBT', source), 2013)).toBe(2013);
  });

  it('comes from every observation when a reader kept only some (rank keeps the method asked for)', () => {
    const d = data(kbt, { all: [...kbt, ...ipt] });
    expect(methodChoice(d, 'IPT', source)).toEqual({ method: 'IPT', asked: 'IPT' });
    expect(chosenYear(d, { method: 'IPT', asked: 'IPT' }, undefined)).toBe(2015);
  });
});

describe('the counts of a year', () => {
  it("are per region, Riket's row (00) among them when the data has one", () => {
    const c = countsOfYear(data(kbt), { sex: 'total', source });
    expect(c).toMatchObject({ method: 'KBT', asked: 'KBT', year: 2014, sex: 'total' });
    expect([...c.counts].map(([code, cell]) => [code, cell.value])).toEqual([
      ['01', 12],
      ['00', 900],
    ]);
  });

  it('add up women and men for the total; in a table by sex a missing half leaves it unknown, in records it is none', () => {
    const bySex = [row('01', 2014, 'KBT', 7, 'women'), row('01', 2014, 'KBT', 5, 'men'), row('03', 2014, 'KBT', 2, 'women')];
    const table = countsOfYear(data(bySex), { sex: 'total', source }).counts;
    expect(table.get('01')?.value).toBe(12);
    expect(table.get('03')?.value).toBeNull();
    const records = countsOfYear(data(bySex, { recordLevel: true }), { sex: 'total', source }).counts;
    expect(records.get('03')?.value).toBe(2);
    expect(countsOfYear(data(bySex), { sex: 'men', source }).counts.get('01')?.value).toBe(5);
  });

  it('stop when the year has none, naming the years that have some (exit 4), in both languages', () => {
    const d = data(kbt);
    const r = refusal(() => countsOfYear(d, { method: 'KBT', year: 2020, sex: 'total', source }));
    expect(r.code).toBe(ExitCode.data);
    expect(r.en).toBe('rehab-stats: error: counts.csv: no KBT counts for 2020\nhint: years with KBT counts: 2013, 2014\n');
    expect(r.sv).toBe('rehab-stats: fel: counts.csv: inga antal för KBT 2020\ntips: år med antal för KBT: 2013, 2014\n');
  });

  it('of one sex stop when the year has none of that sex, naming the years that have them', () => {
    const d = data([...kbt, row('01', 2013, 'KBT', 6, 'women')]);
    expect(yearsWithCounts(d, 'KBT', 'women')).toEqual([2013]);
    expect(yearsWithCounts(d, 'KBT', 'total')).toEqual([2013, 2014]);
    const r = refusal(() => countsIn(d, methodChoice(d, 'KBT', source), 2014, 'women', source));
    expect(r.code).toBe(ExitCode.data);
    expect(r.en).toBe('rehab-stats: error: counts.csv: no KBT counts for 2014 (women)\nhint: years with KBT counts (women): 2013\n');
    expect(r.sv).toBe('rehab-stats: fel: counts.csv: inga antal för KBT 2014 (kvinnor)\ntips: år med antal för KBT (kvinnor): 2013\n');
    expect(refusal(() => countsIn(d, methodChoice(d, 'KBT', source), 2014, 'men', source)).en).toContain('years with KBT counts (men): none');
  });
});

describe('the regions without a count', () => {
  it('are those absent in the year or marked missing, Riket apart, in the order given', () => {
    const regions = [
      { code: '00', name: 'Riket' },
      { code: '01', name: 'Region Stockholm' },
      { code: '03', name: 'Region Uppsala' },
      { code: '09', name: 'Region Gotland' },
    ];
    const counts = countsOfYear(data([...kbt, row('09', 2014, 'KBT', null)]), { sex: 'total', source }).counts;
    expect(regionsWithoutCount(counts, regions)).toEqual(['Region Uppsala', 'Region Gotland']);
  });
});

describe("growth's two years", () => {
  it('are --from and --to, or the latest year with counts of the method', () => {
    const c = countsOfYears(data([...kbt, ...ipt]), { method: 'KBT', from: 2013, sex: 'total', source });
    expect([c.method, c.from, c.to, c.base.get('01')?.value, c.end.get('01')?.value]).toEqual(['KBT', 2013, 2014, 10, 12]);
  });

  it('stop when --to is not after --from (exit 2), in both languages', () => {
    const r = refusal(() => countsOfYears(data(kbt), { from: 2014, to: 2013, sex: 'total', source }));
    expect(r.code).toBe(ExitCode.usage);
    expect(r.en).toBe('rehab-stats: error: --to 2013 must be after --from 2014\n');
    expect(r.sv).toBe('rehab-stats: fel: --to 2013 måste ligga efter --from 2014\n');
  });

  it('stop at the base year first when it has no counts', () => {
    const r = refusal(() => countsOfYears(data(kbt), { from: 2010, to: 2020, sex: 'total', source }));
    expect(r.code).toBe(ExitCode.data);
    expect(r.en).toContain('no KBT counts for 2010\nhint: years with KBT counts: 2013, 2014');
  });
});
