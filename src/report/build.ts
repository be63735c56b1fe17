import type { Observation } from '../domain/observation.js';
import type { PopulationTable } from '../domain/population.js';
import type { RegionIndex } from '../domain/regions.js';
import { methodsOf, nationalCount, selectCounts, yearsOf } from '../domain/select.js';
import type { ResultRow } from '../render/model.js';
import { wilsonInterval } from '../stats/wilson.js';
import { rankRows } from '../domain/ranking.js';
import { growthRows } from '../domain/growth-rows.js';

/** Everything a report says about one method. Built by a pure function from the data. */
export interface MethodSection {
  method: string;
  year: number;
  since: number;
  ranked: ResultRow[];
  national: ResultRow;
  growth: { rows: ResultRow[]; national: ResultRow };
  /** National counts per year, for the trend chart. */
  series: { year: number; count: number | null }[];
  /** The method's share of all treatments in `year`. */
  share: { count: number; total: number; pct: number; lower: number; upper: number } | null;
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
}

export interface ReportSettings {
  methods: string[];
  year: number;
  since: number;
  per: number;
}

/** The methods, years and base year a report covers, from the data and the settings given. */
export function reportScope(obs: readonly Observation[], wanted?: { methods?: string[]; year?: number; since?: number }): { methods: string[]; year: number; since: number } {
  const years = yearsOf(obs);
  return {
    methods: wanted?.methods ?? methodsOf(obs),
    year: wanted?.year ?? years[years.length - 1]!,
    since: wanted?.since ?? years[0]!,
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
  const totalOfYear = all.map((m) => nationalCount(obs, regions, m, settings.year, 'total', recordLevel));
  const total = totalOfYear.every((v) => v !== null) ? totalOfYear.reduce((s: number, v) => s + v!, 0) : null;
  const sections = settings.methods.map((method): MethodSection => {
    const counts = selectCounts(obs, { method, year: settings.year, sex: 'total', absentIsZero: recordLevel });
    const { rows, national } = rankRows({ counts, population, regions, year: settings.year, sex: 'total', age: 'all', per: settings.per, level: 0.95, ciMethod: 'exact' });
    const base = selectCounts(obs, { method, year: settings.since, sex: 'total', absentIsZero: recordLevel });
    const growth = growthRows(regions, base, counts, settings.since, settings.year);
    const series = years.map((year) => ({ year, count: nationalCount(obs, regions, method, year, 'total', recordLevel) }));
    const count = nationalCount(obs, regions, method, settings.year, 'total', recordLevel);
    let share: MethodSection['share'] = null;
    if (count !== null && total) {
      const ci = wilsonInterval(count, total);
      share = { count, total, pct: (count / total) * 100, lower: ci.lower * 100, upper: ci.upper * 100 };
    }
    return { method, year: settings.year, since: settings.since, ranked: rows, national, growth, series, share };
  });
  return { year: settings.year, since: settings.since, per: settings.per, sections, dataLabel: labels.data, populationLabel: labels.population, bundled: labels.bundled };
}

