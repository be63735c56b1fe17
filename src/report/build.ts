import type { Observation } from '../domain/observation.js';
import type { PopulationTable } from '../domain/population.js';
import type { Region, RegionIndex } from '../domain/regions.js';
import { keepRegions, methodsOf, nationalCount, selectCounts, yearsOf } from '../domain/select.js';
import type { Row } from '../domain/cells.js';
import { wilsonInterval } from '../stats/wilson.js';
import { rankRows, type NationalRow, type RankedRegion } from '../domain/ranking.js';
import type { FunnelCurvePoint } from '../stats/funnel-curve.js';
import { funnelCurveOf } from '../domain/funnel-curves.js';
import { growthRows, type GrowthRow } from '../domain/growth-rows.js';
import { NO_RULE, roundCells, ruleActive, type PublishRule } from '../domain/publish.js';
import { roundCount } from '../stats/round-count.js';
import { protectSection } from './publish.js';
import type { Provenance } from '../domain/provenance.js';
import type { BreakSection } from './break-section.js';
import type { Text } from '../messages/index.js';

/** Everything a report says about one method. Built by a pure function from the data. */
export interface MethodSection {
  method: string;
  year: number;
  since: number;
  ranked: RankedRegion[];
  national: NationalRow;
  growth: { rows: GrowthRow[]; national: GrowthRow<Text> };
  /** National counts per year, for the trend chart. */
  series: { year: number; count: number | null }[];
  /** The method's share of all treatments in `year`. */
  share: { count: number; total: number; pct: number; lower: number; upper: number } | null;
  /** Cells hidden by the publishing rule (--suppress), per row of `ranked`, `national` and `growth`. */
  hidden?: Map<Row, ReadonlySet<string>>;
  /** The share is hidden: the method's count is below the threshold or hidden in the tables. */
  shareHidden?: boolean;
  /** The funnel plot's 95% and 99.8% limits (PHE's Poisson curves), or null without a national rate. */
  funnel: FunnelCurvePoint[] | null;
}

export interface ReportModel {
  year: number;
  since: number;
  per: number;
  sections: MethodSection[];
  /** Where the data and population come from, for the footnotes. */
  dataLabel: string;
  populationLabel: string;
  bundled: boolean;
  /** The publishing rule applied, for the method notes. */
  publish?: PublishRule;
  /** Where the report came from and how it was made: always in the method notes. */
  provenance?: Provenance;
  /** A break analysis, when the config asks for one (see report/break-section.ts). */
  breakSection?: BreakSection;
  /** --region (config "regions"): the only regions in the tables and charts, by name; absent: all 21. */
  regions?: string[];
}

export interface ReportSettings {
  methods: string[];
  year: number;
  since: number;
  per: number;
  /** Suppression and rounding (README "Publishing"); none by default. */
  publish?: PublishRule;
  /** Only these regions in the tables and charts (ranks stay among all 21; Riket stays for comparison). */
  regions?: readonly Region[];
}

/** The methods, years and base year a report covers, from the data and the settings given. */
export function reportScope(obs: readonly Observation[], wanted?: { methods?: string[]; year?: number; since?: number }): { methods: string[]; year: number; since: number } {
  const years = yearsOf(obs);
  const first = years[0];
  const last = years[years.length - 1];
  // Counts are never empty here: reading them refuses a file without a single one.
  if (first === undefined || last === undefined) throw new Error('a report of no counts');
  return {
    methods: wanted?.methods ?? methodsOf(obs),
    year: wanted?.year ?? last,
    since: wanted?.since ?? first,
  };
}

export function buildReport(
  obs: readonly Observation[],
  population: PopulationTable,
  regions: RegionIndex,
  settings: ReportSettings,
  labels: { data: string; population: string; bundled: boolean },
  recordLevel = false,
): ReportModel {
  const years = yearsOf(obs);
  const all = methodsOf(obs);
  const rule = settings.publish ?? NO_RULE;
  // Shown figures come from the counts as shown: rounded ones when the rule rounds.
  const shownCount = (v: number | null) => (v === null || rule.roundTo <= 1 ? v : roundCount(v, rule.roundTo));
  const small = (v: number | null) => v !== null && rule.suppress > 0 && v < rule.suppress;
  const totalOfYear = all.map((m) => shownCount(nationalCount(obs, regions, m, settings.year, 'total', recordLevel)));
  const known = totalOfYear.filter((v) => v !== null);
  const total = known.length === totalOfYear.length ? known.reduce((s, v) => s + v, 0) : null;
  const sections = settings.methods.map((method): MethodSection => {
    const counts = selectCounts(obs, { method, year: settings.year, sex: 'total', absentIsZero: recordLevel });
    const ranking = rankRows({
      counts: roundCells(counts, rule),
      population,
      regions,
      year: settings.year,
      sex: 'total',
      age: 'all',
      per: settings.per,
      level: 0.95,
      ciMethod: 'exact',
      funnel: true,
    });
    const base = selectCounts(obs, { method, year: settings.since, sex: 'total', absentIsZero: recordLevel });
    let growth: { rows: GrowthRow[]; national: GrowthRow<Text> } = growthRows(regions, roundCells(base, rule), roundCells(counts, rule), settings.since, settings.year);
    let rows: RankedRegion[] = ranking.rows;
    let national: NationalRow = ranking.national;
    let hidden = new Map<Row, ReadonlySet<string>>();
    if (ruleActive(rule)) ({ ranked: rows, national, growth, hidden } = protectSection({ ranked: rows, national, growth }, counts, base, rule));
    // --region: only the selected regions' rows, once ranks and any hiding are settled over all 21
    // (a rank or a hidden cell must not change with the regions shown).
    if (settings.regions?.length) {
      rows = keepRegions(rows, settings.regions);
      growth = { ...growth, rows: keepRegions(growth.rows, settings.regions) };
    }
    const nationalHidden = hidden.get(national)?.has('count') ?? false;
    const baseHidden = hidden.get(growth.national)?.has('base_count') ?? false;
    // The trend chart's points: a small national count is a hidden point, and so are the two years the tables hide.
    const series = years.map((year) => {
      const v = nationalCount(obs, regions, method, year, 'total', recordLevel);
      const hide = small(v) || (year === settings.year && nationalHidden) || (year === settings.since && baseHidden);
      return { year, count: hide ? null : shownCount(v) };
    });
    const trueCount = nationalCount(obs, regions, method, settings.year, 'total', recordLevel);
    const count = shownCount(trueCount);
    const shareHidden = small(trueCount) || nationalHidden;
    let share: MethodSection['share'] = null;
    if (count !== null && total && !shareHidden) {
      const ci = wilsonInterval(count, total);
      share = { count, total, pct: (count / total) * 100, lower: ci.lower * 100, upper: ci.upper * 100 };
    }
    // the funnel plot's limits along the population axis, around the national rate
    const widest = Math.max(0, ...rows.map((r) => (typeof r.population === 'number' ? r.population : 0)));
    // not with a publishing rule: the points would show what the tables hide
    const funnel =
      !ruleActive(rule) && typeof national.rate === 'number' && national.rate > 0 && widest > 0 ? funnelCurveOf(national.rate, settings.per, widest * 1.05, 240) : null;
    return { method, year: settings.year, since: settings.since, ranked: rows, national, growth, series, share, funnel, hidden, ...(shareHidden ? { shareHidden } : {}) };
  });
  // The shares add up to all treatments, and a share tells the total: one hidden share alone
  // would follow from the others, so the smallest shown one is hidden with it.
  const hiddenShares = sections.filter((s) => s.shareHidden);
  const shownShares = sections.filter((s) => s.share).sort((a, b) => (a.share?.count ?? 0) - (b.share?.count ?? 0));
  const [smallest] = shownShares;
  if (hiddenShares.length === 1 && smallest) Object.assign(smallest, { share: null, shareHidden: true });
  return {
    year: settings.year,
    since: settings.since,
    per: settings.per,
    sections,
    dataLabel: labels.data,
    populationLabel: labels.population,
    bundled: labels.bundled,
    ...(ruleActive(rule) ? { publish: rule } : {}),
    ...(settings.regions?.length ? { regions: settings.regions.map((r) => r.name) } : {}),
  };
}
