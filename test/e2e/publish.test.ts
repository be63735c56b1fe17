import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Provenance } from '../../src/domain/provenance.js';
import { ROOT, runRehab } from './harness.js';

/**
 * Publishing end to end: what --suppress hides in a real table, rates from rounded counts, and
 * the provenance record beside an output. Digests are checked against coreutils' sha256sum,
 * not against our own hashing.
 */
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];
type Row = Record<string, string>;
const csv = (text: string): Row[] => parse<Row>(text, { columns: true });

describe('--suppress on a ranking', () => {
  // IPT 2014 in the bundled data: Gotland has 6, Jämtland Härjedalen 7, Blekinge 13, the rest 17 or more.
  let regions: Row[] = [];
  let riket: Row = {};
  beforeAll(async () => {
    const rows = csv((await runRehab(['rank', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--format', 'csv', '--quiet'])).stdout);
    regions = rows.filter((r) => r.region_code !== '00');
    riket = rows.find((r) => r.region_code === '00') ?? {};
  });

  it('hides the small count and one more, so that Riket minus the others does not give it away', () => {
    expect(regions.filter((r) => r.count_status === 'suppressed-primary').map((r) => r.region)).toEqual(['Region Gotland']);
    // The smallest other count protects it.
    expect(regions.filter((r) => r.count_status === 'suppressed-secondary').map((r) => r.region)).toEqual(['Region Jämtland Härjedalen']);
    const shownSum = regions.filter((r) => r.count !== '').reduce((s, r) => s + Number(r.count), 0);
    expect(Number(riket.count) - shownSum).toBe(13); // two unknowns share 13: neither is determined
  });

  it('hides everything computed from a hidden count, and ranks only the shown rows, without gaps', () => {
    for (const r of regions.filter((x) => (x.count_status ?? '').startsWith('suppressed'))) {
      expect([r.rate, r.rate_lower, r.rate_upper, r.rank, r.ratio_to_national, r.vs_national, r.interval_method]).toEqual(['', '', '', '', '', '', '']);
    }
    const ranks = regions.filter((r) => r.rank !== '').map((r) => Number(r.rank));
    expect(ranks.length).toBe(19);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(19);
    // Hidden rows come last, by code, so their place tells nothing about their rate.
    expect(regions.slice(-2).map((r) => r.region_code)).toEqual(['09', '23']);
  });
});

describe('--suppress in a workbook', () => {
  it('leaves hidden cells empty and says why in the status column', async () => {
    const out = join(dir, 'ranked.xlsx');
    expect((await runRehab(['rank', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--format', 'xlsx', '--output', out, '--quiet'])).status).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rows: unknown[][] = [];
    sheet.eachRow((r, i) => i > 1 && rows.push(r.values as unknown[]));
    const gotland = rows.find((r) => r[col('Region')] === 'Region Gotland')!;
    expect(gotland[col('Status')]).toBe('suppressed-primary');
    for (const h of ['Count', 'Per 100,000', 'Lower', 'Upper', 'Rank']) expect(gotland[col(h)] ?? null).toBeNull();
    const skane = rows.find((r) => r[col('Region')] === 'Region Skåne')!;
    expect(skane[col('Status')]).toBe('shown');
    expect(skane[col('Count')]).toBe(211);
  });
});

describe('--round-counts', () => {
  it('computes rates from the rounded counts', async () => {
    const rows = csv((await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--round-counts', '10', '--format', 'csv', '--quiet'])).stdout);
    for (const r of rows) {
      expect(Number(r.count) % 10).toBe(0);
      expect(Number(r.rate)).toBeCloseTo((Number(r.count) / Number(r.population)) * 100000, 5);
      expect(r.count_status).toBe('rounded');
    }
    // Riket, computed by the tool, is the sum of the rounded regions: the table adds up.
    const regions = rows.filter((r) => r.region_code !== '00');
    expect(Number(rows.find((r) => r.region_code === '00')!.count)).toBe(regions.reduce((s, r) => s + Number(r.count), 0));
  });
});

describe('--provenance', () => {
  it('writes a deterministic record beside the output: version, command, options, inputs with SHA-256, population, methods', async () => {
    const out = join(dir, 'ranked.csv');
    const args = ['rank', '--method', 'KBT', '--year', '2014', '--funnel', '--suppress', '5', '--output', out, '--provenance'];
    expect((await runRehab(args)).status).toBe(0);
    const first = readFileSync(`${out}.provenance.json`, 'utf8');
    expect((await runRehab(args)).status).toBe(0);
    expect(readFileSync(`${out}.provenance.json`, 'utf8')).toBe(first);
    const p = JSON.parse(first) as Provenance;
    expect(p.tool).toBe('rehab-stats');
    expect(p.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(p.command).toBe('rank');
    expect(p.arguments).toEqual(args);
    expect(p.options).toMatchObject({ method: 'KBT', year: 2014, funnel: true, suppress: 5, ciMethod: 'exact', per: 100000 });
    expect(p.inputs).toEqual([
      {
        role: 'counts',
        name: 'bundled treatments.csv',
        sha256: sha256sum(join(ROOT, 'src/data/treatments.csv')),
        bytes: readFileSync(join(ROOT, 'src/data/treatments.csv')).length,
      },
      {
        role: 'counts',
        name: 'bundled treatments-by-sex.csv',
        sha256: sha256sum(join(ROOT, 'src/data/treatments-by-sex.csv')),
        bytes: readFileSync(join(ROOT, 'src/data/treatments-by-sex.csv')).length,
      },
      {
        role: 'population',
        name: 'bundled population.csv',
        sha256: sha256sum(join(ROOT, 'src/data/population.csv')),
        bytes: readFileSync(join(ROOT, 'src/data/population.csv')).length,
      },
    ]);
    expect(p.population).toEqual({ source: 'the bundled SCB population table', years: [2014] });
    expect(p.methods.interval).toBe('exact Poisson');
    expect(p.methods.funnel).toMatch(/Spiegelhalter/);
    expect(p.methods.suppression).toMatch(/^counts below 5 hidden/);
    expect(p.methods.rounding).toBe('none');
    expect(first).not.toMatch(/built_at|T\d\d:\d\d/);
  });

  it('hashes stdin as read, and names the file given with --provenance FILE', async () => {
    const record = join(dir, 'stdin-run.json');
    const fixture = join(ROOT, 'fixtures/kolada.csv');
    const r = await runRehab(['rank', '--method', 'KBT', '--input', '-', '--format', 'csv', '--provenance', record], { stdin: readFileSync(fixture) });
    expect(r.status).toBe(0);
    const p = JSON.parse(readFileSync(record, 'utf8')) as Provenance;
    expect(p.inputs[0]).toEqual({ role: 'counts', name: 'stdin', sha256: sha256sum(fixture), bytes: readFileSync(fixture).length });
  });

  it('says which standard population and rounding were used', async () => {
    const record = join(dir, 'dsr.json');
    const args = [
      'rank',
      '--method',
      'KBT',
      '--year',
      '2014',
      '--input',
      'fixtures/age-counts.csv',
      '--population',
      'fixtures/age-population.csv',
      '--standard',
      'esp2013',
      '--round-counts',
      '5',
      '--format',
      'csv',
      '--provenance',
      record,
    ];
    expect((await runRehab(args)).status).toBe(0);
    const p = JSON.parse(readFileSync(record, 'utf8')) as Provenance;
    expect(p.methods.standard_population).toBe('European Standard Population 2013');
    expect(p.methods.rounding).toMatch(/multiple of 5/);
    expect(p.inputs.map((i) => [i.name, i.sha256])).toEqual([
      ['fixtures/age-counts.csv', sha256sum(join(ROOT, 'fixtures/age-counts.csv'))],
      ['fixtures/age-population.csv', sha256sum(join(ROOT, 'fixtures/age-population.csv'))],
    ]);
  });
});

describe('report with suppression', () => {
  const work = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-report-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const build = async (lang: 'en' | 'sv', extra: string[] = []) => {
    const md = join(work, `${lang}.md`);
    const html = join(work, `${lang}.html`);
    const r = await runRehab(['report', '--method', 'KBT,IPT', '--year', '2014', '--from', '2013', '--suppress', '10', '--lang', lang, '--markdown', md, '--html', html, ...extra]);
    expect(r.stderr).not.toMatch(/error/);
    return {
      md: readFileSync(md, 'utf8'),
      html: readFileSync(html, 'utf8'),
      args: ['report', '--method', 'KBT,IPT', '--year', '2014', '--from', '2013', '--suppress', '10', '--lang', lang, '--markdown', md, '--html', html, ...extra],
    };
  };

  it('hides small counts in both tables, in the bar chart and in the sentences (English)', async () => {
    const { md, html } = await build('en');
    // IPT 2014: Gotland 6 and Jämtland Härjedalen 7 are below 10.
    expect(md).toContain('| × | Region Gotland | × | × | × | × |');
    expect(md).toContain('| × | Region Jämtland Härjedalen | × | × | × | × |');
    expect(md).toMatch(/\| Region Gotland \| × \| × \| × \| × \|/); // the growth table too
    expect(md).toContain('2 of 19 regions are clearly above');
    expect(md).toMatch(/Counts below 10 are hidden \(×\)/);
    const ipt = html.slice(html.indexOf('<section id="ipt">'), html.indexOf('</section>', html.indexOf('<section id="ipt">')));
    const chart = ipt.slice(ipt.indexOf('<svg'), ipt.indexOf('</svg>'));
    expect(chart).not.toContain('Region Gotland');
    expect(chart).not.toContain('Jämtland');
    expect(chart).toContain('Region Skåne');
  });

  it('writes its provenance in the method notes (Swedish), and report --check compares it', async () => {
    const { md, args } = await build('sv');
    expect(md).toContain('- Röjandekontroll: antal under 10 döljs');
    expect(md).toContain(
      `- Indata (antal): medföljande treatments.csv, ${readFileSync(join(ROOT, 'src/data/treatments.csv')).length} byte, SHA-256 ${sha256sum(join(ROOT, 'src/data/treatments.csv'))}`,
    );
    expect(md).toContain('- Verktyg: rehab-stats 1.0.0; kommando: rehab-stats report --method KBT,IPT --year 2014 --from 2013 --per 100000 --suppress 10');
    expect(md).toContain('| × | Region Gotland | × | × | × | × |');
    expect((await runRehab([...args, '--check'])).status).toBe(0);
    // Another rule is another report: --check says the files are out of date.
    const other = args.map((a) => (a === '10' ? '5' : a));
    const check = await runRehab([...other, '--check']);
    expect(check.status).toBe(7);
    // Said in the run's language (--lang sv).
    expect(check.stderr).toContain('rapporten är inaktuell');
  });

  it('takes the rule from the config file', async () => {
    const config = join(work, 'publish.config.json');
    writeFileSync(config, JSON.stringify({ methods: ['IPT'], year: 2014, from: 2013, lang: 'en', suppress: 10, roundCounts: 5, outputs: { markdown: 'c.md' } }));
    expect((await runRehab(['report', '--config', config])).status).toBe(0);
    const md = readFileSync(join(work, 'c.md'), 'utf8');
    expect(md).toContain('| × | Region Gotland | × | × | × | × |');
    expect(md).toContain('| 1 | Region Skåne | 210 |'); // 211 rounded to 5
    expect(md).toMatch(/Rounding: shown counts rounded to the nearest multiple of 5/);
    const bad = join(work, 'bad.config.json');
    writeFileSync(bad, JSON.stringify({ suppress: -1 }));
    const r = await runRehab(['report', '--config', bad]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('"suppress" must be a whole number ≥ 0');
  });
});
