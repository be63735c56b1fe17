import { dataError } from '../errors.js';
import type { Row } from './cells.js';
import type { AgeGroup, Sex } from './observation.js';
import type { PopulationTable } from './population.js';
import type { Made } from './provenance.js';
import { protectTable, roundCells, ruleActive, type PublishRule } from './publish.js';
import { rankSpec } from './publish-specs.js';
import { rankRows } from './ranking.js';
import { NATIONAL_CODE, type RegionIndex } from './regions.js';
import type { CountCell } from './select.js';
import { msg, type Text } from '../messages/index.js';
import { spread } from '../stats/spread.js';

/** One statistic of the spread between regions, with the regions at the minimum and maximum. */
export type SummaryStatistic = Row & { statistic: StatisticName; value: number | null; region: string };
/** The statistics a summary gives, as machine formats name them. */
export type StatisticName = 'min' | 'q1' | 'median' | 'q3' | 'max' | 'mean' | 'sd' | 'cv' | 'max_min_ratio';

/** What `summary` computes, ready for render/summary.ts: the statistics of one measure over the regions. */
export interface SummaryResult {
  measure: 'rate' | 'count';
  /** The method as the data names it (or as asked, for a file without a method column). */
  method: string;
  year: number;
  per: number;
  /** The number of regions summarised. */
  n: number;
  statistics: SummaryStatistic[];
  notes: Text[];
  made: Made;
}

/** The summary rows from per-region values. Pure. */
export function summaryRows(values: { region: string; value: number }[]): SummaryStatistic[] {
  const s = spread(values.map((v) => v.value));
  const at = (x: number) =>
    values
      .filter((v) => v.value === x)
      .map((v) => v.region)
      .join(', ');
  return [
    { statistic: 'min', value: s.min, region: at(s.min) },
    { statistic: 'q1', value: s.q1, region: '' },
    { statistic: 'median', value: s.median, region: '' },
    { statistic: 'q3', value: s.q3, region: '' },
    { statistic: 'max', value: s.max, region: at(s.max) },
    { statistic: 'mean', value: s.mean, region: '' },
    { statistic: 'sd', value: s.sd, region: '' },
    { statistic: 'cv', value: s.cv, region: '' },
    { statistic: 'max_min_ratio', value: Number.isFinite(s.maxMinRatio) ? s.maxMinRatio : null, region: '' },
  ];
}

/** A region's count as summary reads it; a publishing rule may blank the count (null). */
type RegionCount = Row & { region_code: string; region: string; count: number | null };

/** What summary's values are taken from: the counts of one method, year and sex, and for rates the population to divide by. */
export interface SummaryInput {
  /** The counts as selected from the data (before any rounding). */
  counts: Map<string, CountCell>;
  rule: PublishRule;
  regions: RegionIndex;
  /** The codes of the regions to summarise; every region when empty. */
  selected: ReadonlySet<string>;
  /** For the rate: the population, and per how many of whom; absent for the count. */
  rate?: { population: PopulationTable; year: number; sex: Sex; age: AgeGroup; per: number };
}

/**
 * Each region's value of the measure, as a ranking would publish it: from the counts as shown
 * (rounded with --round-counts), and with --suppress without the regions a ranking would hide
 * (small counts, and those that would give one away); the rule's notes say so. Pure apart from
 * the population lookups, which throw when a needed figure is missing.
 */
export function summaryValues(input: SummaryInput): { values: { region: string; value: number }[]; notes: Text[] } {
  const { rule, regions, selected } = input;
  const trueCounts = input.counts;
  const counts = roundCells(trueCounts, rule);
  const inScope = (code: string) => selected.size === 0 || selected.has(code);
  const notes: Text[] = [];
  const shownRows = <R extends RegionCount>(rows: R[], national: Row): R[] => {
    if (!ruleActive(rule)) return rows;
    const table = protectTable({ rows, apart: [national], notes: [] }, rankSpec(rows, trueCounts), rule);
    notes.push(...table.notes);
    const hidden = rows.filter((r) => typeof r.count !== 'number' && trueCounts.get(r.region_code)?.value != null).length;
    if (hidden) notes.push(msg('note.suppressed-left-out', { n: hidden, threshold: rule.suppress }));
    return table.rows;
  };
  if (input.rate) {
    const { rows, national } = rankRows({ counts, regions, ...input.rate, level: 0.95, ciMethod: 'exact' });
    const values = shownRows(rows, national).flatMap((r) => (r.rate !== null && inScope(r.region_code) ? [{ region: r.region, value: r.rate }] : []));
    return { values, notes };
  }
  const rows: RegionCount[] = regions.regions.flatMap((r) => {
    const count = counts.get(r.code)?.value;
    return typeof count === 'number' ? [{ region_code: r.code, region: r.name, count }] : [];
  });
  const national: RegionCount = { region_code: NATIONAL_CODE, region: 'Riket', count: rows.reduce((s, r) => s + (r.count ?? 0), 0) };
  const values = shownRows(rows, national).flatMap((r) => (r.count !== null && inScope(r.region_code) ? [{ region: r.region, value: r.count }] : []));
  return { values, notes };
}

/**
 * The summary of the values: their statistics, with the ratio of highest to lowest first among
 * the notes. Fewer than two regions is a data error (exit 4) naming `source`. Pure.
 */
export function summaryResult(
  values: { region: string; value: number }[],
  about: Omit<SummaryResult, 'n' | 'statistics'>,
  source: Text,
  /** The method as asked for, for the error. */
  asked: string,
): SummaryResult {
  if (values.length < 2) throw dataError(msg('select.too-few-regions', { method: asked, year: about.year }), { file: source }, msg('select.too-few-regions.hint'));
  const statistics = summaryRows(values);
  const ratio = statistics.find((r) => r.statistic === 'max_min_ratio')?.value;
  const notes = [...about.notes];
  if (typeof ratio === 'number') notes.unshift(about.measure === 'rate' ? msg('note.summary-ratio-rate', { ratio }) : msg('note.summary-ratio-count', { ratio }));
  return { ...about, n: values.length, statistics, notes };
}
