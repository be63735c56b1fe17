import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { RehabError } from '../../src/errors.js';
import type { Observation } from '../../src/domain/observation.js';
import { PopulationTable, describeYears } from '../../src/domain/population.js';
import { formatPopulationRows, parsePopulationRows, rowsToObservations } from '../../src/domain/population-rows.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { readBundled } from '../../src/io/bundled.js';

const regions = bundledRegions();
const codes = regions.regions.map((r) => r.code);
const bundledRows = parsePopulationRows(readBundled('population.csv'), 'population.csv', regions);
/** The numbers and upper-case ids of a text (in any order, as word order differs): what a translation must keep. */
const facts = (text: string) => (text.match(/\d+|\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []).sort().join(' ');
/** The web addresses and commit hashes of a text. */
const addresses = (text: string) => text.match(/https?:\/\/\S+|@[0-9a-f]{40}/g) ?? [];
const bundled = () => new PopulationTable(rowsToObservations(bundledRows), 'the bundled SCB population table', regions, true);

describe('the bundled population table (src/data/population.csv)', () => {
  it('has totals for all 21 regions and Riket every year 2000–2025', () => {
    const t = bundled();
    for (let y = 2000; y <= 2025; y++) for (const c of ['00', ...codes]) expect(t.get(c, y), `${c} ${y}`).toBeGreaterThan(0);
  });

  it('every row names a described source', () => {
    const described = new Set(parse<{ source_id: string }>(readBundled('population-sources.csv'), { columns: true }).map((s) => s.source_id));
    for (const r of bundledRows) expect(described, `${r.region_code} ${r.year} ${r.source_id}`).toContain(r.source_id);
  });

  // A translation is not a new fact: the Swedish says what the English says, with the same
  // numbers, source ids and addresses (the English columns are the researched data, unchanged).
  it('every note has its Swedish text (note_sv), with the same numbers and source ids', () => {
    const problems: string[] = [];
    for (const [i, r] of bundledRows.entries()) {
      if (!r.note) continue;
      if (!r.note_sv) problems.push(`line ${i + 2}: no note_sv for "${r.note}"`);
      else if (facts(r.note) !== facts(r.note_sv)) problems.push(`line ${i + 2}: "${r.note}" and "${r.note_sv}" differ in numbers or ids`);
    }
    expect(problems).toEqual([]);
  });

  it('every source has its location in Swedish (location_sv), with every address and number as in the English', () => {
    const sources = parse<Record<string, string>>(readBundled('population-sources.csv'), { columns: true });
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s.location_sv, s.source_id).toBeTruthy();
      expect(facts(s.location_sv ?? ''), s.source_id).toBe(facts(s.location ?? ''));
      expect(addresses(s.location_sv ?? ''), s.source_id).toEqual(addresses(s.location ?? ''));
    }
  });

  it('Riket as published equals the sum of the 21 regions 2000–2024 (SCB, before the Cell Key Method)', () => {
    const t = bundled();
    for (let y = 2000; y <= 2024; y++) t.get('00', y);
    expect(t.nationalDifferences()).toEqual([]);
  });

  // SCB: Riket 31 Dec 2025 = 10 605 529 (scb.se/be0101, 2026-02-24); the county cells sum to 10 605 535.
  it('2025: Riket is used as published (10 605 529) and the +6 difference from the regions is reported', () => {
    const t = bundled();
    expect(t.get('00', 2025)).toBe(10605529);
    expect(t.nationalDifferences()).toEqual([{ year: 2025, sex: 'total', age: 'all', published: 10605529, sumOfRegions: 10605535 }]);
  });

  it('the target group 16–67 is complete 2000–2015 and absent after (never estimated)', () => {
    const t = bundled();
    expect(t.completeYears('total', '16-67')).toEqual(Array.from({ length: 16 }, (_, i) => 2000 + i));
    expect(t.get('01', 2016, 'total', '16-67')).toBeUndefined();
  });
});

describe('PopulationTable', () => {
  const obs = (region: string, year: number, sex: Observation['sex'], age: string, value: number): Observation => ({ region, year, method: '', sex, age, value, line: 0 });

  it('names the missing figure, the years that are complete and both ways out', () => {
    let err: unknown;
    try {
      bundled().require('06', 2022, 'women');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RehabError);
    const e = err as RehabError;
    expect(e.exitCode).toBe(5);
    expect(e.message).toBe(
      'the bundled SCB population table has no population for Region Jönköpings län (06) in 2022 (women); it has figures (women) for all 21 regions in 2000–2015 only',
    );
    expect(e.hint).toContain('--population FILE');
  });

  it('a further layer fills only the cells the first lacks, and is reported as used only when it was', () => {
    const more = [obs('06', 2022, 'women', 'all', 1), obs('06', 2022, 'total', 'all', 2)];
    const t = new PopulationTable(rowsToObservations(bundledRows), 'bundled', regions, true, [{ observations: more, source: 'fetched' }]);
    expect(t.get('06', 2022)).toBe(369113);
    expect(t.usedSources()).toEqual(['bundled']);
    expect(t.get('06', 2022, 'women')).toBe(1);
    expect(t.usedSources()).toEqual(['bundled', 'fetched']);
  });

  it('a user file whose Riket differs from its regions is reported too', () => {
    const rows = [...codes.map((c) => obs(c, 2014, 'total', 'all', 10)), obs('00', 2014, 'total', 'all', 200)];
    const t = new PopulationTable(rows, 'pop.csv', regions, false);
    expect(t.get('00', 2014)).toBe(200);
    expect(t.nationalDifferences()).toEqual([{ year: 2014, sex: 'total', age: 'all', published: 200, sumOfRegions: 210 }]);
  });
});

describe('population rows', () => {
  it('round-trip through the file format', () => {
    const some = bundledRows.slice(0, 50);
    expect(parsePopulationRows(formatPopulationRows(some), 'x.csv', regions)).toEqual(some);
  });

  it('reject a row that is not a whole number, naming line and column', () => {
    const text = 'region_code,region_name,year,sex,age_group,population,source_id,note\n01,Region Stockholm,2020,total,all,12.5,X,\n';
    expect(() => parsePopulationRows(text, 'cache.csv', regions)).toThrow(/"12.5" is not a whole number/);
    try {
      parsePopulationRows(text, 'cache.csv', regions);
    } catch (e) {
      expect((e as RehabError).location).toEqual({ file: 'cache.csv', line: 2, column: 'population' });
    }
  });

  it('describe runs of years', () => {
    expect(describeYears([2000, 2001, 2002, 2005, 2007, 2008])).toBe('2000–2002, 2005, 2007–2008');
    expect(describeYears([])).toBe('no years');
  });
});

describe('SCB request pieces', () => {
  it('Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3)', async () => {
    const { parseRetryAfter } = await import('../../src/io/http-json.js');
    expect(parseRetryAfter('120', 0)).toBe(120);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('splits long spans so no request exceeds 100 000 cells (SCB allows 150 000)', async () => {
    const { scbQueries } = await import('../../src/domain/scb-population.js');
    const years = Array.from({ length: 58 }, (_, i) => 1968 + i);
    const qs = scbQueries(years, regions);
    expect(qs.flatMap((q) => q.years)).toEqual(years);
    for (const q of qs) expect(q.body.selection.reduce((n, s) => n * s.valueCodes.length, 1)).toBeLessThanOrEqual(100_000);
  });
});

describe("SCB answers of the wrong shape: a ScbFormatError saying what differs (population fetch's exit 8)", async () => {
  const { jsonStat } = await import('../e2e/scb-server.js');
  const { parseScbPopulation, scbQueries, ScbFormatError } = await import('../../src/domain/scb-population.js');
  const q = scbQueries([2024], regions)[0]!;
  /** SCB's documented answer to the query (test/e2e/scb-server.ts), changed by `edit`. */
  const answer = (edit: (d: Record<string, unknown> & { dimension: Record<string, { category: { index: unknown } }> }) => void) => {
    const d = JSON.parse(JSON.stringify(jsonStat(JSON.stringify(q.body)))) as Record<string, unknown> & { dimension: Record<string, { category: { index: unknown } }> };
    edit(d);
    return () => parseScbPopulation(d, q.table, q.years, regions, '2026-01-01', 'http://scb.example/tables/TAB638');
  };

  it('reads the documented answer', () => {
    expect(answer(() => undefined)().length).toBeGreaterThan(0);
  });

  it.each([
    ['a class other than "dataset"', (d: Record<string, unknown>) => void (d.class = 'collection'), 'expected a JSON-stat 2.0 dataset, got class "collection"'],
    ['"id" not a list of names', (d: Record<string, unknown>) => void (d.id = 'Region'), 'the dataset has no list of dimensions ("id")'],
    ['"size" with a fraction', (d: Record<string, unknown>) => void (d.size = (d.size as number[]).map((n) => n + 0.5)), 'the dataset\'s "size" does not match its dimensions'],
    ['"dimension" a list', (d: Record<string, unknown>) => void (d.dimension = []), 'the dataset\'s "dimension" is not an object'],
  ])('%s', (_, edit, message) => {
    const run = answer(edit);
    expect(run).toThrow(ScbFormatError);
    expect(run).toThrow(message);
  });

  // Positions that would read cells from the wrong place: refused, never a silently wrong count.
  it('a category position that is not a whole number, or out of range', () => {
    expect(answer((d) => ((d.dimension.Kon!.category.index as Record<string, unknown>)['1'] = '0'))).toThrow('dimension Kon: category 1 has position "0", not one from 0 to 1');
    expect(answer((d) => ((d.dimension.Kon!.category.index as Record<string, unknown>)['1'] = 2))).toThrow('dimension Kon: category 1 has position 2, not one from 0 to 1');
  });

  it('two categories in one position, or fewer categories than the size', () => {
    expect(answer((d) => ((d.dimension.Kon!.category.index as Record<string, unknown>)['1'] = 1))).toThrow('dimension Kon has 2 categories in 1 positions where its size gives 2');
    expect(answer((d) => (d.dimension.Kon!.category.index = ['1']))).toThrow('dimension Kon has 1 categories in 1 positions where its size gives 2');
    expect(answer((d) => (d.dimension.Kon!.category.index = ['1', {}]))).toThrow('dimension Kon has a category code {}');
    expect(answer((d) => (d.dimension.Kon!.category.index = null))).toThrow('dimension Kon has no category index');
  });

  it('says what differs in Swedish too', async () => {
    const { say } = await import('../../src/messages/index.js');
    let caught: unknown;
    try {
      answer((d) => ((d.dimension.Kon!.category.index as Record<string, unknown>)['1'] = 2))();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScbFormatError);
    if (!(caught instanceof ScbFormatError)) return;
    expect(say(caught.detail, 'sv')).toBe('dimensionen Kon: kategorin 1 har platsen 2, inte en från 0 till 1');
  });

  it('a code list (the other form JSON-stat allows) reads as the object form does', () => {
    const asList = answer((d) => {
      for (const dim of Object.values(d.dimension)) {
        const index = dim.category.index as Record<string, number>;
        dim.category.index = Object.keys(index).sort((a, b) => index[a]! - index[b]!);
      }
    })();
    expect(asList).toEqual(answer(() => undefined)());
  });
});
