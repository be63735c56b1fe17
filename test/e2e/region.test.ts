import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../fuzz/in-process.js';
import { NO_CACHE, ROOT } from './harness.js';

// --region on check and report (and the break chart's Swedish words), run in-process.
const ENV = { NO_COLOR: '1', LANG: 'C', XDG_CACHE_HOME: NO_CACHE };
const cli = (args: string[], stdin?: string) => runInProcess(args, { env: ENV, ...(stdin !== undefined ? { stdin } : {}) });
const work = mkdtempSync(join(tmpdir(), 'rehab-stats-region-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

// Problems and missing values in three regions, and a row whose region cannot be read.
const MIXED = [
  'region,year,method,count',
  'Stockholm,2014,KBT,10173', // line 2
  'Stockholm,2014,IPT,12x', // line 3: Stockholm's problem
  'Skåne,2014,KBT,..', // line 4: Skåne's missing value
  'Skåne,2014,IPT,7.5', // line 5: Skåne's problem (not a whole number)
  'Region Skone,2014,KBT,300', // line 6: region unknown — could be anyone's
  'Uppsala,2014,KBT,1607', // line 7
].join('\n');

describe('check --region', () => {
  it("checks only those regions' rows (and rows whose region cannot be read), and says so", async () => {
    const r = await cli(['check', '-', '--region', 'Skåne'], MIXED);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain(
      "  only       12 Region Skåne (--region): their rows and rows whose region cannot be read; other regions' 2 values, 0 missing, 1 problem left out\n",
    );
    expect(r.stdout).toContain('  regions    1 of 1 asked for found\n');
    expect(r.stdout).toContain('  missing    1 value marked missing: line 4 "count" (..)\n');
    expect(r.stdout).toContain('line 5, column "count"');
    expect(r.stdout).toContain('line 6, column "region": unknown region "Region Skone"');
    // Stockholm's bad cell is not Skåne's business.
    expect(r.stdout).not.toContain('line 3');
    expect(r.stdout).toContain('  problems   2\n');
  });

  it('is clean when the selected regions are (exit 0), and lists every region when not asked', async () => {
    const uppsala = await cli(
      ['check', '-', '--region', '03'],
      MIXED.split('\n')
        .filter((l) => !l.startsWith('Region Skone'))
        .join('\n'),
    );
    expect(uppsala.code).toBe(0);
    expect(uppsala.stdout).toContain("other regions' 2 values, 1 missing, 2 problems left out");
    expect(uppsala.stdout).toContain('  problems   none\n');
    const all = await cli(['check', '-'], MIXED);
    expect(all.stdout).not.toContain('  only ');
    expect(all.stdout).toContain('  problems   3\n');
  });

  it('JSON says which regions and what was left out; a region without rows is a problem', async () => {
    const r = await cli(['check', '-', '--region', 'Jönköping,Stockholm', '--format', 'json'], MIXED);
    expect(r.code).toBe(6);
    const [report] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(report!.only_regions).toEqual(['06 Region Jönköpings län', '01 Region Stockholm']);
    expect(report!.left_out).toEqual({ values: 2, missing: 1, problems: 1 });
    expect(report!.regions).toEqual(['01 Region Stockholm']);
    expect(report!.regions_absent).toEqual(['06 Region Jönköpings län']);
    expect(report!.problems).toEqual([
      { line: 3, column: 'count', message: '"12x" is not a number', hint: 'write numbers like 1234, 1 234 or 1234,5; ".." marks a missing value' },
      { line: 6, column: 'region', message: 'unknown region "Region Skone"', hint: 'closest known names: Region Skåne (12); Region Blekinge (10) (see: rehab-stats regions)' },
      { message: 'no rows for 06 Region Jönköpings län (--region)', hint: 'run check without --region to see which regions the file has' },
    ]);
  });

  it('an unknown --region is a usage error with the nearest names', async () => {
    const r = await cli(['check', '-', '--region', 'Smaland'], MIXED);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--region Smaland: no such region');
  });
});

/** Region names in the rows of a Markdown table ("| 12 | Region Jönköpings län | …"). */
const tableRegions = (md: string, heading: string) => {
  const part = md.slice(md.indexOf(heading));
  const table = part.slice(0, part.indexOf('\n\n', part.indexOf('| ---')));
  return [...table.matchAll(/^\|(?:[^|\n]*\|)?? (\*\*Riket\*\*|Region [^|]+?|Västra Götalandsregionen) \|/gm)].map((m) => m[1]);
};

describe('report --region', () => {
  it('keeps only those regions in every table, ranks among all 21, Riket for comparison', async () => {
    const all = await cli(['report', '--method', 'KBT', '--markdown', '-']);
    const two = await cli(['report', '--method', 'KBT', '--region', 'Jönköping', '--region', '08', '--markdown', '-']);
    expect(two.code).toBe(0);
    expect(tableRegions(two.stdout, '### KBT: treatments per')).toEqual(['Region Jönköpings län', 'Region Kalmar län', '**Riket**']);
    expect(tableRegions(two.stdout, '### KBT: growth')).toEqual(['Region Jönköpings län', 'Region Kalmar län', '**Riket**']);
    // The same rows, ranks and figures as in the whole report: only the other regions are gone.
    for (const name of ['Region Jönköpings län', 'Region Kalmar län', '**Riket**']) {
      const line = (md: string) => md.split('\n').filter((l) => l.includes(`| ${name} |`));
      expect(line(two.stdout)).toEqual(line(all.stdout));
    }
    expect(two.stdout).toContain('Only Region Jönköpings län and Region Kalmar län; their ranks are among all 21 regions, Riket is shown for comparison');
    expect(two.stdout).toContain('Most per inhabitant among the selected regions: Region Jönköpings län');
    expect(two.stdout).toContain('0 of 2 regions are clearly above the national rate');
    expect(two.stdout).toContain('rehab-stats report --method KBT --region 06,08 --year 2015');
  });

  it('keeps only those regions in every chart of the HTML (no tile map)', async () => {
    const html = (await cli(['report', '--method', 'KBT', '--region', '06,08', '--html', '-', '--markdown', join(work, 'r.md')])).stdout;
    expect(html).toContain('Region Kalmar län');
    // No other region anywhere: bar chart, funnel plot, tables.
    for (const other of ['Region Skåne', 'Region Stockholm', 'Västra Götalandsregionen', 'Region Gotland']) expect(html).not.toContain(other);
    expect(html).not.toContain('data-region="01"');
    const whole = (await cli(['report', '--method', 'KBT', '--html', '-', '--markdown', join(work, 'r.md')])).stdout;
    expect(whole).toContain('data-region="01"');
  });

  it('takes "regions" from the config; --region replaces it; a break region may come from it', async () => {
    const config = join(work, 'regions.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        input: join(ROOT, 'fixtures', 'its-illustrative.csv'),
        methods: ['MMR'],
        year: 2025,
        from: 2014,
        regions: ['Jönköping'],
        break: { year: 2021 },
        lang: 'sv',
      }),
    );
    const r = await cli(['report', '--config', config, '--markdown', '-']);
    expect(r.code).toBe(0);
    expect(tableRegions(r.stdout, '### MMR: behandlingar per')).toEqual(['Region Jönköpings län', '**Riket**']);
    expect(r.stdout).toContain('## MMR i Region Jönköpings län, 2014–2025: brytpunkt 2021');
    const option = await cli(['report', '--config', config, '--region', 'Jönköping,Kalmar', '--markdown', '-']);
    expect(option.code).toBe(4);
    expect(option.stderr).toContain('"break" needs "region"');
    expect(option.stderr).toContain('the report has 2 regions (06 Region Jönköpings län, 08 Region Kalmar län): name the one the break is about');
  });

  it('refuses contradictions between the regions and the break section, and Riket, with a clear message', async () => {
    const its = join(ROOT, 'fixtures', 'report', 'its-break.config.json');
    const leavesOut = await cli(['report', '--config', its, '--region', 'Stockholm', '--markdown', '-']);
    expect(leavesOut.code).toBe(2);
    expect(leavesOut.stderr).toBe(
      `rehab-stats: error: --region 01 Region Stockholm leaves out 06 Region Jönköpings län, the break section's region ("break.region" in ${its})\nhint: add --region 06, or leave --region out\n`,
    );
    const config = join(work, 'contradiction.config.json');
    writeFileSync(config, JSON.stringify({ regions: ['Kalmar'], break: { region: '06', year: 2021 } }));
    const inConfig = await cli(['report', '--config', config, '--markdown', '-']);
    expect(inConfig.code).toBe(4);
    expect(inConfig.stderr).toContain('"break.region" 06 Region Jönköpings län is not among "regions" (08 Region Kalmar län)');
    const riket = await cli(['report', '--region', 'Riket', '--markdown', '-']);
    expect(riket.code).toBe(2);
    expect(riket.stderr).toContain('--region: Riket is always in the report, for comparison');
    writeFileSync(config, JSON.stringify({ regions: ['Smaland'] }));
    const unknown = await cli(['report', '--config', config, '--markdown', '-']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('"regions": Smaland: no such region');
  });
});

describe('the break chart in Swedish', () => {
  it('report --lang sv: the chart in the HTML has Swedish words', async () => {
    const its = join(ROOT, 'fixtures', 'report', 'its-break.config.json');
    const html = (await cli(['report', '--config', its, '--lang', 'sv', '--html', '-', '--markdown', join(work, 'b.md')])).stdout;
    const svg = html.slice(html.indexOf('<section id="break">'), html.indexOf('</figure>', html.indexOf('<section id="break">')));
    expect(svg).toContain('>Brytpunkt 2021</text>');
    expect(svg).toContain('>Antal per 100 000 invånare, 95 % konfidensintervall</text>');
    expect(svg).toContain('>trenden före brytpunkten förlängd</text>');
    expect(svg).toContain('>övriga Sverige, observerat och anpassat</text>');
    expect(svg).not.toMatch(/>[^<]*(Break|fitted|observed|pre-break|rest of Sweden|inhabitants)[^<]*</);
  });

  it('trend --svg --lang sv writes the Swedish chart', async () => {
    const file = join(work, 'break.svg');
    const r = await cli([
      'trend',
      '--input',
      'fixtures/its-illustrative.csv',
      '--method',
      'MMR',
      '--region',
      'Jönköping',
      '--break',
      '2021',
      '--svg',
      file,
      '--lang',
      'sv',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('>Brytpunkt 2021</text>');
    expect(svg).toContain('>Region Jönköpings län, observerat</text>');
    expect(svg).toContain('>anpassade segment</text>');
  });

  for (const [by, lang, said] of [
    ['region', 'en', 'error: --svg draws one series over the years, not --by region'],
    ['method', 'sv', 'fel: --svg ritar en serie över åren, inte --by method'],
  ] as const) {
    it(`trend --svg --by ${by} is a usage error (exit 2, ${lang}), not a run that writes no chart`, async () => {
      const file = join(work, `by-${by}.svg`);
      const r = await cli(['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--by', by, '--svg', file, '--lang', lang]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stdout).toBe('');
      expect(existsSync(file)).toBe(false);
    });
  }
});

describe('tally with no region answering', () => {
  const onlyRiket = 'region,year,method,answer\n00,2014,KBT,god\n01,2014,MMR,dålig\n';
  for (const [args, lang, said] of [
    [['--positive', 'god'], 'en', 'error: stdin: no region answered for KBT: tally counts the regions, and Riket is not one'],
    [['--method', 'KBT'], 'sv', 'fel: stdin: ingen region svarade för KBT: tally räknar regionerna, och Riket är ingen region'],
  ] as const) {
    it(`stops with exit 4 (${lang} ${args.join(' ')}), not "0 of 0 regions" or an internal error`, async () => {
      const r = await cli(['tally', '--input', '-', ...args, '--lang', lang], onlyRiket);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain(said);
      expect(r.stdout).toBe('');
    });
  }
});
