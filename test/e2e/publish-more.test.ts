import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Provenance } from '../../src/domain/provenance.js';
import { runRehab } from './harness.js';

/**
 * Publishing in the commands that print series, plots and units: trend, funnel, rank --by and
 * share --by COLUMN under --suppress, and the provenance record's optional time. The bundled
 * data's figures the tests rely on are named where they are used.
 */
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-more-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type Row = Record<string, string>;
const csv = (text: string): Row[] => parse<Row>(text, { columns: true });

describe('funnel --suppress', () => {
  // IPT 2014: Gotland 6 (primary below 7), Jämtland Härjedalen 7 (secondary, as rank --suppress 7).
  // The funnel command draws English only (no --lang); its Swedish is the report's funnel.
  it('draws no point for a hidden count and names the regions left out', async () => {
    const r = await runRehab(['funnel', '--method', 'IPT', '--year', '2014', '--suppress', '7']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/data-region="/g)?.length).toBe(19);
    expect(r.stdout).not.toContain('data-region="09"');
    expect(r.stdout).not.toContain('data-region="23"');
    expect(r.stdout).toContain('Not drawn (×): Region Gotland, Region Jämtland Härjedalen');
  });

  it('writes the chart and its provenance together', async () => {
    const out = join(dir, 'funnel.svg');
    expect((await runRehab(['funnel', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--output', out, '--provenance'])).status).toBe(0);
    const p = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as Provenance;
    expect(p.command).toBe('funnel');
    expect(p.methods.funnel).toMatch(/Spiegelhalter/);
    expect(p.methods.suppression).toMatch(/^counts below 7 hidden/);
    expect(p).not.toHaveProperty('built_at');
  });
});

describe('--provenance-time', () => {
  it('takes SOURCE_DATE_EPOCH when set, so a pinned build stays reproducible', async () => {
    const out = join(dir, 'ranked.csv');
    const args = ['rank', '--method', 'KBT', '--year', '2014', '--output', out, '--provenance', '--provenance-time'];
    expect((await runRehab(args, { env: { SOURCE_DATE_EPOCH: '1767225600' } })).status).toBe(0);
    expect((JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as Provenance).built_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('else the clock: an ISO time within this run', async () => {
    const out = join(dir, 'clock.csv');
    const before = Date.now();
    expect((await runRehab(['share', '--year', '2014', '--output', out, '--provenance', '--provenance-time'])).status).toBe(0);
    const t = Date.parse(String((JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as Provenance).built_at));
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('refuses a malformed SOURCE_DATE_EPOCH and --provenance-time without --provenance (exit 2)', async () => {
    const bad = await runRehab(['rank', '--method', 'KBT', '--output', join(dir, 'x.csv'), '--provenance', '--provenance-time'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH=yesterday: expected whole seconds since 1970-01-01 UTC');
    const alone = await runRehab(['rank', '--method', 'KBT', '--provenance-time']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--provenance-time goes with --provenance');
  });
});

describe('trend --suppress', () => {
  // IPT in the bundled data: Riket 0 in 2009 and 2010, 310 in 2011, 1 240 in 2015.
  it('hides a small year with its change and the next change, and fits only the shown years (English)', async () => {
    const r = await runRehab(['trend', '--method', 'IPT', '--suppress', '10']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^2009\s+×\s+×\s+×$/m);
    expect(r.stdout).toMatch(/^2010\s+×\s+×\s+×$/m);
    expect(r.stdout).toMatch(/^2011\s+310\s+×\s+×$/m); // the change from a hidden year is hidden
    expect(r.stdout).toContain('CAGR 2011–2015: +41.4% per year.');
    expect(r.stdout).toContain('2009, 2010 hidden (×, --suppress 10): left out of the CAGR and the log-linear fit.');
    expect(r.stdout).not.toContain('2009 is 0'); // the note about the zero would tell the hidden value
  });

  it('says the same in Swedish', async () => {
    const r = await runRehab(['trend', '--method', 'IPT', '--suppress', '10', '--lang', 'sv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2009, 2010 döljs (×, --suppress 10): inte med i den årliga ökningen eller den log-linjära anpassningen.');
    expect(r.stdout).toMatch(/^2009\s+×\s+×\s+×$/m);
  });

  it('CSV/JSON: empty cells and a status per count', async () => {
    const rows = csv((await runRehab(['trend', '--method', 'IPT', '--suppress', '10', '--format', 'csv', '--quiet'])).stdout);
    const series = rows.filter((r) => r.part === 'series');
    expect(series.map((r) => [r.year, r.count, r.count_status])).toEqual([
      ['2009', '', 'suppressed-primary'],
      ['2010', '', 'suppressed-primary'],
      ['2011', '310', 'shown'],
      ['2012', '640', 'shown'],
      ['2013', '890', 'shown'],
      ['2014', '1185', 'shown'],
      ['2015', '1240', 'shown'],
    ]);
    expect(series[2]!.change).toBe('');
    // CAGR over 2011–2015, worked out by hand: (1240/310)^(1/4) − 1 = √2 − 1.
    expect(Number(rows.find((r) => r.statistic === 'cagr_pct')!.estimate)).toBeCloseTo((Math.SQRT2 - 1) * 100, 5);
  });

  it('--by region: every year, the hidden regions under the published Riket hold at least N together', async () => {
    type Series = { series: { year: number; count: number | null; count_status: string }[] };
    const doc = JSON.parse((await runRehab(['trend', '--method', 'IPT', '--by', 'region', '--suppress', '10', '--format', 'json', '--quiet'])).stdout) as Series;
    const national = (JSON.parse((await runRehab(['trend', '--method', 'IPT', '--suppress', '10', '--format', 'json', '--quiet'])).stdout) as Series).series;
    for (const { year, count } of national) {
      if (count === null) continue;
      const rows = doc.series.filter((r) => r.year === year);
      expect(rows.length).toBe(21);
      const hidden = rows.filter((r) => r.count === null);
      const shownSum = rows.reduce((s, r) => s + (r.count ?? 0), 0);
      // Never exactly one hidden region (Riket minus the others would give it), and never a small remainder.
      expect(hidden.length).not.toBe(1);
      if (hidden.length) expect(count - shownSum).toBeGreaterThanOrEqual(10);
    }
    // The table's line for a region whose first year is hidden shows the marker, not a later year.
    const table = (await runRehab(['trend', '--method', 'IPT', '--by', 'region', '--suppress', '10'])).stdout;
    expect(table).toMatch(/Region Stockholm\s+2009\s+×\s+2015\s+238/);
  });

  it('--by method: all methods together are published, so a lone small method takes another with it', async () => {
    const rows = csv((await runRehab(['trend', '--by', 'method', '--suppress', '5', '--format', 'csv', '--quiet'])).stdout);
    // IPT is 0 in 2009: hidden, and MMR (the smaller of the others) with it.
    expect(rows.map((r) => [r.method, r.first_count, r.first_count_status])).toEqual([
      ['KBT', '26000', 'shown'],
      ['IPT', '', 'suppressed-primary'],
      ['MMR', '', 'suppressed-secondary'],
    ]);
    expect((rows.find((r) => r.method === 'MMR')!.series ?? '').startsWith('× × ')).toBe(true);
  });

  it('writes its provenance beside the output', async () => {
    const out = join(dir, 'trend.csv');
    expect((await runRehab(['trend', '--method', 'IPT', '--suppress', '10', '--per-capita', '--output', out, '--provenance'])).status).toBe(0);
    const p = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as Provenance;
    expect(p.command).toBe('trend');
    expect(p.population?.years).toEqual([2009, 2010, 2011, 2012, 2013, 2014, 2015]);
    expect(p.methods.suppression).toMatch(/^counts below 10 hidden/);
  });
});

describe('trend --break with --suppress', () => {
  // fixtures/its-illustrative.csv, Jönköping's MMR: 201 in 2014 and 210 in 2017 are the only counts below 211.
  const args = ['trend', '-i', 'fixtures/its-illustrative.csv', '-m', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest'];

  it('leaves the hidden years (and the rest of Sweden in them) out of the model, the table and the chart', async () => {
    const svg = join(dir, 'its.svg');
    const rows = csv((await runRehab([...args, '--suppress', '211', '--format', 'csv', '--svg', svg, '--quiet'])).stdout);
    const series = rows.filter((r) => r.part === 'series');
    for (const y of ['2014', '2017']) {
      const r = series.find((x) => x.year === y)!;
      expect([r.count, r.rate, r.rest_count, r.rest_rate, r.rate_ratio, r.fitted, r.count_status, r.rest_count_status]).toEqual([
        '',
        '',
        '',
        '',
        '',
        '',
        'suppressed-primary',
        'suppressed-secondary',
      ]);
    }
    expect(series.find((x) => x.year === '2015')!.count).toBe('260');
    // The model over the 10 shown years: 2 groups × 10 years − 8 parameters.
    type BreakDoc = { break: { df_residual: number } };
    const doc = JSON.parse((await runRehab([...args, '--suppress', '211', '--format', 'json', '--quiet'])).stdout) as BreakDoc;
    expect(doc.break.df_residual).toBe(12);
    const full = JSON.parse((await runRehab([...args, '--format', 'json', '--quiet'])).stdout) as BreakDoc;
    expect(full.break.df_residual).toBe(16);
    const chart = readFileSync(svg, 'utf8');
    expect(chart).not.toContain('<title>2014');
    expect(chart).not.toContain('<title>2017');
    expect(chart).toContain('<title>2015');
  });

  it('says which years the model leaves out (English and Swedish)', async () => {
    expect((await runRehab([...args, '--suppress', '211'])).stdout).toContain(
      '2014, 2017 hidden (×, --suppress 211): left out of the CAGR, the log-linear fit and the break model.',
    );
    expect((await runRehab([...args, '--suppress', '211', '--lang', 'sv'])).stdout).toContain(
      '2014, 2017 döljs (×, --suppress 211): inte med i den årliga ökningen, den log-linjära anpassningen eller brytpunktsmodellen.',
    );
  });

  it('refuses when fewer than three shown years remain on a side (exit 2, English and Swedish)', async () => {
    const en = await runRehab([...args, '--suppress', '261']);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(
      '--break 2021 with --suppress 261: 2014, 2015, 2017, 2018, 2019 are hidden, leaving 2 shown years before 2021 and 5 from it; a break model needs at least 3 on each side',
    );
    const sv = await runRehab([...args, '--suppress', '261', '--lang', 'sv']);
    expect(sv.status).toBe(2);
    expect(sv.stderr).toContain('--break 2021 med --suppress 261: 2014, 2015, 2017, 2018, 2019 döljs, och kvar blir 2 visade år före 2021 och 5 från och med det');
  });
});

describe('rank --by and share --by COLUMN with --suppress', () => {
  // fixtures/clinics.csv, KBT 2014: Östersund 5 of 9, Umeå 44 of 45 (1 not treated), Visby 49 of 61.
  it('rank --by: small numerators and complements hidden, the overall sums protected, ranks among the shown', async () => {
    const rows = csv(
      (
        await runRehab([
          'rank',
          '--method',
          'KBT',
          '--by',
          'mottagning',
          '--numerator',
          'behandlade',
          '--denominator',
          'remitterade',
          '--input',
          'fixtures/clinics.csv',
          '--suppress',
          '10',
          '--format',
          'csv',
          '--quiet',
        ])
      ).stdout,
    );
    const by = (u: string) => rows.find((r) => r.unit === u)!;
    expect(by('Vårdcentral Östersund').numerator_status).toBe('suppressed-primary');
    expect(by('Privatkliniken Umeå').numerator_status).toBe('suppressed-primary'); // 44 of 45: one person not treated
    expect(by('Mottagning Visby').numerator_status).toBe('suppressed-secondary');
    for (const u of ['Vårdcentral Östersund', 'Privatkliniken Umeå', 'Mottagning Visby']) expect([by(u).numerator, by(u).proportion_pct, by(u).rank]).toEqual(['', '', '']);
    const units = rows.filter((r) => r.unit !== 'Overall');
    const overall = rows.find((r) => r.unit === 'Overall')!;
    expect(Number(overall.numerator) - units.reduce((s, r) => s + Number(r.numerator || 0), 0)).toBeGreaterThanOrEqual(10);
    expect(units.filter((r) => r.rank !== '').map((r) => Number(r.rank))).toEqual([1, 2, 3, 4, 5]);
    const sv = await runRehab([
      'rank',
      '--method',
      'KBT',
      '--by',
      'mottagning',
      '--numerator',
      'behandlade',
      '--denominator',
      'remitterade',
      '--input',
      'fixtures/clinics.csv',
      '--suppress',
      '10',
      '--lang',
      'sv',
    ]);
    expect(sv.status).toBe(0);
    expect(sv.stdout).toMatch(/Vårdcentral Östersund\s+×\s+×/);
    expect(sv.stdout).toContain('dold: färre än 10');
  });

  it('share --by COLUMN: the small unit and the next smallest hidden, hidden rows last', async () => {
    const rows = csv(
      (await runRehab(['share', '--by', 'mottagning', '--input', 'fixtures/clinics.csv', '--count', 'behandlade', '--suppress', '20', '--format', 'csv', '--quiet'])).stdout,
    );
    expect(rows.slice(-2).map((r) => [r.group, r.count, r.count_status])).toEqual([
      ['Privatkliniken Umeå', '', 'suppressed-secondary'],
      ['Vårdcentral Östersund', '', 'suppressed-primary'],
    ]);
    expect(rows.every((r) => r.total === '1481')).toBe(true);
    const sv = await runRehab(['share', '--by', 'mottagning', '--input', 'fixtures/clinics.csv', '--count', 'behandlade', '--suppress', '20', '--lang', 'sv']);
    expect(sv.stdout).toMatch(/Vårdcentral Östersund\s+×\s+1 481\s+×/);
    expect(sv.stdout).toContain('Antal under 20 visas inte (×)');
  });

  it('--round-counts: shares from the rounded counts', async () => {
    const rows = csv(
      (await runRehab(['share', '--by', 'vårdgivare', '--input', 'fixtures/clinics.csv', '--count', 'behandlade', '--round-counts', '10', '--format', 'csv', '--quiet'])).stdout,
    );
    expect(rows.map((r) => [r.group, r.count, r.total])).toEqual([
      ['offentlig', '1040', '1490'],
      ['privat', '450', '1490'],
    ]);
    expect(Number(rows[1]!.share_pct)).toBeCloseTo((450 / 1490) * 100, 5);
  });
});

describe('report: break section with suppress', () => {
  const work = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-break-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const build = async (lang: 'en' | 'sv', suppress: string) => {
    const md = join(work, `${lang}-${suppress}.md`);
    const html = join(work, `${lang}-${suppress}.html`);
    const r = await runRehab(['report', '--config', 'fixtures/report/its-break.config.json', '--suppress', suppress, '--lang', lang, '--markdown', md, '--html', html]);
    return { r, md: r.status === 0 ? readFileSync(md, 'utf8') : '', html: r.status === 0 ? readFileSync(html, 'utf8') : '' };
  };

  it('keeps hidden years as rows of markers, leaves them out of the model and the chart (English)', async () => {
    const { r, md, html } = await build('en', '211');
    expect(r.status).toBe(0);
    expect(md).toContain('## MMR, Region Jönköpings län, 2014–2025: break at 2021 against the rest of Sweden');
    expect(md).toContain('| 2014 | × | × | × | × | × | × | × | × |');
    expect(md).toContain('| 2017 | × | × | × | × | × | × | × | × |');
    expect(md).toContain('| 2015 | 260 |');
    expect(md).toContain('2014, 2017: the count is hidden (×, below 211 or one that would give such a count away) and left out of the model.');
    expect(md).not.toMatch(/\b201\b/);
    const chart = html.slice(html.indexOf('<svg', html.indexOf('break at 2021')));
    expect(chart).not.toContain('<title>2014');
    expect(chart).toContain('<title>2015');
  });

  it('in Swedish, and refuses clearly when the model cannot be fitted (exit 2)', async () => {
    const { md } = await build('sv', '211');
    expect(md).toContain('2014, 2017: antalet döljs (×, färre än 211 eller ett antal som skulle röja ett sådant) och är inte med i modellen.');
    const { r } = await build('sv', '261');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"break" vid 2021 med suppress 261: 2014, 2015, 2017, 2018, 2019 döljs');
    const en = (await build('en', '261')).r;
    expect(en.stderr).toContain('"break" at 2021 with suppress 261: 2014, 2015, 2017, 2018, 2019 are hidden');
  });
});

describe('rank: what pools the regions leaves hidden ones out', () => {
  it('--rank-interval: no interval for a hidden row, and the shown rows simulated among themselves', async () => {
    // IPT 2014 with --suppress 7: Gotland and Jämtland Härjedalen hidden, 19 regions ranked.
    const rows = csv((await runRehab(['rank', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--rank-interval', '--format', 'csv', '--quiet'])).stdout).filter(
      (r) => r.region_code !== '00',
    );
    for (const r of rows.filter((x) => x.count === '')) expect([r.rank, r.rank_lower, r.rank_upper]).toEqual(['', '', '']);
    const shown = rows.filter((x) => x.count !== '');
    expect(shown.length).toBe(19);
    expect(Math.max(...shown.map((r) => Number(r.rank_upper)))).toBeLessThanOrEqual(19);
  });

  it('--overdispersion: φ from the shown regions only, as if the hidden ones were not in the input', async () => {
    const note = async (args: string[]) => (await runRehab(args)).stdout.match(/φ = [\d.]+/)?.[0];
    const hidden = await note(['rank', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--funnel']);
    const all = await note(['rank', '--method', 'IPT', '--year', '2014', '--funnel']);
    expect(hidden).toBeDefined();
    expect(hidden).not.toBe(all);
  });
});

describe('map --suppress', () => {
  it('draws a hidden region with the marker, apart from "no data", in English and Swedish', async () => {
    const en = await runRehab(['map', '--method', 'IPT', '--year', '2014', '--suppress', '7']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('<title>Region Gotland: × hidden (small count)</title>');
    expect(en.stdout).toContain('<title>Region Jämtland Härjedalen: × hidden (small count)</title>');
    expect(en.stdout).not.toMatch(/Region Gotland: [\d.,]+ per/);
    expect(en.stderr).toContain('note: Hidden (×, --suppress 7): Region Gotland, Region Jämtland Härjedalen.');
    const sv = await runRehab(['map', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--lang', 'sv']);
    expect(sv.stdout).toContain('<title>Region Gotland: × dold (litet antal)</title>');
  });
});

describe('report: the break section hides what the ranking hides', () => {
  it('a region the ranking hides as secondary is hidden in its break series that year too', async () => {
    // Three regions, 2014–2021: Gotland's 3 in 2021 is below 5, and the ranking hides Jönköping's
    // 135 with it (Riket − Stockholm would give it). Shown in the break table, 1 278 − 1 140 − 135 = 3.
    const work = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-forced-'));
    try {
      const lines = ['regionkod;region;år;metod;antal'];
      for (let y = 2014; y <= 2021; y++)
        lines.push(
          `01;Region Stockholm;${y};MMR;${1000 + 20 * (y - 2014)}`,
          `06;Region Jönköpings län;${y};MMR;${100 + 5 * (y - 2014)}`,
          `09;Region Gotland;${y};MMR;${y === 2021 ? 3 : 30}`,
        );
      writeFileSync(join(work, 'three.csv'), lines.join('\n') + '\n');
      writeFileSync(
        join(work, 'three.config.json'),
        JSON.stringify({ input: 'three.csv', methods: ['MMR'], year: 2021, since: 2014, lang: 'en', break: { region: '06', year: 2018 } }),
      );
      const r = await runRehab(['report', '--config', join(work, 'three.config.json'), '--suppress', '5', '--markdown', '-']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('| × | Region Jönköpings län | × | × | × | × |');
      expect(r.stdout).toContain('| 2021 | × | × | × | × | × |');
      expect(r.stdout).toContain('| 2020 | 130 |');
      expect(r.stdout).not.toContain('135');
      expect(r.stdout).toContain("segmented Poisson regression of Region Jönköpings län's counts over 7 years");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
