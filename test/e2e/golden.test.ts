import { describe, expect, it } from 'vitest';
import { golden, type Case } from './harness.js';

/**
 * End-to-end: the built CLI on fixtures, stdout + stderr + exit code against golden files in
 * test/golden/. Regenerate on purpose with `UPDATE_GOLDEN=1 npx vitest run test/e2e`, then
 * read the diff.
 */
const CASES: Case[] = [
  // rank
  { name: 'rank-kbt-default', args: ['rank', '--method', 'KBT'] },
  { name: 'rank-kbt-2014-csv', args: ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv'] },
  { name: 'rank-ipt-2014-per10000-json', args: ['rank', '--method', 'ipt', '--year', '2014', '--per', '10000', '--format', 'json'] },
  { name: 'rank-mmr-markdown', args: ['rank', '--method', 'MMR', '--year', '2014', '--format', 'markdown'] },
  { name: 'rank-kbt-tsv-quiet', args: ['rank', '--method', 'KBT', '--year', '2012', '--format', 'tsv', '--quiet'] },
  { name: 'rank-target-group-women', args: ['rank', '--method', 'KBT', '--year', '2014', '--sex', 'women', '--denominator', '16-67'] },
  { name: 'rank-long-landsting', args: ['rank', '--method', 'KBT', '--input', 'fixtures/long-landsting.csv'] },
  { name: 'rank-pxweb-latin1', args: ['rank', '--method', 'KBT', '--year', '2012', '--input', 'fixtures/pxweb-wide-latin1.csv'] },
  { name: 'rank-excel-bom', args: ['rank', '--method', 'KBT', '--input', 'fixtures/excel-bom.csv', '--format', 'csv'] },
  { name: 'rank-kolada-stdin', args: ['rank', '--method', 'KBT', '--input', '-', '--format', 'csv'], stdinFile: 'fixtures/kolada.csv' },
  { name: 'rank-records', args: ['rank', '--method', 'KBT', '--input', 'fixtures/records-latin1.csv'] },
  { name: 'rank-wide-methods', args: ['rank', '--method', 'MMR', '--input', 'fixtures/wide-methods.csv', '--format', 'csv'] },
  { name: 'rank-user-population', args: ['rank', '--method', 'KBT', '--year', '2014', '--population', 'fixtures/population-pxweb-en.csv'] },
  { name: 'rank-missing-population-year', args: ['rank', '--method', 'KBT', '--input', 'fixtures/kolada.csv', '--sex', 'women', '--year', '2014', '--population', 'fixtures/population-pxweb-en.csv'] },
  { name: 'rank-bundled-population-missing', args: ['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2022', '--denominator', '16-67'] },
  { name: 'rank-2022-all-regions', args: ['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2022'] },
  { name: 'rank-2025-riket-as-published', args: ['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2025'] },
  { name: 'population-figure-sources', args: ['population', '--region', '06', '--year', '2022'] },
  { name: 'population-riket-2025', args: ['population', '--region', 'riket', '--year', '2025', '--format', 'csv'] },
  { name: 'population-unknown-year', args: ['population', '--region', 'Jönköping', '--year', '1990'] },
  { name: 'help-population-fetch', args: ['population', 'fetch', '--help'] },
  { name: 'rank-2025-riket-sv', args: ['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2025', '--lang', 'sv', '--quiet'] },
  { name: 'rank-bad-per', args: ['rank', '--method', 'KBT', '--per', 'many'] },
  { name: 'rank-unknown-method', args: ['rank', '--method', 'DBT'] },
  { name: 'rank-year-absent', args: ['rank', '--method', 'KBT', '--year', '2020'] },
  { name: 'rank-bad-number', args: ['rank', '--method', 'KBT', '--input', 'fixtures/bad-number.csv'] },
  { name: 'rank-duplicate', args: ['rank', '--method', 'KBT', '--input', 'fixtures/bad-duplicate.csv'] },
  { name: 'rank-sum-duplicates', args: ['rank', '--method', 'KBT', '--input', 'fixtures/bad-duplicate.csv', '--sum-duplicates', '--format', 'csv'] },
  { name: 'rank-skip-invalid', args: ['rank', '--method', 'KBT', '--input', 'fixtures/bad-unknown-region.csv', '--skip-invalid', '--format', 'csv'] },
  // growth
  { name: 'growth-kbt-2009-2014', args: ['growth', '--method', 'KBT', '--since', '2009', '--to', '2014'] },
  { name: 'growth-ipt-zero-base-csv', args: ['growth', '--method', 'IPT', '--since', '2009', '--format', 'csv'] },
  { name: 'growth-mmr-json', args: ['growth', '--method', 'MMR', '--since', '2009', '--to', '2014', '--format', 'json'] },
  { name: 'growth-to-before-since', args: ['growth', '--method', 'KBT', '--since', '2014', '--to', '2010'] },
  { name: 'growth-kbt-per-capita', args: ['growth', '--method', 'KBT', '--since', '2009', '--to', '2014', '--per-capita'] },
  { name: 'growth-ipt-per-capita-csv', args: ['growth', '--method', 'IPT', '--since', '2013', '--to', '2014', '--per-capita', '--format', 'csv'] },
  { name: 'rank-funnel-csv', args: ['rank', '--method', 'KBT', '--year', '2014', '--funnel', '--format', 'csv'] },
  { name: 'rank-funnel-table', args: ['rank', '--method', 'IPT', '--year', '2014', '--funnel', '--ci', '99.8'] },
  { name: 'rank-byar', args: ['rank', '--method', 'IPT', '--year', '2014', '--ci-method', 'byar', '--format', 'csv', '--quiet'] },
  { name: 'rank-age-standardised', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts.csv', '--population', 'fixtures/age-population.csv', '--standard', 'esp2013'] },
  { name: 'rank-standard-small-region-funnel-998', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts-small-region.csv', '--population', 'fixtures/age-population-small-region.csv', '--standard', 'esp2013', '--funnel', '--ci', '99.8'] },
  { name: 'rank-standard-ci-method-exact', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts.csv', '--population', 'fixtures/age-population.csv', '--standard', 'esp2013', '--ci-method', 'exact', '--format', 'csv'] },
  { name: 'rank-overdispersion-additive-csv', args: ['rank', '--method', 'KBT', '--year', '2014', '--overdispersion', 'additive', '--format', 'csv'] },
  { name: 'rank-overdispersion-multiplicative', args: ['rank', '--method', 'KBT', '--year', '2014', '--overdispersion', 'multiplicative'] },
  { name: 'rank-overdispersion-with-standard', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts.csv', '--population', 'fixtures/age-population.csv', '--standard', 'esp2013', '--overdispersion', 'additive'] },
  { name: 'funnel-kbt-2014-svg', args: ['funnel', '--method', 'KBT', '--year', '2014'] },
  { name: 'funnel-multiplicative-two-regions-svg', args: ['funnel', '--method', 'KBT', '--year', '2014', '--overdispersion', 'multiplicative', '--region', '09', '--region', '23'] },
  { name: 'rank-interval-kbt-2014', args: ['rank', '--method', 'KBT', '--year', '2014', '--rank-interval'] },
  { name: 'rank-age-standardised-csv', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts.csv', '--population', 'fixtures/age-population.csv', '--standard', 'esp2013', '--format', 'csv', '--quiet'] },
  { name: 'rank-standard-needs-age-population', args: ['rank', '--method', 'KBT', '--year', '2014', '--input', 'fixtures/age-counts.csv', '--standard', 'esp2013'] },
  { name: 'rank-standard-needs-age-counts', args: ['rank', '--method', 'KBT', '--year', '2014', '--standard', 'esp2013'] },
  { name: 'rank-by-clinic-proportion', args: ['rank', '--method', 'KBT', '--year', '2014', '--by', 'mottagning', '--numerator', 'behandlade', '--denominator', 'remitterade', '--input', 'fixtures/clinics.csv', '--funnel'] },
  { name: 'rank-by-clinic-csv', args: ['rank', '--method', 'KBT', '--by', 'mottagning', '--numerator', 'behandlade', '--denominator', 'remitterade', '--input', 'fixtures/clinics.csv', '--format', 'csv', '--quiet'] },
  { name: 'rank-by-clinic-count', args: ['rank', '--method', 'KBT', '--by', 'mottagning', '--count', 'behandlade', '--input', 'fixtures/clinics.csv'] },
  { name: 'rank-by-needs-input', args: ['rank', '--method', 'KBT', '--by', 'mottagning'] },
  { name: 'rank-by-unknown-column', args: ['rank', '--method', 'KBT', '--by', 'klinik', '--input', 'fixtures/clinics.csv'] },
  { name: 'share-by-provider', args: ['share', '--by', 'vårdgivare', '--count', 'behandlade', '--input', 'fixtures/clinics.csv', '--method', 'KBT'] },
  // publishing: suppression, rounding, per-row interval method
  { name: 'publish-rank-suppress', args: ['rank', '--method', 'IPT', '--year', '2014', '--suppress', '7'] },
  { name: 'publish-rank-suppress-sv', args: ['rank', '--method', 'IPT', '--year', '2014', '--suppress', '10', '--lang', 'sv', '--ci-method', 'phe'] },
  { name: 'publish-rank-round-csv', args: ['rank', '--method', 'IPT', '--year', '2014', '--suppress', '10', '--round-counts', '5', '--format', 'csv'] },
  { name: 'publish-growth-json', args: ['growth', '--method', 'IPT', '--since', '2013', '--to', '2014', '--suppress', '10', '--format', 'json', '--quiet'] },
  { name: 'publish-share-by-region-sv', args: ['share', '--by', 'region', '--method', 'IPT', '--year', '2014', '--suppress', '15', '--lang', 'sv', '--format', 'markdown'] },
  { name: 'publish-summary-count', args: ['summary', '--method', 'IPT', '--year', '2014', '--measure', 'count', '--suppress', '10'] },
  { name: 'publish-suppress-not-a-number', args: ['rank', '--method', 'IPT', '--suppress', 'five'] },
  { name: 'publish-provenance-needs-file', args: ['rank', '--method', 'IPT', '--provenance'] },
  { name: 'publish-provenance-stdout-output', args: ['rank', '--method', 'IPT', '--output', '-', '--provenance'] },
  { name: 'publish-trend-break-suppress', args: ['trend', '-i', 'fixtures/its-illustrative.csv', '-m', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest', '--suppress', '211'] },
  { name: 'publish-trend-by-method-suppress-sv', args: ['trend', '--by', 'method', '--suppress', '5', '--lang', 'sv'] },
  { name: 'publish-rank-by-unit', args: ['rank', '--method', 'KBT', '--by', 'mottagning', '--count', 'behandlade', '--input', 'fixtures/clinics.csv', '--suppress', '10'] },
  // share, trend, summary, tally
  { name: 'share-by-method', args: ['share', '--year', '2014'] },
  { name: 'share-by-sex-kbt-csv', args: ['share', '--by', 'sex', '--method', 'KBT', '--year', '2014', '--format', 'csv'] },
  { name: 'share-by-region-markdown', args: ['share', '--by', 'region', '--method', 'IPT', '--year', '2014', '--format', 'markdown'] },
  { name: 'share-by-sex-without-sex', args: ['share', '--by', 'sex', '--input', 'fixtures/long-landsting.csv'] },
  { name: 'trend-kbt-national', args: ['trend', '--method', 'KBT'] },
  { name: 'map-kbt-2014', args: ['map', '--method', 'KBT', '--year', '2014'] },
  { name: 'map-funnel-sv', args: ['map', '--method', 'IPT', '--year', '2014', '--colour', 'funnel', '--lang', 'sv'] },
  { name: 'map-missing-region', args: ['map', '--method', 'KBT', '--year', '2012', '--input', 'fixtures/pxweb-wide-latin1.csv'] },
  { name: 'map-no-region-option', args: ['map', '--method', 'KBT', '--region', '01'] },
  { name: 'trend-mmr-by-region', args: ['trend', '--method', 'MMR', '--by', 'region'] },
  { name: 'trend-mmr-by-region-csv', args: ['trend', '--method', 'MMR', '--by', 'region', '--format', 'csv', '--quiet'] },
  { name: 'trend-1177-json', args: ['trend', '--input', 'fixtures/internet-1177.csv', '--format', 'json'] },
  { name: 'trend-needs-method', args: ['trend'] },
  // --region on every data command; trend per capita, its summary in CSV and JSON
  { name: 'rank-region', args: ['rank', '--method', 'KBT', '--year', '2014', '--region', '06', '--region', 'sthlm'] },
  { name: 'rank-region-unknown', args: ['rank', '--method', 'KBT', '--region', 'Jönkping'] },
  { name: 'growth-region-csv', args: ['growth', '--method', 'KBT', '--since', '2009', '--region', 'Jönköping', '--format', 'csv', '--quiet'] },
  { name: 'share-by-region-region', args: ['share', '--by', 'region', '--method', 'KBT', '--year', '2014', '--region', '06,01'] },
  { name: 'share-by-method-region', args: ['share', '--year', '2014', '--region', 'Region Jönköpings län'] },
  { name: 'summary-region', args: ['summary', '--method', 'KBT', '--year', '2014', '--region', '06', '--region', '01', '--region', 'Skåne'] },
  { name: 'tally-region', args: ['tally', '--method', 'KBT', '--region', '06', '--region', '01', '--format', 'csv', '--quiet'] },
  { name: 'trend-region-per-capita', args: ['trend', '--method', 'KBT', '--region', 'Jönköping', '--per-capita'] },
  { name: 'trend-regions-csv', args: ['trend', '--method', 'KBT', '--region', '06', '--region', 'Stockholm', '--per-capita', '--format', 'csv', '--quiet'] },
  { name: 'trend-kbt-json', args: ['trend', '--method', 'KBT', '--per-capita', '--from', '2013', '--format', 'json', '--quiet'] },
  { name: 'trend-one-region-file', args: ['trend', '--input', 'fixtures/one-region-series.csv'] },
  { name: 'trend-region-not-in-file', args: ['trend', '--input', 'fixtures/one-region-series.csv', '--region', 'Kalmar'] },
  { name: 'trend-by-method', args: ['trend', '--by', 'method'] },
  // break analysis on the illustrative fixture (Jönköping 2021, Stockholm 2025)
  { name: 'trend-break-jonkoping', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', 'Jönköping', '--break', '2021'] },
  { name: 'trend-break-vs-rest', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest'] },
  { name: 'trend-break-vs-rest-json', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--break', '2021', '--vs', 'rest', '--from', '2016', '--format', 'json', '--quiet'] },
  { name: 'trend-break-csv', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--break', '2021', '--format', 'csv', '--quiet'] },
  { name: 'trend-break-too-few-after', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', 'Stockholm', '--break', '2025'] },
  { name: 'trend-break-two-regions', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--region', '01', '--break', '2021'] },
  { name: 'trend-vs-needs-break', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--vs', 'rest'] },
  { name: 'trend-vs-rest-needs-region', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--break', '2021', '--vs', 'rest'] },
  { name: 'trend-vs-rest-needs-whole-country', args: ['trend', '--method', 'KBT', '--input', 'fixtures/one-region-series.csv', '--region', '06', '--break', '2012', '--vs', 'rest'] },
  { name: 'trend-svg-over-input', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--method', 'MMR', '--region', '06', '--break', '2021', '--svg', 'fixtures/its-illustrative.csv'] },
  { name: 'report-break-vs-rest-markdown', args: ['report', '--config', 'fixtures/report/its-break.config.json', '--markdown', '-'] },
  { name: 'report-break-with-suppress', args: ['report', '--config', 'fixtures/report/its-break.config.json', '--suppress', '211', '--markdown', '-'] },
  { name: 'report-break-bad-key', args: ['report', '--config', 'fixtures/report/bad-break.config.json', '--markdown', '-'] },
  { name: 'trend-by-method-stockholm', args: ['trend', '--input', 'fixtures/its-illustrative.csv', '--by', 'method', '--region', 'Stockholm'] },
  { name: 'trend-by-region-region-json', args: ['trend', '--method', 'MMR', '--by', 'region', '--region', '06', '--from', '2014', '--format', 'json', '--quiet'] },
  { name: 'summary-kbt-2014', args: ['summary', '--method', 'KBT', '--year', '2014'] },
  { name: 'summary-mmr-count-json', args: ['summary', '--method', 'MMR', '--measure', 'count', '--format', 'json', '--quiet'] },
  { name: 'tally-access-positive', args: ['tally', '--positive', 'god,relativt god'] },
  { name: 'tally-kbt-csv', args: ['tally', '--method', 'KBT', '--format', 'csv', '--quiet'] },
  { name: 'tally-no-column', args: ['tally', '--column', 'svar'] },
  { name: 'rank-csv-excel', args: ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--excel', '--quiet'] },
  { name: 'rank-excel-needs-csv', args: ['rank', '--method', 'KBT', '--excel'] },
  { name: 'convert-formula-neutralised', args: ['convert', 'fixtures/formula-injection.csv'] },
  { name: 'share-formula-no-formulas', args: ['share', '--input', 'fixtures/formula-injection.csv', '--format', 'tsv', '--no-formulas', '--quiet'] },
  { name: 'help-report', args: ['report', '--help'] },
  // check and convert
  { name: 'check-pxweb-latin1', args: ['check', 'fixtures/pxweb-wide-latin1.csv'] },
  { name: 'check-excel-bom', args: ['check', 'fixtures/excel-bom.csv'] },
  { name: 'check-kolada', args: ['check', 'fixtures/kolada.csv'] },
  { name: 'check-records', args: ['check', 'fixtures/records-latin1.csv'] },
  { name: 'check-wide-methods', args: ['check', 'fixtures/wide-methods.csv'] },
  { name: 'check-population-by-sex', args: ['check', '--kind', 'population', 'fixtures/population-pxweb-sex-sv.csv'] },
  { name: 'rank-women-own-population', args: ['rank', '--method', 'KBT', '--year', '2014', '--sex', 'women', '--population', 'fixtures/population-pxweb-sex-sv.csv', '--format', 'csv'] },
  { name: 'rank-total-from-sexes', args: ['rank', '--method', 'KBT', '--year', '2013', '--population', 'fixtures/population-pxweb-sex-sv.csv', '--format', 'csv', '--quiet'] },
  { name: 'check-population', args: ['check', '--kind', 'population', 'fixtures/population-pxweb-en.csv'] },
  { name: 'check-problems', args: ['check', 'fixtures/bad-number.csv', 'fixtures/bad-duplicate.csv', 'fixtures/bad-unknown-region.csv', 'fixtures/empty.csv', 'fixtures/bad-no-region.csv'] },
  { name: 'check-national-series', args: ['check', 'fixtures/internet-1177.csv'] },
  { name: 'check-json', args: ['check', '--format', 'json', 'fixtures/excel-bom.csv', 'fixtures/bad-number.csv'] },
  { name: 'check-map', args: ['check', '--map', 'region=clinic', 'fixtures/bad-no-region.csv'] },
  { name: 'check-wrong-encoding', args: ['check', '--encoding', 'utf-16le', 'fixtures/kolada.csv'] },
  { name: 'convert-pxweb', args: ['convert', 'fixtures/pxweb-wide-latin1.csv'] },
  { name: 'convert-kolada-stdin', args: ['convert', '-'], stdinFile: 'fixtures/kolada.csv' },
  { name: 'convert-kolada-region', args: ['convert', 'fixtures/kolada.csv', '--region', 'Jönköping', '--region', '01'] },
  { name: 'convert-records', args: ['convert', 'fixtures/records-latin1.csv'] },
  { name: 'convert-population', args: ['convert', '--kind', 'population', 'fixtures/population-pxweb-en.csv'] },
  { name: 'convert-over-input', args: ['convert', 'fixtures/kolada.csv', '--output', 'fixtures/kolada.csv'] },
  // Swedish and verbose
  { name: 'rank-sv', args: ['rank', '--method', 'KBT', '--year', '2014', '--lang', 'sv'] },
  { name: 'rank-sv-csv-stays-english', args: ['rank', '--method', 'KBT', '--year', '2014', '--lang', 'sv', '--format', 'csv'] },
  { name: 'growth-sv-from-LANG', args: ['growth', '--method', 'IPT', '--since', '2009', '--to', '2014'], env: { LANG: 'sv_SE.UTF-8' } },
  { name: 'error-sv', args: ['rank', '--method', 'KBT', '--input', 'fixtures/bad-number.csv', '--lang', 'sv'] },
  // the program
  { name: 'no-arguments', args: [] },
  { name: 'unknown-command', args: ['rnak'] },
  { name: 'help-rank', args: ['rank', '--help'] },
  { name: 'help-growth', args: ['growth', '--help'] },
  { name: 'help-share', args: ['share', '--help'] },
  { name: 'help-trend', args: ['trend', '--help'] },
  { name: 'help-map', args: ['map', '--help'] },
  { name: 'help-summary', args: ['summary', '--help'] },
  { name: 'help-tally', args: ['tally', '--help'] },
  { name: 'help-check', args: ['check', '--help'] },
  { name: 'help-convert', args: ['convert', '--help'] },
  { name: 'help-regions', args: ['regions', '--help'] },
  { name: 'help-population', args: ['population', '--help'] },
  { name: 'help-completion', args: ['completion', '--help'] },
  { name: 'regions-all', args: ['regions'] },
  { name: 'completion-bash', args: ['completion', 'bash'] },
  { name: 'completion-zsh', args: ['completion', 'zsh'] },
  { name: 'completion-fish', args: ['completion', 'fish'] },
  { name: 'completion-unknown-shell', args: ['completion', 'powershell'] },
  { name: 'unknown-option', args: ['rank', '--method', 'KBT', '--yaer', '2014'] },
  { name: 'regions-csv', args: ['regions', '--format', 'csv'] },
  { name: 'population-coverage', args: ['population'] },
];

/** The edge cases every data-reading verb must handle the same way (as csvkit's test mixins). */
const VERBS: string[][] = [
  ['rank', '--method', 'KBT'],
  ['growth', '--method', 'KBT', '--since', '2013'],
  ['share', '--year', '2014'],
  ['trend', '--method', 'KBT'],
  ['summary', '--method', 'KBT'],
];
const EDGE: { name: string; args: string[]; stdinFile?: string }[] = [
  { name: 'empty-file', args: ['--input', 'fixtures/empty.csv'] },
  { name: 'no-such-file', args: ['--input', 'fixtures/does-not-exist.csv'] },
  { name: 'no-region-column', args: ['--input', 'fixtures/bad-no-region.csv'] },
  { name: 'unknown-region', args: ['--input', 'fixtures/bad-unknown-region.csv'] },
  { name: 'stdin', args: ['--input', '-', '--format', 'csv'], stdinFile: 'fixtures/long-landsting.csv' },
  { name: 'empty-stdin', args: ['--input', '-'] },
];
for (const verb of VERBS) {
  for (const e of EDGE) CASES.push({ name: `edge-${verb[0]}-${e.name}`, args: [...verb, ...e.args], ...(e.stdinFile ? { stdinFile: e.stdinFile } : {}) });
}

describe('golden end-to-end', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { actual, expected } = await golden(c);
    expect(expected, `no golden file for ${c.name}; run UPDATE_GOLDEN=1 npx vitest run test/e2e`).toBeDefined();
    expect(actual).toBe(expected);
  });
});

/**
 * The same transcripts from the built binary in a process of its own, for a few cases that
 * cover each way out: a table, stdin, Swedish, a usage error (commander), a data error, check's
 * exit 6 and help. What bin/ adds to run() (streams, exit code) is what these test.
 */
const SPAWNED = ['rank-kbt-default', 'rank-kolada-stdin', 'growth-sv-from-LANG', 'unknown-option', 'rank-bad-number', 'check-problems', 'no-arguments'];
describe('golden end-to-end, built binary', () => {
  it.each(SPAWNED)('%s', async (name) => {
    const c = CASES.find((x) => x.name === name);
    expect(c, name).toBeDefined();
    const { actual, expected } = await golden(c!, { spawn: true });
    expect(actual).toBe(expected);
  });
});
