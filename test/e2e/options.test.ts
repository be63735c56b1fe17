import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../helpers/tier.js';
import { buildProgram } from '../../src/cli.js';
import { runInProcess } from '../fuzz/in-process.js';
import { NO_CACHE } from './harness.js';

/**
 * No option offered that a command ignores (issue 16, point 4): every option of every command,
 * walked from the commander program, has a reviewed run here — the command without the option and
 * with it — and the test fails unless the output (exit code, stdout, stderr, files written)
 * changes. An option added without a run here fails the first test, naming it.
 */

const W = mkdtempSync(join(tmpdir(), 'rehab-stats-options-'));
afterAll(() => {
  rmSync(W, { recursive: true, force: true });
});
const at = (name: string) => join(W, name);

// Small inputs, each made to show one option's effect: two regions, two years.
const TWO = 'region,year,method,count\nGotland,2013,KBT,150\nGotland,2014,KBT,170\nUppsala,2013,KBT,1500\nUppsala,2014,KBT,1607\n';
const ABOVE = TWO.replace(/KBT,1[57]0\n/g, 'KBT,90000\n'); // Gotland has about 57 000 inhabitants
// Two region columns: "region" is used, unless --map names "county".
const COUNTY = 'region,county,year,method,count\nGotland,Uppsala,2013,KBT,150\nGotland,Uppsala,2014,KBT,170\nUppsala,Gotland,2013,KBT,1500\nUppsala,Gotland,2014,KBT,1607\n';
const DUPLICATE = `${TWO}Region Gotland,2014,KBT,10\n`;
const INVALID = `${TWO}Gotland,2014,IPT,12x\n`;
const VISITS = 'region,year,method,visits\nGotland,2013,KBT,3\nGotland,2014,KBT,5\nGotland,2014,KBT,4\nUppsala,2013,KBT,2\nUppsala,2014,KBT,2\n'; // one row per treatment
const FORMULA = TWO.replace(/KBT/g, '@SUM(1)');
const TALLY_COUNTY = 'region,county,year,method,answer\nGotland,Uppsala,2014,KBT,god\nUppsala,Kalmar,2014,KBT,dålig\n';
const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '09' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [18, 57],
            [19, 57],
            [19, 58],
            [18, 58],
            [18, 57],
          ],
        ],
      },
    },
  ],
});
writeFileSync(at('gotland.geojson'), GEOJSON);
writeFileSync(at('small-population.csv'), 'region,year,population\nGotland,2014,100\n');
writeFileSync(
  at('population.csv'),
  'region,year,population\nGotland,2013,5000\nGotland,2014,5000\nUppsala,2013,300000\nUppsala,2014,300000\nRiket,2013,10000000\nRiket,2014,10000000\n',
);
mkdirSync(at('report'), { recursive: true });

// A workbook of two sheets with different counts, for --sheet.
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const rows = (scale: number) =>
    TWO.trim()
      .split('\n')
      .map((line, i) => line.split(',').map((c, j) => (i > 0 && j >= 1 && j !== 2 ? Number(c) * (j === 3 ? scale : 1) : c)));
  wb.addWorksheet('first').addRows(rows(1));
  wb.addWorksheet('second').addRows(rows(2));
  await wb.xlsx.writeFile(at('two.xlsx'));
  const answers = new ExcelJS.Workbook();
  answers.addWorksheet('first').addRows([
    ['region', 'year', 'method', 'answer'],
    ['Gotland', 2014, 'KBT', 'god'],
  ]);
  answers.addWorksheet('second').addRows([
    ['region', 'year', 'method', 'answer'],
    ['Gotland', 2014, 'KBT', 'dålig'],
  ]);
  await answers.xlsx.writeFile(at('answers.xlsx'));
});

interface Probe {
  /** The run without the option. */
  base: string[];
  /** What is added to show the option's effect. */
  add: string[];
  stdin?: string;
  env?: Record<string, string>;
  /** Files the run may write (compared too). */
  files?: string[];
  /** The option's effect is an error (a wrong --encoding or --delimiter): the run with it fails. */
  fails?: boolean;
}

// Shared probes: what a reading, output or publishing option does, on a given base run.
const reading = (base: string[], o: { population?: boolean; region?: boolean } = {}): Record<string, Probe> => ({
  '--input': { base, add: ['--input', '-'], stdin: TWO },
  '--sheet': { base: [...base, '--input', at('two.xlsx')], add: ['--sheet', 'second'] },
  '--encoding': { base: [...base, '--input', '-'], add: ['--encoding', 'utf-16le'], stdin: TWO, fails: true },
  '--delimiter': { base: [...base, '--input', '-'], add: ['--delimiter', ';'], stdin: TWO, fails: true },
  '--map': { base: [...base, '--input', '-'], add: ['--map', 'region=county'], stdin: COUNTY },
  '--sum-duplicates': { base: [...base, '--input', '-'], add: ['--sum-duplicates'], stdin: DUPLICATE },
  '--records': { base: [...base, '--input', '-'], add: ['--records'], stdin: VISITS },
  '--skip-invalid': { base: [...base, '--input', '-'], add: ['--skip-invalid'], stdin: INVALID },
  ...(o.region !== false ? { '--region': { base, add: ['--region', 'Jönköping'] } } : {}),
  '--verbose': { base: [...base, '--input', '-'], add: ['--verbose'], stdin: TWO },
  ...(o.population !== false
    ? {
        '--population': { base: [...base, '--input', '-'], add: ['--population', at('population.csv')], stdin: TWO },
        '--above-population': { base: [...base, '--input', '-'], add: ['--above-population'], stdin: ABOVE },
      }
    : {}),
});
const output = (base: string[], o: { formulas?: Probe; quiet?: false } = {}): Record<string, Probe> => ({
  // Machine formats send the table's notes to stderr, where --quiet stops them.
  '--format': { base, add: ['--format', 'csv'] },
  '--lang': { base, add: ['--lang', 'sv'] },
  '--output': { base, add: ['--output', at('out.txt')], files: [at('out.txt')] },
  '--excel': { base: [...base, '--format', 'csv'], add: ['--excel'] },
  '--no-color': { base, add: ['--no-color'], env: { FORCE_COLOR: '1' } },
  ...(o.quiet !== false ? { '--quiet': { base: [...base, '--format', 'csv'], add: ['--quiet'] } } : {}),
  ...(o.formulas ? { '--no-formulas': o.formulas } : {}),
});
const publishing = (base: string[], o: { svg?: boolean; suppress?: string } = {}): Record<string, Probe> => {
  const written = o.svg ? [...base, '--output', at('p.svg')] : [...base, '--format', 'csv', '--output', at('p.csv')];
  return {
    '--suppress': { base, add: ['--suppress', o.suppress ?? '100'] },
    '--round-counts': { base, add: ['--round-counts', '5'] },
    '--provenance': { base: written, add: ['--provenance', at('p.json')], files: [at('p.json')] },
    '--provenance-time': { base: [...written, '--provenance', at('p.json')], add: ['--provenance-time'], files: [at('p.json')], env: { SOURCE_DATE_EPOCH: '1700000000' } },
  };
};
const formulas = (base: string[]): Probe => ({ base: [...base, '--input', '-', '--format', 'csv'], add: ['--no-formulas'], stdin: FORMULA });

const RANK = ['rank', '--method', 'KBT'];
const FUNNEL = ['funnel', '--method', 'KBT'];
const GROWTH = ['growth', '--method', 'KBT', '--from', '2013'];
const GROWTH_PC = [...GROWTH, '--per-capita'];
const SHARE = ['share'];
const TREND = ['trend', '--method', 'KBT'];
const TREND_PC = [...TREND, '--per-capita'];
const MAP = ['map', '--method', 'KBT'];
const SUMMARY = ['summary', '--method', 'KBT'];
const TALLY = ['tally'];
const REPORT = ['report', '--method', 'KBT', '--markdown', '-'];
const CHECK = ['check', 'fixtures/kolada.csv'];
const ITS = ['--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', 'Jönköping'];

/** Every command's every option, with the run that shows what it does. */
const PROBES: Record<string, Record<string, Probe>> = {
  rank: {
    '--method': { base: ['rank'], add: ['--method', 'IPT'] },
    '--year': { base: RANK, add: ['--year', '2012'] },
    '--per': { base: RANK, add: ['--per', '1000'] },
    '--ci': { base: RANK, add: ['--ci', '99'] },
    '--ci-method': { base: RANK, add: ['--ci-method', 'byar'] },
    '--sex': { base: RANK, add: ['--sex', 'women'] },
    '--denominator': { base: RANK, add: ['--denominator', '16-67'] },
    '--by': { base: ['rank', '--input', 'fixtures/clinics.csv'], add: ['--by', 'mottagning'] },
    '--numerator': { base: ['rank', '--input', 'fixtures/clinics.csv', '--by', 'mottagning'], add: ['--numerator', 'behandlade', '--denominator', 'remitterade'] },
    '--count': { base: ['rank', '--input', 'fixtures/clinics.csv', '--by', 'mottagning'], add: ['--count', 'behandlade'] },
    '--standard': { base: [...RANK, '--input', 'fixtures/age-counts.csv', '--population', 'fixtures/age-population.csv'], add: ['--standard', 'esp2013'] },
    '--funnel': { base: RANK, add: ['--funnel'] },
    '--rank-interval': { base: RANK, add: ['--rank-interval'] },
    '--overdispersion': { base: RANK, add: ['--overdispersion', 'additive'] },
    ...reading(RANK),
    ...output(RANK, { formulas: formulas(['rank', '--method', '@SUM(1)']) }),
    ...publishing(RANK),
  },
  funnel: {
    '--method': { base: ['funnel'], add: ['--method', 'IPT'] },
    '--year': { base: FUNNEL, add: ['--year', '2012'] },
    '--per': { base: FUNNEL, add: ['--per', '1000'] },
    '--sex': { base: FUNNEL, add: ['--sex', 'women'] },
    '--denominator': { base: FUNNEL, add: ['--denominator', '16-67'] },
    '--overdispersion': { base: FUNNEL, add: ['--overdispersion', 'additive'] },
    '--output': { base: FUNNEL, add: ['--output', at('f.svg')], files: [at('f.svg')] },
    '--quiet': { base: [...FUNNEL, '--input', '-', '--skip-invalid'], add: ['--quiet'], stdin: INVALID },
    ...reading(FUNNEL),
    ...publishing(FUNNEL, { svg: true, suppress: '1000' }),
    // Its messages are Swedish (the SVG's words are the chart's own).
    '--lang': { base: [...FUNNEL, '--input', at('no-such.csv')], add: ['--lang', 'sv'], fails: true },
  },
  growth: {
    '--method': { base: ['growth', '--from', '2013'], add: ['--method', 'IPT'] },
    '--from': { base: ['growth', '--method', 'KBT'], add: ['--from', '2010'] },
    '--to': { base: GROWTH, add: ['--to', '2014'] },
    '--sex': { base: GROWTH, add: ['--sex', 'women'] },
    '--per-capita': { base: GROWTH, add: ['--per-capita'] },
    '--per': { base: GROWTH_PC, add: ['--per', '1000'] },
    ...reading(GROWTH, { population: false }),
    // The population is read only for rates.
    ...reading(GROWTH_PC),
    ...output(GROWTH),
    ...publishing(GROWTH),
  },
  share: {
    '--by': { base: SHARE, add: ['--by', 'sex'] },
    '--count': { base: ['share', '--input', 'fixtures/clinics.csv', '--by', 'vårdgivare'], add: ['--count', 'behandlade'] },
    '--method': { base: ['share', '--by', 'region'], add: ['--method', 'KBT'] },
    '--year': { base: SHARE, add: ['--year', '2012'] },
    ...reading(SHARE, { population: false }),
    '--map': {
      base: ['share', '--region', 'Gotland', '--input', '-'],
      add: ['--map', 'region=county'],
      stdin: 'region,county,year,method,count\nGotland,Uppsala,2014,KBT,150\nGotland,Uppsala,2014,IPT,10\nUppsala,Gotland,2014,KBT,1500\nUppsala,Gotland,2014,IPT,500\n',
    },
    ...output(SHARE, { formulas: formulas(['share', '--year', '2014']) }),
    ...publishing(SHARE),
  },
  trend: {
    '--method': { base: ['trend'], add: ['--method', 'IPT'] },
    '--by': { base: TREND, add: ['--by', 'region'] },
    '--from': { base: TREND, add: ['--from', '2012'] },
    '--to': { base: TREND, add: ['--to', '2012'] },
    '--per-capita': { base: TREND, add: ['--per-capita'] },
    '--per': { base: TREND_PC, add: ['--per', '1000'] },
    '--break': { base: ['trend', ...ITS], add: ['--break', '2021'] },
    '--vs': { base: ['trend', ...ITS, '--break', '2021'], add: ['--vs', 'rest'] },
    '--svg': { base: TREND, add: ['--svg', at('t.svg')], files: [at('t.svg')] },
    ...reading(TREND, { population: false }),
    ...reading(TREND_PC),
    '--map': { base: [...TREND, '--region', 'Gotland', '--input', '-'], add: ['--map', 'region=county'], stdin: COUNTY },
    ...output(TREND, { formulas: formulas(['trend']) }),
    ...publishing([...TREND, '--region', 'Gotland'], { suppress: '1000' }),
  },
  map: {
    '--method': { base: ['map'], add: ['--method', 'IPT'] },
    '--year': { base: MAP, add: ['--year', '2012'] },
    '--per': { base: MAP, add: ['--per', '1000'] },
    '--colour': { base: MAP, add: ['--colour', 'funnel'] },
    '--boundaries': { base: MAP, add: ['--boundaries', at('gotland.geojson')] },
    '--title': { base: MAP, add: ['--title', 'KBT'] },
    '--lang': { base: MAP, add: ['--lang', 'sv'] },
    '--output': { base: MAP, add: ['--output', at('m.svg')], files: [at('m.svg')] },
    '--quiet': { base: [...MAP, '--input', '-'], add: ['--quiet'], stdin: TWO },
    ...reading(MAP, { region: false }),
    ...publishing(MAP, { svg: true, suppress: '1000' }),
  },
  summary: {
    '--method': { base: ['summary'], add: ['--method', 'IPT'] },
    '--year': { base: SUMMARY, add: ['--year', '2012'] },
    '--measure': { base: SUMMARY, add: ['--measure', 'count'] },
    '--per': { base: SUMMARY, add: ['--per', '1000'] },
    '--sex': { base: SUMMARY, add: ['--sex', 'women'] },
    '--denominator': { base: SUMMARY, add: ['--denominator', '16-67'] },
    ...reading(SUMMARY, { region: false }),
    '--region': { base: SUMMARY, add: ['--region', 'Jönköping,Kalmar'] },
    ...output(SUMMARY),
    ...publishing(SUMMARY),
  },
  tally: {
    '--input': { base: TALLY, add: ['--input', '-'], stdin: 'region,year,method,answer\nGotland,2014,KBT,god\n' },
    '--column': { base: ['tally', '--input', '-'], add: ['--column', 'svar'], stdin: 'region,year,method,svar,answer\nGotland,2014,KBT,god,dålig\n' },
    '--method': { base: ['tally', '--input', '-'], add: ['--method', 'IPT'], stdin: 'region,year,method,answer\nGotland,2014,KBT,god\nGotland,2014,IPT,dålig\n' },
    '--year': { base: ['tally', '--input', '-'], add: ['--year', '2013'], stdin: 'region,year,method,answer\nGotland,2014,KBT,god\nGotland,2013,KBT,dålig\n' },
    '--positive': { base: TALLY, add: ['--positive', 'god'] },
    '--encoding': { base: ['tally', '--input', '-'], add: ['--encoding', 'utf-16le'], stdin: 'region,year,method,answer\nGotland,2014,KBT,god\n', fails: true },
    '--delimiter': { base: ['tally', '--input', '-'], add: ['--delimiter', ';'], stdin: 'region,year,method,answer\nGotland,2014,KBT,god\n', fails: true },
    '--map': { base: ['tally', '--input', '-', '--format', 'csv'], add: ['--map', 'region=county'], stdin: TALLY_COUNTY },
    '--region': { base: TALLY, add: ['--region', 'Jönköping'] },
    '--verbose': { base: ['tally', '--input', 'src/data/access-2014.csv'], add: ['--verbose'] },
    '--sheet': { base: ['tally', '--input', at('answers.xlsx')], add: ['--sheet', '2'] },
    ...output(TALLY, { formulas: { base: ['tally', '--input', '-', '--format', 'csv'], add: ['--no-formulas'], stdin: 'region,year,method,answer\nGotland,2014,KBT,=1+1\n' } }),
  },
  report: {
    '--config': { base: ['report', '--markdown', '-'], add: ['--config', 'fixtures/report/its-break.config.json'] },
    '--input': { base: ['report', '--markdown', '-'], add: ['--input', 'fixtures/its-illustrative.csv'] },
    '--sheet': { base: ['report', '--input', at('two.xlsx'), '--markdown', '-'], add: ['--sheet', 'second'] },
    '--population': { base: [...REPORT, '--input', '-'], add: ['--population', at('population.csv')], stdin: TWO },
    '--method': { base: ['report', '--markdown', '-'], add: ['--method', 'KBT'] },
    '--region': { base: REPORT, add: ['--region', 'Jönköping'] },
    '--year': { base: REPORT, add: ['--year', '2014'] },
    '--from': { base: REPORT, add: ['--from', '2013'] },
    '--per': { base: REPORT, add: ['--per', '1000'] },
    '--lang': { base: REPORT, add: ['--lang', 'sv'] },
    '--markdown': { base: ['report', '--method', 'KBT', '--html', '-'], add: ['--markdown', at('r.md')], files: [at('r.md')] },
    '--html': { base: REPORT, add: ['--html', at('r.html')], files: [at('r.html')] },
    '--out-dir': { base: REPORT, add: ['--out-dir', at('report')], files: [at('report/rehab-stats.html')] },
    '--check': { base: ['report', '--method', 'KBT', '--markdown', at('c.md')], add: ['--check'], files: [at('c.md')], fails: true },
    '--timestamp': { base: REPORT, add: ['--timestamp'] },
    '--suppress': { base: REPORT, add: ['--suppress', '100'] },
    '--round-counts': { base: REPORT, add: ['--round-counts', '5'] },
    '--quiet': { base: ['report', '--method', 'KBT', '--markdown', at('q.md')], add: ['--quiet'] },
  },
  check: {
    '--kind': { base: ['check', '-'], add: ['--kind', 'population'], stdin: 'region,year,count\nGotland,2014,90000\nUppsala,2014,1607\n' },
    '--format': { base: CHECK, add: ['--format', 'json'] },
    '--population': { base: ['check', '-'], add: ['--population', at('small-population.csv')], stdin: TWO, fails: true },
    '--encoding': { base: ['check', 'fixtures/pxweb-wide-latin1.csv'], add: ['--encoding', 'utf-8'], fails: true },
    '--delimiter': { base: CHECK, add: ['--delimiter', 'tab'], fails: true },
    '--map': { base: ['check', '-'], add: ['--map', 'region=county'], stdin: COUNTY },
    '--sum-duplicates': { base: ['check', 'fixtures/bad-duplicate.csv'], add: ['--sum-duplicates'] },
    '--records': { base: ['check', '-'], add: ['--records'], stdin: VISITS },
    '--region': { base: CHECK, add: ['--region', 'Jönköping'] },
    '--sheet': { base: ['check', at('two.xlsx')], add: ['--sheet', 'second'] },
    '--lang': { base: [...CHECK, '--region', 'Smaland'], add: ['--lang', 'sv'], fails: true },
  },
  convert: {
    '--kind': { base: ['convert', 'fixtures/population-pxweb-en.csv'], add: ['--kind', 'population'] },
    '--output': { base: ['convert', 'fixtures/kolada.csv'], add: ['--output', at('c.csv')], files: [at('c.csv')] },
    '--encoding': { base: ['convert', 'fixtures/pxweb-wide-latin1.csv'], add: ['--encoding', 'utf-8'], fails: true },
    '--delimiter': { base: ['convert', 'fixtures/kolada.csv'], add: ['--delimiter', 'tab'], fails: true },
    '--map': { base: ['convert', '-'], add: ['--map', 'region=county'], stdin: COUNTY },
    '--skip-invalid': { base: ['convert', 'fixtures/bad-number.csv'], add: ['--skip-invalid'] },
    '--sum-duplicates': { base: ['convert', 'fixtures/bad-duplicate.csv'], add: ['--sum-duplicates'] },
    '--records': { base: ['convert', '-'], add: ['--records'], stdin: VISITS },
    '--region': { base: ['convert', 'fixtures/kolada.csv'], add: ['--region', 'Uppsala'] },
    '--no-formulas': { base: ['convert', '-'], add: ['--no-formulas'], stdin: FORMULA },
    '--quiet': { base: ['convert', 'fixtures/pxweb-wide-latin1.csv'], add: ['--quiet'] },
    '--sheet': { base: ['convert', at('two.xlsx')], add: ['--sheet', 'second'] },
    '--lang': { base: ['convert', at('no-such.csv')], add: ['--lang', 'sv'], fails: true },
  },
  regions: {
    ...output(['regions']),
  },
  'population fetch': {
    '--lang': { base: ['population', 'fetch', '--from', '1700'], add: ['--lang', 'sv'], fails: true },
  },
  completion: {
    '--lang': { base: ['completion', 'nosuch'], add: ['--lang', 'sv'], fails: true },
  },
  population: {
    '--region': { base: ['population'], add: ['--region', '06'] },
    '--year': { base: ['population'], add: ['--year', '2014'] },
    ...output(['population', '--region', '09']),
  },
};

/**
 * population fetch talks to SCB's API: its options are shown against a local stand-in server by
 * test/e2e/fetch.test.ts (spawned, with REHAB_STATS_SCB_API_URL), named here so the walk finds them reviewed.
 */
const SHOWN_ELSEWHERE: Record<string, Record<string, string>> = {
  'population fetch': {
    '--from': 'fetch.test.ts: the years asked for in the query',
    '--to': 'fetch.test.ts: the years asked for in the query',
    '--output': 'fetch.test.ts: written to a file instead of the cache',
    '--timeout': 'fetch.test.ts: a server that does not answer',
    '--quiet': 'fetch.test.ts: no progress or notes on stderr',
  },
};

/** Every command (and subcommand) with its offered options: hidden ones (older spellings) are not offered. */
function offered(): [string, string[]][] {
  const out: [string, string[]][] = [];
  const walk = (c: Command, prefix: string) => {
    for (const sub of c.commands) {
      const name = `${prefix}${sub.name()}`;
      out.push([name, sub.options.filter((o) => !o.hidden).map((o) => o.long ?? o.short ?? o.flags)]);
      walk(sub, `${name} `);
    }
  };
  walk(buildProgram(), '');
  return out;
}

async function transcript(p: Probe, extra: string[]): Promise<string> {
  for (const f of p.files ?? []) rmSync(f, { force: true });
  const r = await runInProcess([...p.base, ...extra], {
    env: { LANG: 'C', XDG_CACHE_HOME: NO_CACHE, NO_COLOR: undefined, FORCE_COLOR: undefined, ...p.env },
    ...(p.stdin !== undefined ? { stdin: p.stdin } : {}),
  });
  const files = (p.files ?? []).map((f) => `${f}: ${existsSync(f) ? readFileSync(f, 'utf8') : '(none)'}`);
  return [`exit ${r.code}`, r.stdout, r.stderr, ...files].join('\n---\n');
}

describe('every option of every command shows its effect', () => {
  it('has a reviewed run for every offered option, and none for an option no longer offered', () => {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const [command, options] of offered()) {
      const reviewed = { ...PROBES[command], ...SHOWN_ELSEWHERE[command] };
      for (const o of options) if (!(o in reviewed)) missing.push(`${command} ${o}`);
      for (const o of Object.keys(reviewed)) if (!options.includes(o)) stale.push(`${command} ${o}`);
    }
    expect(missing, 'options offered without a run showing their effect (add one to PROBES, or stop offering the option)').toEqual([]);
    expect(stale, 'runs for options the command no longer offers').toEqual([]);
  });

  const cases = Object.entries(PROBES).flatMap(([command, probes]) => Object.entries(probes).map(([option, probe]) => [`${command} ${option}`, probe] as const));
  // Many probes share their run without the option (a command's output options all start from
  // one): it is made once. The output depends on nothing but the run (the clock only dates a
  // population fetch, which fails before), and the files it may write are removed before each run.
  const withoutRuns = new Map<string, Promise<string>>();
  const runWithout = (p: Probe) => {
    const key = JSON.stringify([p.base, p.stdin ?? null, p.env ?? null, p.files ?? []]);
    let run = withoutRuns.get(key);
    if (!run) withoutRuns.set(key, (run = transcript(p, [])));
    return run;
  };
  it.each(sweep(cases, 3))('%s changes the output', async (_name, probe) => {
    const without = await runWithout(probe);
    const withIt = await transcript(probe, probe.add);
    if (process.env.DEBUG_OPTIONS)
      console.log(
        `${_name}\n  without: ${without
          .split('\n---\n')
          .map((x) => x.split('\n')[0]!.slice(0, 110))
          .join(' | ')}\n  with:    ${withIt
          .split('\n---\n')
          .map((x) => x.split('\n')[0]!.slice(0, 110))
          .join(' | ')}`,
      );
    expect(withIt).not.toBe(without);
    // The option does what it says: the run with it succeeds (unless its effect is an error), and neither is an internal error.
    if (probe.fails) expect(withIt).toMatch(/^exit [2-7]\n/);
    else expect(withIt).toMatch(/^exit 0\n/);
    expect(without).not.toMatch(/^exit 1\n/);
  });
});

describe('older spellings still work, with a note in English or Swedish', () => {
  const run = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { env: { LANG: 'C', XDG_CACHE_HOME: NO_CACHE, NO_COLOR: '1', ...env } });

  it('growth --since is --from, with a note on stderr', async () => {
    const now = await run(['growth', '--method', 'KBT', '--from', '2009', '--to', '2014', '--format', 'csv', '--quiet']);
    const old = await run(['growth', '--method', 'KBT', '--since', '2009', '--to', '2014', '--format', 'csv', '--quiet']);
    expect(old.code).toBe(0);
    expect(old.stdout).toBe(now.stdout);
    expect(old.stderr).toBe('note: --since is an older spelling of --from and will be removed; use --from\n');
    const sv = await run(['growth', '--method', 'KBT', '--since', '2009', '--format', 'csv', '--quiet'], { LANG: 'sv_SE.UTF-8' });
    expect(sv.stderr).toBe('obs: --since är en äldre stavning av --from och kommer att tas bort; använd --from\n');
    const lang = await run(['growth', '--method', 'KBT', '--since', '2009', '--lang', 'sv', '--format', 'csv', '--quiet']);
    expect(lang.stderr).toBe(sv.stderr);
  });

  it('report --since is --from, with a note', async () => {
    const now = await run(['report', '--method', 'KBT', '--from', '2012', '--markdown', '-']);
    const old = await run(['report', '--method', 'KBT', '--since', '2012', '--markdown', '-']);
    expect(old.code).toBe(0);
    expect(old.stdout).toBe(now.stdout);
    expect(now.stdout).toContain('--from 2012');
    expect(old.stderr).toBe('note: --since is an older spelling of --from and will be removed; use --from\n');
  });

  it('the config key "since" is "from", with a note naming the file', async () => {
    const config = at('since.config.json');
    writeFileSync(config, JSON.stringify({ methods: ['KBT'], since: 2012, outputs: { markdown: '-' } }));
    const old = await run(['report', '--config', config]);
    writeFileSync(config, JSON.stringify({ methods: ['KBT'], from: 2012, outputs: { markdown: '-' } }));
    const now = await run(['report', '--config', config]);
    expect(old.code).toBe(0);
    // The same report, but for the config file's own digest in the provenance.
    const report = (md: string) => md.replace(/^- Input \(config\).*$/m, '');
    expect(report(old.stdout)).toBe(report(now.stdout));
    expect(old.stderr).toBe(`note: "since" (${config}) is an older spelling of "from" and will be removed; use "from"\n`);
    expect(now.stderr).toBe('');
    writeFileSync(config, JSON.stringify({ methods: ['KBT'], from: 2012, since: 2012 }));
    const both = await run(['report', '--config', config]);
    expect(both.code).toBe(4);
    expect(both.stderr).toContain('"from" and "since" are the same key');
  });

  it('both spellings at once is a usage error; the old one is not offered in help', async () => {
    const both = await run(['growth', '--method', 'KBT', '--since', '2009', '--from', '2010']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('rehab-stats: error: --since and --from are the same option\nhint: give only --from\n');
    const help = await run(['growth', '--help']);
    expect(help.stdout).toContain('--from <year>');
    expect(help.stdout).not.toContain('--since');
  });
});

describe('--method is needed only where the data cannot tell', () => {
  const run = (args: string[], stdin?: string) => runInProcess(args, { env: { LANG: 'C', XDG_CACHE_HOME: NO_CACHE, NO_COLOR: '1' }, ...(stdin !== undefined ? { stdin } : {}) });

  it('one method in the data: rank, funnel, growth, map and summary take it', async () => {
    for (const args of [['rank'], ['funnel'], ['growth', '--from', '2013'], ['map'], ['summary'], ['trend']]) {
      const r = await run([...args, '--input', '-'], TWO);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('KBT');
    }
  });

  it('several methods, or none named: a usage error that says what to pass', async () => {
    const several = await run(['rank']);
    expect(several.code).toBe(2);
    expect(several.stderr).toBe('rehab-stats: error: which method? pass --method\nhint: methods in the data: KBT, IPT, MMR\n');
    const unnamed = await run(['rank', '--input', 'fixtures/pxweb-wide-latin1.csv']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toBe(
      'rehab-stats: error: fixtures/pxweb-wide-latin1.csv has no method column: which method are its counts?\nhint: name it with --method, e.g. --method KBT\n',
    );
  });

  it('rank --by uses --method only to filter, so it is not needed', async () => {
    const r = await run(['rank', '--input', 'fixtures/clinics.csv', '--by', 'mottagning', '--format', 'csv']);
    expect(r.code).toBe(0);
  });
});

describe('options a run would not use are refused, not ignored', () => {
  const run = (args: string[]) => runInProcess(args, { env: { LANG: 'C', XDG_CACHE_HOME: NO_CACHE, NO_COLOR: '1' } });
  it.each([
    [['growth', '--method', 'KBT', '--from', '2013', '--per', '1000'], '--per: not used without --per-capita (growth of counts divides by nothing)'],
    [['growth', '--method', 'KBT', '--from', '2013', '--population', 'fixtures/population-pxweb-en.csv'], '--population: not used without --per-capita'],
    [['trend', '--method', 'KBT', '--per', '1000'], '--per: not used without --per-capita or --break'],
    [['summary', '--method', 'KBT', '--measure', 'count', '--denominator', '16-67'], '--denominator: not used with --measure count'],
    [['check', 'fixtures/population-pxweb-en.csv', '--kind', 'population', '--population', 'fixtures/population-pxweb-en.csv'], '--population: not used with --kind population'],
    [['map', '--method', 'KBT', '--region', '06'], 'map draws all 21 regions; --region does not apply'],
    [['rank', '--input', 'fixtures/clinics.csv', '--by', 'mottagning', '--per', '1000'], '--per: not used with --by'],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`rehab-stats: error: ${message}`);
  });
});
