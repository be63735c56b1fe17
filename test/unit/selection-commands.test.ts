import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInProcess } from '../fuzz/in-process.js';
import { NO_CACHE } from '../e2e/harness.js';

/**
 * rank, summary, growth, funnel and map select their counts one way (domain/year-counts.ts): the
 * same mistake gets the same answer from each, in either language. Bundled data and fixtures.
 */
const env = { LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: NO_CACHE, HOME: NO_CACHE };
const run = (args: string[], lang: 'en' | 'sv', stdin?: string) => runInProcess([...args, '--lang', lang], { env, ...(stdin === undefined ? {} : { stdin }) });

describe('a year without counts', () => {
  const asks = {
    rank: ['rank', '--method', 'KBT', '--year', '2020'],
    summary: ['summary', '--method', 'KBT', '--year', '2020'],
    growth: ['growth', '--method', 'KBT', '--from', '2009', '--to', '2020'],
    funnel: ['funnel', '--method', 'KBT', '--year', '2020'],
    map: ['map', '--method', 'KBT', '--year', '2020'],
  };

  it.each(Object.entries(asks))('stops %s with the years that have counts (exit 4)', async (_name, args) => {
    const en = await run(args, 'en');
    const sv = await run(args, 'sv');
    expect([en.code, sv.code]).toEqual([4, 4]);
    // summary said "fewer than two regions with KBT in 2020" before: true, but not the cause.
    expect(en.stderr).toBe('rehab-stats: error: the bundled dataset: no KBT counts for 2020\nhint: years with KBT counts: 2009, 2010, 2011, 2012, 2013, 2014, 2015\n');
    expect(sv.stderr).toBe('rehab-stats: fel: den medföljande datamängden: inga antal för KBT 2020\ntips: år med antal för KBT: 2009, 2010, 2011, 2012, 2013, 2014, 2015\n');
  });
});

describe('a sex without counts', () => {
  it('stops funnel naming the group, as rank does', async () => {
    for (const cmd of ['rank', 'funnel']) {
      const args = [cmd, '--method', 'KBT', '--year', '2020', '--sex', 'women'];
      const en = await run(args, 'en');
      const sv = await run(args, 'sv');
      expect([en.code, sv.code]).toEqual([4, 4]);
      expect(en.stderr).toContain('no KBT counts for 2020 (women)\nhint: years with KBT counts (women): 2009, 2010');
      expect(sv.stderr).toContain('inga antal för KBT 2020 (kvinnor)\ntips: år med antal för KBT (kvinnor): 2009, 2010');
    }
  });

  it('stops growth of a file with totals only, instead of a table of empty rows', async () => {
    const args = ['growth', '--method', 'KBT', '--from', '2022', '--sex', 'women', '--input', 'fixtures/counts-2022-2025.csv'];
    const en = await run(args, 'en');
    const sv = await run(args, 'sv');
    expect([en.code, sv.code]).toEqual([4, 4]);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe('rehab-stats: error: fixtures/counts-2022-2025.csv: no KBT counts for 2022 (women)\nhint: years with KBT counts (women): none\n');
    expect(sv.stderr).toBe('rehab-stats: fel: fixtures/counts-2022-2025.csv: inga antal för KBT 2022 (kvinnor)\ntips: år med antal för KBT (kvinnor): inga\n');
  });
});

describe('a file without a year column', () => {
  const file = 'region;metod;antal\nStockholm;KBT;100\nUppsala;KBT;40\nSkåne;KBT;90\n';

  it('holds the counts of --year for summary, as for rank, funnel and map', async () => {
    // summary stopped with "no year column found" before.
    const en = await run(['summary', '--measure', 'count', '--year', '2014', '--input', '-'], 'en', file);
    const sv = await run(['summary', '--measure', 'count', '--year', '2014', '--input', '-'], 'sv', file);
    expect([en.code, sv.code]).toEqual([0, 0]);
    expect(en.stdout).toContain('Spread across 3 regions: KBT treatments, 2014');
    expect(en.stdout).toMatch(/median +90\.00/);
    expect(sv.stdout).toContain('Spridning');
    const rank = await run(['rank', '--year', '2014', '--input', '-'], 'en', file);
    expect(rank.code).toBe(0);
  });

  it('holds the counts of --year for share too (it stopped with a hint to give --year, which was given)', async () => {
    const en = await run(['share', '--year', '2014', '--input', '-'], 'en', file);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Share of all treatments by method, 2014');
    expect(en.stdout).toMatch(/KBT +230 +230 +100\.0%/);
  });

  it('is told to give --year only by a command that has it', async () => {
    const header = 'rehab-stats: error: stdin line 1: no year column found among "region", "metod", "antal"\n';
    for (const args of [['rank'], ['share'], ['summary', '--measure', 'count'], ['funnel'], ['map'], ['tally', '--column', 'metod']]) {
      const en = await run([...args, '--input', '-'], 'en', file);
      expect(en.stderr, args[0]).toBe(`${header}hint: add a year column (år, year, period), pass --map year=HEADER, or give the year with --year\n`);
    }
    for (const args of [
      ['growth', '--from', '2009', '--input', '-'],
      ['trend', '--input', '-'],
      ['convert', '-'],
    ]) {
      const en = await run(args, 'en', file);
      const sv = await run(args, 'sv', file);
      expect(en.stderr, args[0]).toBe(`${header}hint: add a year column (år, year, period) or pass --map year=HEADER\n`);
      expect(sv.stderr, args[0]).toBe(
        'rehab-stats: fel: stdin rad 1: ingen kolumn med år bland "region", "metod", "antal"\ntips: lägg till en kolumn med år (år, year, period) eller ange --map year=RUBRIK\n',
      );
    }
  });
});

describe('a region without a count in the year', () => {
  // The 2022–2025 fixture without Gotland's 2025 row.
  const file = readFileSync('fixtures/counts-2022-2025.csv', 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('Region Gotland;2025;'))
    .join('\n');
  const args = (cmd: string, ...more: string[]) => [cmd, '--method', 'KBT', '--year', '2025', '--input', '-', ...more];

  it('is named by summary and funnel, which leave it out, as rank names it', async () => {
    for (const cmd of ['summary', 'funnel']) {
      const en = await run(args(cmd), 'en', file);
      const sv = await run(args(cmd), 'sv', file);
      expect([en.code, sv.code]).toEqual([0, 0]);
      expect(en.stdout + en.stderr).toContain('Left out, without a KBT count for 2025: Region Gotland.');
      expect(sv.stdout + sv.stderr).toContain('Utelämnade, utan antal för KBT 2025: Region Gotland.');
    }
    expect((await run(args('rank'), 'en', file)).stdout).toContain('Not in the input for 2025: Region Gotland.');
  });

  it('in neither year of growth is named, as a region in one year has its row saying which is missing', async () => {
    const neither = file
      .split('\n')
      .filter((l) => !l.startsWith('Region Gotland;'))
      .join('\n');
    const growth = ['growth', '--method', 'KBT', '--from', '2022', '--to', '2025', '--input', '-'];
    const en = await run(growth, 'en', neither);
    const sv = await run(growth, 'sv', neither);
    expect([en.code, sv.code]).toEqual([0, 0]);
    expect(en.stdout).toContain('Left out, no KBT count for either 2022 or 2025: Region Gotland.');
    expect(sv.stdout).toContain('Utelämnade, inget antal för KBT varken 2022 eller 2025: Region Gotland.');
    const one = await run(growth, 'en', file);
    expect(one.stdout).toMatch(/Region Gotland .* 2025 missing in input/);
    expect(one.stdout).not.toContain('Left out');
  });

  it('is not named when --region leaves it out anyway', async () => {
    const en = await run(args('summary', '--region', 'Stockholm,Uppsala'), 'en', file);
    expect(en.code).toBe(0);
    expect(en.stdout + en.stderr).not.toContain('Left out');
  });
});
