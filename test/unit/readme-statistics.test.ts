import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/harness.js';

// The README's statistics section may name only methods the code uses. Each method it can name is
// listed here with the code that implements it; a named method missing from this list, or whose
// code is gone, fails the test.
const METHODS: { term: RegExp; file: string; code: RegExp }[] = [
  { term: /Garwood|exact Poisson/, file: 'poisson.ts', code: /export function exactPoissonInterval/ },
  { term: /Byar/, file: 'poisson.ts', code: /export function byarPoissonInterval/ },
  { term: /Dobson/, file: 'dsr.ts', code: /export function directlyStandardisedRate/ },
  { term: /European Standard Population 2013/, file: 'dsr.ts', code: /export const ESP2013/ },
  { term: /calculate_dsr/, file: 'dsr.ts', code: /DSR_MIN_EVENTS = 10/ },
  { term: /competition ranking/, file: 'rank.ts', code: /export function competitionRanksOfRatios/ },
  { term: /cross-multiplication/, file: 'rank.ts', code: /export function compareRatios/ },
  { term: /Goldstein & Spiegelhalter/, file: 'rank-interval.ts', code: /export function rankIntervals/ },
  { term: /PTRS/, file: 'rank-interval.ts', code: /Hörmann's \(1993\) transformed\s+\* rejection PTRS|PTRS/ },
  { term: /Mulberry32/, file: 'rank-interval.ts', code: /export function seededRandom/ },
  { term: /assign_funnel_significance/, file: 'funnel.ts', code: /export function rateFunnelSignificance/ },
  { term: /calculate_funnel_limits|poisson_funnel/, file: 'funnel.ts', code: /export function rateFunnelLimits/ },
  { term: /sigma_adjustment/, file: 'funnel-proportion.ts', code: /export function proportionFunnelPoint/ },
  { term: /winsoris/, file: 'overdispersion.ts', code: /export function winsorise/ },
  { term: /τ²/, file: 'overdispersion.ts', code: /export function estimateOverdispersion/ },
  { term: /multiplicative/, file: 'overdispersion.ts', code: /'multiplicative'/ },
  { term: /χ²\(n − 1\)/, file: 'overdispersion.ts', code: /gammaQuantile\(0\.95, \(n - 1\) \/ 2\)/ },
  { term: /^Wilson|Wilson score/, file: 'wilson.ts', code: /export function wilsonInterval/ },
  { term: /^Spiegelhalter/, file: 'funnel.ts', code: /Spiegelhalter 2005/ },
  { term: /^additive/, file: 'overdispersion.ts', code: /'additive'/ },
  { term: /^quasipoisson/, file: 'poisson-regression.ts', code: /./ },
  { term: /Clopper–Pearson/, file: 'rate-ratio.ts', code: /Clopper/ },
  { term: /CAGR/, file: 'growth.ts', code: /export function growth/ },
  { term: /log-linear/, file: 'trend.ts', code: /export function logLinearFit/ },
  { term: /Hyndman & Fan type 7/, file: 'spread.ts', code: /export function quantile7/ },
  { term: /iteratively reweighted least squares|quasipoisson/, file: 'poisson-regression.ts', code: /./ },
  { term: /segmented|interrupted time series/, file: 'segmented-poisson.ts', code: /export function segmentedPoisson/ },
  { term: /--vs rest/, file: 'segmented-poisson-vs-rest.ts', code: /export function segmentedPoissonVsRest/ },
];

// Words that name a statistical method. Any of them in the section must be covered by METHODS
// (or be one of the contrasts in ALLOWED, which name a method to say it is not used).
const VOCABULARY = [
  'Garwood',
  'Byar',
  'Dobson',
  'Wilson',
  'Wald',
  'Clopper',
  'winsoris',
  'Hyndman',
  'Goldstein',
  'PTRS',
  'Mulberry',
  'normal approximation',
  'Agresti',
  'Jeffreys',
  'mid-p',
  'bootstrap',
  'quasi',
  'DerSimonian',
  'Bonferroni',
  'Mantel',
  'negative binomial',
  'Bayesian',
  'Fisher',
  'arcsine',
  'logit',
  'Spiegelhalter',
  'Dobson',
  'cross-multiplication',
  'sigma_adjustment',
  'multiplicative',
  'additive',
];
const ALLOWED = [/recommended over the Wald interval/, /Wald 95% limits on the log scale as R's `confint\.default`/, /FunnelPlotR leaves these limits on the square-root scale/];

function statisticsSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Statistics');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 5);
  return readme.slice(start, end);
}

describe('the README statistics section names only methods the code uses', () => {
  const section = statisticsSection();
  const stats = Object.fromEntries(readdirSync(join(ROOT, 'src', 'stats')).map((f) => [f, readFileSync(join(ROOT, 'src', 'stats', f), 'utf8')]));

  it('each method it names is implemented where the list says', () => {
    const named = METHODS.filter((m) => m.term.test(section));
    expect(named.length).toBeGreaterThan(15);
    for (const m of named) {
      expect(stats[m.file], `src/stats/${m.file} for ${m.term}`).toBeDefined();
      expect(m.code.test(stats[m.file]!), `${m.term} → ${m.file}`).toBe(true);
    }
  });

  it('names no method outside the list (the old normal-approximation funnel for proportions is gone)', () => {
    let text = section;
    for (const a of ALLOWED) text = text.replace(a, '');
    for (const word of VOCABULARY) {
      if (!text.includes(word)) continue;
      // every mention, from the word on, must be a listed method
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const mention = text.slice(at, at + 60);
        expect(
          METHODS.some((m) => m.term.test(mention)),
          `"${word}" in: ${mention}…`,
        ).toBe(true);
      }
    }
    expect(section).not.toMatch(/p₀ ± z·√/);
    expect(section).not.toMatch(/rounded to the printed one decimal/);
  });
});
