import { Command, Option } from 'commander';
import { dataError } from '../errors.js';
import { chooseMethod, resolveRegions, selectCounts, yearsOf, latestYear } from '../domain/select.js';
import { summaryRows, type SummaryResult } from '../domain/summary.js';
import { summaryTable } from '../render/summary.js';
import type { Row } from '../domain/cells.js';
import type { Made } from '../domain/provenance.js';
import { rankRows } from '../domain/ranking.js';
import { protectTable, roundCells, ruleActive } from '../domain/publish.js';
import { rankSpec } from '../domain/publish-specs.js';
import { addPublishOptions, populationMade, publishRule, type PublishOptions } from './publish.js';
import { addDataOptions, parseDenominator, parseSexOption, type DataOptions, addRateOptions, refuseUnused } from './options.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { dataNote, populationNotes, sourceName } from './notes.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { msg, type Text } from '../messages/index.js';

/** A region's count as summary reads it; a publishing rule may blank the count (null). */
type RegionCount = Row & { region_code: string; region: string; count: number | null };

const EXAMPLES = ['rehab-stats summary --method KBT --year 2014  # how unequal is access across regions?', 'rehab-stats summary --method MMR --measure count --format json'];

const DETAILS = `
The spread of one measure across the regions: the lowest and highest (and which regions),
quartiles and median (type 7 interpolation, as R and NumPy), mean, standard deviation (n − 1),
coefficient of variation (sd ÷ mean) and the ratio of highest to lowest.
--measure rate (default) uses treatments per --per inhabitants; count uses the counts.
CSV/TSV/JSON columns: statistic (min, q1, median, q3, max, mean, sd, cv, max_min_ratio), value, region.`;

interface SummaryOptions extends DataOptions, OutputOptions, PublishOptions {
  method?: string;
  year?: number;
  measure: 'rate' | 'count';
  per: number;
  sex?: string;
  denominator?: string;
}

export function summaryCommand(): Command {
  const cmd = new Command('summary')
    .summary('spread across regions: min, max, quartiles, CV, max/min ratio')
    .description('How unequal one measure is across the regions.')
    .addOption(new Option('--measure <measure>', 'rate per inhabitant or raw count').choices(['rate', 'count']).default('rate'));
  addRateOptions(cmd, { denominator: 'population to divide by: all (ages) or 16-67 (the target group); with --measure rate' });
  addDataOptions(cmd);
  addOutputOptions(cmd, { formulas: false });
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: SummaryOptions, command: Command) => {
    if (opts.measure === 'count') refuseUnused(command, ['--per', '--denominator', '--population', '--above-population'], msg('unused.summary'), msg('unused.summary.hint'));
    const regions = loadRegions();
    const selected = new Set(resolveRegions(opts.region ?? [], regions).map((r) => r.code));
    const inScope = (code: string) => selected.size === 0 || selected.has(code);
    const data = await loadCounts(opts, regions);
    const method = chooseMethod(data.observations, opts.method, sourceName(data));
    // The method as asked for (or found): names the counts of a file without a method column.
    const asked = opts.method ?? method;
    const years = yearsOf(data.observations.filter((o) => o.method === method));
    const year = opts.year ?? latestYear(years);
    const sex = parseSexOption(opts.sex);
    const trueCounts = selectCounts(data.observations, { method, year, sex, absentIsZero: data.recordLevel });
    const rule = publishRule(opts);
    const counts = roundCells(trueCounts, rule);
    const notes: Text[] = [dataNote(data)];
    let values: { region: string; value: number }[];
    let made: Made = { population: null, methods: {} };
    /** With --suppress, the regions a ranking would hide (small counts, and those that would give one away) are left out. */
    const shownRows = <R extends RegionCount>(rows: R[], national: R): R[] => {
      if (!ruleActive(rule)) return rows;
      const table = protectTable({ rows, apart: [national], notes: [] }, rankSpec(rows, trueCounts), rule);
      notes.push(...table.notes);
      const hidden = rows.filter((r) => typeof r.count !== 'number' && trueCounts.get(r.region_code)?.value != null).length;
      if (hidden) notes.push(msg('note.suppressed-left-out', { n: hidden, threshold: rule.suppress }));
      return table.rows;
    };
    if (opts.measure === 'rate') {
      const population = await loadPopulation(opts, regions, data);
      const { rows, national } = rankRows({ counts, population, regions, year, sex, age: parseDenominator(opts.denominator), per: opts.per, level: 0.95, ciMethod: 'exact' });
      values = shownRows(rows, national).flatMap((r) => (r.rate !== null && inScope(r.region_code) ? [{ region: r.region, value: r.rate }] : []));
      notes.push(...populationNotes(population));
      made = { ...populationMade(population, [year]), methods: {} };
    } else {
      const rows: RegionCount[] = regions.regions.flatMap((r) => {
        const count = counts.get(r.code)?.value;
        return typeof count === 'number' ? [{ region_code: r.code, region: r.name, count }] : [];
      });
      const national: RegionCount = { region_code: '00', region: 'Riket', count: rows.reduce((s, r) => s + (r.count ?? 0), 0) };
      values = shownRows(rows, national).flatMap((r) => (r.count !== null && inScope(r.region_code) ? [{ region: r.region, value: r.count }] : []));
    }
    if (values.length < 2) throw dataError(msg('select.too-few-regions', { method: asked, year }), { file: sourceName(data) }, msg('select.too-few-regions.hint'));
    const rows = summaryRows(values);
    const ratio = rows.find((r) => r.statistic === 'max_min_ratio')?.value;
    if (typeof ratio === 'number') notes.unshift(opts.measure === 'rate' ? msg('note.summary-ratio-rate', { ratio }) : msg('note.summary-ratio-count', { ratio }));
    const result: SummaryResult = { measure: opts.measure, method: method || asked, year, per: opts.per, n: values.length, statistics: rows, notes, made };
    await emit(summaryTable(result), opts, inputWarnings(data));
  });
  return cmd;
}
