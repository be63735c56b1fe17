import { msg, type Message, type Text } from '../messages/index.js';
import { ESP2013, type AgeStratum } from '../stats/dsr.js';
import type { OverdispersionEstimate, OverdispersionKind } from '../stats/overdispersion.js';
import { poissonMethodUsed, type PoissonMethod } from '../stats/poisson.js';
import { funnelMethod } from './funnel-plot.js';
import type { Observation } from './observation.js';
import type { PopulationTable } from './population.js';
import { populationMade } from './provenance.js';
import { ruleActive, type PublishRule } from './publish.js';
import { protectedRanking } from './publish-ranking.js';
import { buildStrata, levelPercent, type NationalRow, type RankedRegion, type RankResult } from './ranking.js';
import type { Region, RegionIndex } from './regions.js';
import { keepRegions } from './select.js';
import { dataNote, populationNotes, sourceName, type CountSource } from './source-notes.js';
import type { CountsData, YearCounts } from './year-counts.js';

/**
 * rank's region ranking: the regions ranked as published from the counts of one method, year and
 * group (countsOfYear), with their notes and provenance — a RankResult for render/rank.ts.
 */

/** The counts a ranking reads, as ingest gives them. */
export interface RankCounts extends CountSource, CountsData {
  observations: Observation[];
}

/** What the ranking is asked for besides the counts: rank's options, resolved. */
export interface RegionRankRequest {
  /** The population group divided by (ALL_AGES or TARGET_AGES). */
  age: string;
  per: number;
  level: number;
  ciMethod: PoissonMethod;
  /** Whether --ci-method was given: a DSR's limits are Byar's unless it was. */
  ciMethodGiven: boolean;
  funnel: boolean;
  overdispersion?: OverdispersionKind;
  rankInterval: boolean;
  /** Direct standardisation against ESP 2013. */
  standard: boolean;
  rule: PublishRule;
  /** The regions --region picks (none: all). */
  selected: readonly Region[];
}

/** The regions ranked as published, from the selected counts and the population. */
export function regionRankResult(data: RankCounts, sel: YearCounts, population: PopulationTable, regions: RegionIndex, req: RegionRankRequest): RankResult {
  const { method, asked, year, sex, counts } = sel;
  const { age, selected } = req;
  let strata: Map<string, AgeStratum[]> | undefined;
  let standardNote: Text | undefined;
  // a DSR's limits are Byar's for the total count unless --ci-method says otherwise (PHE's rule is Byar from 10 events, the least a DSR needs)
  const ciMethod: PoissonMethod = req.standard && !req.ciMethodGiven ? 'byar' : req.ciMethod;
  if (req.standard) {
    const built = buildStrata(data.observations, { method, year, sex, absentIsZero: data.recordLevel }, population, regions, ESP2013, msg('standard.esp2013'), sourceName(data));
    strata = built.strata;
    for (const [code, why] of built.problems) counts.set(code, { value: null, lines: counts.get(code)?.lines ?? [], note: why });
    const limits = ciMethod === 'exact' ? msg('dsr.limits.exact') : msg('dsr.limits.byar');
    standardNote = msg('note.standardised', { standard: msg('standard.esp2013'), bands: built.bands.join(', '), level: levelPercent(req.level), limits });
  }
  const { rule } = req;
  // The interval can differ by row (PHE's rule picks by count size): each row says which it got.
  const perRowMethod = req.ciMethod === 'phe' ? 'human' : ruleActive(rule) ? 'machine' : false;
  const intervalMethods = (rows: RankedRegion[], national: NationalRow) => {
    if (perRowMethod)
      for (const r of [...rows, national])
        r.interval_method = r.rate_lower === null ? null : strata ? 'dobson' : r.count === null ? null : poissonMethodUsed(r.count, req.ciMethod);
  };
  // Rates come from the counts as shown: rounded ones when --round-counts asks (README "Publishing").
  // Suppression is decided on the whole ranking, before --region picks rows from it.
  const {
    table: whole,
    national,
    missingRegions,
    dispersion,
  } = protectedRanking(
    {
      counts,
      population,
      regions,
      year,
      sex,
      age,
      per: req.per,
      level: req.level,
      ciMethod,
      funnel: req.funnel,
      ...(req.rankInterval ? { rankInterval: true } : {}),
      ...(req.overdispersion ? { overdispersion: req.overdispersion } : {}),
      ...(strata ? { strata } : {}),
    },
    counts,
    rule,
    intervalMethods,
  );
  const allRows = whole.rows;

  // Ranks stay those among all regions: Stockholm is 5th of 21, shown alone.
  const rows = keepRegions(whole.rows, selected);
  const methodName = method || asked;
  const notes: Text[] = [
    dataNote(data),
    ...populationNotes(population),
    ...(req.standard
      ? []
      : [msg('note.rank-interval-method', { method: req.ciMethod === 'exact' ? msg('interval.exact') : req.ciMethod === 'byar' ? msg('interval.byar') : msg('interval.phe') })]),
  ];
  notes.push(msg('note.vs-riket', { level: levelPercent(req.level) }));
  if (dispersion) notes.push(dispersionNote(dispersion, req.overdispersion));
  if (req.rankInterval) notes.push(msg('note.rank-interval'));
  if (req.funnel && !req.overdispersion) notes.push(msg('note.funnel', { target: req.standard ? msg('funnel.target.weighted') : msg('funnel.target.national') }));
  if (standardNote) notes.push(standardNote);
  if (method === '') notes.push(msg('note.no-method-column', { method: asked }));
  if (selected.length) notes.push(msg('note.ranks-among', { n: allRows.filter((r) => typeof r.rank === 'number').length, names: selected.map((r) => r.name) }));
  if (missingRegions.length) notes.push(msg('note.not-in-input', { year, regions: missingRegions }));
  // Year and method on every row (set in place: the suppression marks know rows by identity).
  for (const r of [...rows, ...whole.apart]) Object.assign(r, { year, method: methodName });
  return {
    method: methodName,
    year,
    sex,
    age,
    per: req.per,
    level: req.level,
    standardised: req.standard,
    funnel: req.funnel,
    rankInterval: req.rankInterval,
    intervalMethod: perRowMethod,
    rows,
    national,
    notes: [...notes, ...whole.notes],
    ...(whole.hidden ? { hidden: whole.hidden } : {}),
    ...(whole.statusKeys ? { statusKeys: whole.statusKeys } : {}),
    made: {
      ...populationMade(population, [year]),
      methods: {
        interval: req.standard ? "Dobson's method for directly standardised rates" : intervalName(req.ciMethod),
        ...(req.funnel ? { funnel: funnelMethod(req.overdispersion) } : {}),
        ...(req.standard ? { standard_population: 'European Standard Population 2013' } : {}),
      },
    },
  };
}

/**
 * What the overdispersion estimate says, in one note: φ and τ², whether the limits were adjusted
 * and how — or, for plain Poisson limits, that they are too narrow for this spread and what to use.
 */
function dispersionNote(d: OverdispersionEstimate, kind: OverdispersionKind | undefined): Message {
  const estimate = msg('overdispersion.estimate', { phi: d.phi, tau2: d.tau2, n: d.n });
  const note = (verdict: Message) => msg('note.overdispersion', { estimate, verdict });
  if (kind === 'multiplicative') return note(d.phi > 1 ? msg('overdispersion.multiplicative', { factor: Math.sqrt(d.phi) }) : msg('overdispersion.multiplicative-none'));
  if (kind === 'additive') return note(d.tau2 > 0 ? msg('overdispersion.additive') : msg('overdispersion.additive-none'));
  return d.overdispersed ? msg('note.overdispersion-more', { estimate, verdict: msg('overdispersion.too-much', { df: d.n - 1 }) }) : note(msg('overdispersion.within-chance'));
}

function intervalName(method: PoissonMethod): string {
  return method === 'exact' ? 'exact Poisson' : method === 'byar' ? "Byar's approximation" : 'exact Poisson below 10, Byar from 10 (per row: interval_method)';
}
