import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweep } from '../helpers/tier.js';
import { runInProcess } from '../fuzz/in-process.js';
import { NO_CACHE } from './harness.js';

/**
 * Swedish on every human-facing output: each command, and a representative set of errors and
 * usage errors (commander's own included), run in-process under LANG=sv_SE.UTF-8 and with
 * --lang sv. A run fails when its stdout or stderr holds an English phrase from the list below,
 * after what is not text for people is taken out: option names, paths, quoted values from the
 * input, XML markup, and the names of regions and methods (Swedish or acronyms anyway).
 * Help text (--help) may stay English, and machine formats (CSV, TSV, JSON) are English on
 * purpose, so neither is swept.
 */

/**
 * Words and phrases only English text holds, matched as whole words, any case. Reviewed: none
 * is a Swedish word in the output (so not "region", "regions" — a Swedish genitive —, "trend", "median", "total", "per").
 */
const ENGLISH = [
  'the',
  'must',
  'not found',
  'rows?',
  'expected',
  'note:',
  'hint:',
  'error:',
  'is',
  'are',
  'of',
  'and',
  'with',
  'or',
  'cannot',
  'missing',
  'unknown',
  'did you mean',
  'option',
  'arguments', // the singular is Swedish too ("för många argument")
  'inhabitants?',
  'treatments?',
  'population',
  'rank',
  'count',
  'change',
  'share',
  'higher',
  'lower',
  'similar',
  'increase',
  'decrease',
  'found',
  'years?',
  'method',
  'national',
  'intervals?',
  'skipped',
  'read',
  'file',
  'column',
  'values?',
  'line',
  'limits?',
  'rates?',
  'fewer',
  'than',
  'hidden',
  'bundled',
  'mean',
  'none',
  'fitted',
  'break',
  'which',
  'where',
  'when',
  'from',
  'for',
  'by',
  'no',
  'not',
  'each',
  'above',
  'below',
  'within',
  'wrote',
  'overall',
  'unstable',
  'up to date',
  'out of date',
];
const ENGLISH_RE = ENGLISH.map((w) => ({ w, re: new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu') }));

/** Names that stay as they are in Swedish text. */
const NAMES = /Cell Key Method|PHEindicatormethods|FunnelPlotR|European Standard Population 2013|Rehabiliteringsgarantin/g;

/** Text people do not read as language: what is taken out before the phrases are looked for. */
function prose(out: string): string {
  return out
    .replace(/<style>[^]*?<\/style>/g, ' ') // CSS
    .replace(/<[^>]*>/g, ' ') // XML and HTML markup (SVG attributes, tags)
    .replace(/\S+=\S+/g, ' ') // option values as typed (count=KOLUMN)
    .replace(/(^|[\s(])--?[a-zA-Z][\w-]*(=\S*)?/g, ' ') // option names, as typed (also in parentheses)
    .replace(/\S*[/\\]\S*/g, ' ') // paths
    .replace(/\S+\.(csv|tsv|json|svg|xlsx|md|html)\b/g, ' ') // file names
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”/g, ' ') // quoted values from the input and option values
    .replace(/rehab-stats [a-z]+/g, ' ') // commands named in hints
    .replace(/\(Menade du [^)]*\)/g, ' ') // commander's suggestion names a command
    .replace(NAMES, ' ');
}

interface SweepCase {
  args: string[];
  /** Only with --lang sv: the config file asks for English, which the locale does not override. */
  flagOnly?: true;
  stdin?: string;
  /** Files written by the command (relative to its output folder), swept too. */
  files?: string[];
}

const F = 'fixtures';
const CASES: SweepCase[] = [
  // every command, its human output
  { args: ['rank', '--method', 'KBT', '--year', '2014'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--format', 'markdown'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--funnel', '--rank-interval'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--overdispersion', 'multiplicative'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--sex', 'women', '--denominator', '16-67'] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/counts-2022-2025.csv`, '--year', '2025'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--input', `${F}/age-counts.csv`, '--population', `${F}/age-population.csv`, '--standard', 'esp2013'] },
  {
    args: [
      'rank',
      '--method',
      'KBT',
      '--year',
      '2014',
      '--input',
      `${F}/age-counts-small-region.csv`,
      '--population',
      `${F}/age-population-small-region.csv`,
      '--standard',
      'esp2013',
      '--funnel',
    ],
  },
  { args: ['rank', '--method', 'KBT', '--by', 'mottagning', '--count', 'behandlade', '--input', `${F}/clinics.csv`] },
  { args: ['rank', '--method', 'IPT', '--year', '2014', '--suppress', '10'] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/bad-unknown-region.csv`, '--skip-invalid'] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/records-latin1.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/records-latin1.csv`, '--verbose'] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/pxweb-wide-latin1.csv`, '--verbose'] },
  { args: ['tally', '--method', 'KBT', '--input', 'src/data/access-2014.csv', '--verbose'] },
  { args: ['funnel', '--method', 'KBT', '--year', '2014'] },
  { args: ['growth', '--method', 'KBT', '--since', '2009', '--to', '2014'] },
  { args: ['growth', '--method', 'KBT', '--since', '2009', '--to', '2014', '--per-capita'] },
  { args: ['share', '--year', '2014'] },
  { args: ['share', '--by', 'region', '--method', 'IPT', '--year', '2014', '--format', 'markdown'] },
  { args: ['share', '--by', 'sex', '--method', 'KBT', '--year', '2014'] },
  { args: ['trend', '--method', 'KBT'] },
  { args: ['trend', '--by', 'method'] },
  { args: ['trend', '--method', 'MMR', '--by', 'region'] },
  { args: ['trend', '--method', 'KBT', '--region', 'Jönköping', '--per-capita'] },
  { args: ['trend', '--input', `${F}/its-illustrative.csv`, '--method', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest'] },
  { args: ['trend', '--input', `${F}/its-illustrative.csv`, '--method', 'MMR', '--region', 'Jönköping', '--break', '2021'] },
  { args: ['trend', '--input', `${F}/its-illustrative.csv`, '--method', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest', '--svg', 'OUT/its.svg'], files: ['its.svg'] },
  { args: ['map', '--method', 'KBT', '--year', '2014'] },
  { args: ['map', '--method', 'IPT', '--year', '2014', '--colour', 'funnel'] },
  { args: ['summary', '--method', 'KBT', '--year', '2014'] },
  { args: ['tally', '--method', 'KBT'] },
  { args: ['tally', '--positive', 'god,relativt god'] },
  { args: ['check', `${F}/kolada.csv`] },
  { args: ['check', `${F}/bad-number.csv`, `${F}/bad-duplicate.csv`, `${F}/bad-unknown-region.csv`, `${F}/empty.csv`, `${F}/bad-no-region.csv`] },
  { args: ['check', `${F}/records-latin1.csv`] },
  { args: ['check', '--kind', 'population', `${F}/population-pxweb-sex-sv.csv`] },
  { args: ['convert', `${F}/kolada.csv`, '--output', 'OUT/tidy.csv'] },
  { args: ['regions'] },
  { args: ['population'] },
  { args: ['population', '--region', '06', '--year', '2022'] },
  { args: ['population', '--year', '2016'] },
  { args: ['population', '--year', '2021'] },
  { args: ['population', '--year', '2024'] },
  { args: ['population', '--region', 'riket', '--year', '2025'] },
  { args: ['report', '--config', `${F}/report/its-break.config.json`, '--markdown', '-'], flagOnly: true },
  { args: ['report', '--out-dir', 'OUT/report'], files: ['report/rehab-stats.html', 'report/rehab-stats.md'] },
  { args: ['report', '--html', '-', '--region', 'Jönköping', '--region', 'Kalmar', '--method', 'KBT,IPT', '--year', '2014', '--suppress', '50', '--round-counts', '5'] },
  // errors
  { args: ['rank', '--method', 'KBT', '--input', `${F}/bad-number.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/bad-duplicate.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/bad-no-region.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/bad-unknown-region.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/does-not-exist.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/empty.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', '-'], stdin: 'region;år;metod;antal\n01;2014;KBT;12,3OO\n' },
  { args: ['rank', '--method', 'DBT'] },
  { args: ['rank', '--method', 'KBT', '--year', '2020'] },
  { args: ['rank', '--method', 'KBT', '--region', 'Jönkping'] },
  { args: ['rank', '--method', 'KBT', '--per', 'many'] },
  { args: ['rank', '--method', 'KBT', '--excel'] },
  { args: ['rank', '--method', 'KBT', '--by', 'klinik', '--input', `${F}/clinics.csv`] },
  // The row apart and the notes of a ranking by proportion; the national row's name when regions are missing.
  {
    args: [
      'rank',
      '--method',
      'KBT',
      '--year',
      '2014',
      '--by',
      'mottagning',
      '--numerator',
      'behandlade',
      '--denominator',
      'remitterade',
      '--input',
      `${F}/clinics.csv`,
      '--funnel',
    ],
  },
  { args: ['report', '--markdown', '-', '--method', 'KBT', '--year', '2012', '--from', '2011', '--input', `${F}/pxweb-wide-latin1.csv`] },
  { args: ['funnel', '--method', 'KBT', '--year', '2012', '--input', `${F}/pxweb-wide-latin1.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/kolada.csv`, '--sex', 'women', '--year', '2014', '--population', `${F}/population-pxweb-en.csv`] },
  { args: ['rank', '--method', 'KBT', '--input', `${F}/counts-2022-2025.csv`, '--year', '2022', '--denominator', '16-67'] },
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--input', `${F}/age-counts.csv`, '--standard', 'esp2013'] },
  // A table without age groups, to standardise.
  { args: ['rank', '--method', 'KBT', '--year', '2014', '--standard', 'esp2013'] },
  { args: ['rank', '--method', 'IPT', '--suppress', 'five'] },
  { args: ['rank', '--method', 'KBT', '--output', `${F}/kolada.csv`, '--input', `${F}/kolada.csv`] },
  { args: ['growth', '--method', 'KBT', '--since', '2014', '--to', '2010'] },
  { args: ['share', '--by', 'sex', '--input', `${F}/long-landsting.csv`] },
  { args: ['trend', '--input', `${F}/its-illustrative.csv`, '--method', 'MMR', '--region', 'Stockholm', '--break', '2025'] },
  { args: ['trend', '--method', 'KBT', '--vs', 'rest'] },
  { args: ['tally', '--column', 'svar'] },
  { args: ['population', '--region', 'Jönköping', '--year', '1990'] },
  { args: ['report', '--config', `${F}/report/bad-break.config.json`, '--markdown', '-'] },
  { args: ['report', '--config', `${F}/report/bad-key.config.json`, '--markdown', '-'] },
  { args: ['check', '--encoding', 'utf-16le', `${F}/kolada.csv`] },
  { args: ['convert', `${F}/kolada.csv`, '--output', `${F}/kolada.csv`] },
  { args: ['map', '--method', 'KBT', '--region', '01'] },
  { args: ['completion', 'powershell'] },
  { args: ['rank', '--method', 'KBT', '--sheet', '2'] },
  { args: ['trend', '--method', 'KBT', '--per', '1000'] },
  { args: ['growth', '--method', 'KBT', '--from', '2009', '--since', '2009'] },
  { args: ['map', '--method', 'IPT', '--year', '2014', '--suppress', '10'] },
  // commander's usage errors
  { args: ['rank', '--method', 'KBT', '--yaer', '2014'] },
  { args: ['rnak'] },
  { args: ['rank', '--method'] },
  { args: ['rank', '--method', 'KBT', '--format', 'pdf'] },
  { args: ['check'] },
  { args: ['regions', 'extra'] },
];

const out = mkdtempSync(join(tmpdir(), 'rehab-stats-sv-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The English phrases in a run's human output, with a little context each. */
function englishIn(text: string): string[] {
  const p = prose(text);
  return ENGLISH_RE.flatMap(({ w, re }) => {
    const m = re.exec(p);
    if (!m) return [];
    return [`${JSON.stringify(w)} in …${p.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ')}…`];
  });
}

async function englishFound(lang: 'LANG' | '--lang'): Promise<string[]> {
  const found: string[] = [];
  // The quick tier runs a third of the cases each way, a different third at each run.
  for (const [i, c] of sweep([...CASES.entries()], 3)) {
    if (c.flagOnly && lang === 'LANG') continue;
    const dir = join(out, `${lang === 'LANG' ? 'env' : 'flag'}-${i}`);
    mkdirSync(dir, { recursive: true });
    const args = c.args.map((a) => a.replace(/^OUT\//, `${dir}/`));
    const run = await runInProcess(lang === '--lang' ? [...args, '--lang', 'sv'] : args, {
      env: { LANG: lang === 'LANG' ? 'sv_SE.UTF-8' : 'C', NO_COLOR: '1', XDG_CACHE_HOME: NO_CACHE, HOME: NO_CACHE },
      ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
    });
    const texts = [run.stdout, run.stderr, ...(c.files ?? []).map((f) => readFileSync(join(dir, f), 'utf8'))];
    for (const phrase of texts.flatMap(englishIn)) found.push(`rehab-stats ${c.args.join(' ')} (${lang}): ${phrase}`);
  }
  return found;
}

describe('Swedish on every human-facing output', () => {
  it('LANG=sv_SE.UTF-8: no English in any command, error or usage error', async () => {
    expect(await englishFound('LANG')).toEqual([]);
  }, 300_000);

  it('--lang sv: the same', async () => {
    expect(await englishFound('--lang')).toEqual([]);
  }, 300_000);

  it('sees English where there is English (the sweep is not vacuous)', async () => {
    const run = await runInProcess(['rank', '--method', 'KBT', '--yaer', '2014'], { env: { LANG: 'C' } });
    expect(englishIn(run.stderr).length).toBeGreaterThan(0);
  });
});

describe('Swedish words for what the figures are', () => {
  const ENV = { LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: NO_CACHE, HOME: NO_CACHE };

  it('calls a rate per inhabitants so in the chart and funnel titles, never a share ("andel")', async () => {
    const run = await runInProcess(['report', '--html', '-', '--method', 'KBT', '--year', '2014', '--lang', 'sv'], { env: ENV });
    expect(run.stdout).toContain('KBT per region, 2014: behandlingar per invånare med 95 % konfidensintervall; linjen är riket');
    expect(run.stdout).toContain('KBT: behandlingar per invånare mot befolkning, 2014 (trattdiagram)');
    expect(run.stdout).not.toMatch(/\bandel (med|mot)\b/);
  });

  it('writes "100 000" in the map as the tables and the report do, with a plain space', async () => {
    const map = await runInProcess(['map', '--method', 'KBT', '--year', '2014', '--lang', 'sv'], { env: ENV });
    expect(map.stdout).toContain('KBT per 100 000 invånare, 2014');
    expect(map.stdout).not.toContain('\u00a0');
  });

  it('says no region could be judged when every rate is hidden, not "0 of 0" (English and Swedish)', async () => {
    const args = ['report', '--markdown', '-', '--method', 'IPT', '--year', '2014', '--suppress', '100000'];
    const en = await runInProcess([...args, '--lang', 'en'], { env: ENV });
    const sv = await runInProcess([...args, '--lang', 'sv'], { env: ENV });
    expect(en.stdout).toContain("No region's rate is shown, so no region can be judged against the national rate.");
    expect(sv.stdout).toContain('Inget värde per invånare visas för någon region, så ingen region kan jämföras med rikets nivå.');
    expect(en.stdout + sv.stdout).not.toMatch(/\b0 (of|av) 0\b/);
  });
});
