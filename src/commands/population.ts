import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { ALL_AGES, TARGET_AGES, type Observation } from '../domain/observation.js';
import { NATIONAL_CODE } from '../domain/regions.js';
import { readBundled } from '../io/bundled.js';
import type { ResultTable } from '../render/model.js';
import { addHelp, addOutputOptions, bundledObservations, emit, loadRegions, plural, type OutputOptions } from './common.js';

const EXAMPLES = [
  'rehab-stats population  # which years, sexes and age groups the bundled table covers',
  'rehab-stats population --format csv',
];

const DETAILS = `
The bundled population is SCB's (Statistics Sweden) population on 31 December per county,
table BE0101N1, CC0. It is complete for 2000–2015 (total, women, men, aged 16–67); totals
for all 21 regions 2016–2020 and 2023; partial for 2021, 2022 and 2024. Each cell counts the
regions (of 21) that have the figure. Where a year or group is missing, pass your own
population with --population FILE (any format rehab-stats reads; see: rehab-stats check).`;

const GROUPS = [
  { key: 'total', sex: 'total', age: ALL_AGES, header: 'Total' },
  { key: 'women', sex: 'women', age: ALL_AGES, header: 'Women' },
  { key: 'men', sex: 'men', age: ALL_AGES, header: 'Men' },
  { key: 'total_16_67', sex: 'total', age: TARGET_AGES, header: '16–67' },
  { key: 'women_16_67', sex: 'women', age: TARGET_AGES, header: 'Women 16–67' },
  { key: 'men_16_67', sex: 'men', age: TARGET_AGES, header: 'Men 16–67' },
] as const;

/** Per year, how many of the 21 regions have each sex and age group. Pure. */
export function coverageTable(obs: readonly Observation[], sources: { id: string; rows: number; where: string }[]): ResultTable {
  const have = new Map<string, Set<string>>();
  for (const o of obs) {
    if (o.region === NATIONAL_CODE || o.value === null) continue;
    const k = `${o.year}|${o.sex}|${o.age}`;
    if (!have.has(k)) have.set(k, new Set());
    have.get(k)!.add(o.region);
  }
  const years = [...new Set(obs.map((o) => o.year))].sort((a, b) => a - b);
  const rows = years.map((year) => ({
    year: String(year),
    ...Object.fromEntries(GROUPS.map((g) => [g.key, have.get(`${year}|${g.sex}|${g.age}`)?.size ?? 0])),
  }));
  return {
    title: 'Bundled population (SCB, 31 December): regions covered per year, of 21',
    columns: [{ key: 'year', header: 'Year', type: 'text' }, ...GROUPS.map((g) => ({ key: g.key, header: g.header, type: 'integer' as const }))],
    rows,
    notes: ['Sources (src/data/population-sources.csv; SCB data is CC0):', ...sources.map((s) => `  ${s.id} (${plural(s.rows, 'figure')}): ${s.where}`)],
  };
}

export function populationCommand(): Command {
  const cmd = new Command('population')
    .summary("show the bundled SCB population table's coverage and sources")
    .description('Show which years, sexes and age groups the bundled SCB population covers, and where each figure comes from.');
  addOutputOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: OutputOptions) => {
    const observations = bundledObservations('population.csv', loadRegions());
    const raw = parse(readBundled('population.csv'), { columns: true }) as Record<string, string>[];
    const described = parse(readBundled('population-sources.csv'), { columns: true }) as Record<string, string>[];
    const counts = new Map<string, number>();
    for (const r of raw) counts.set(r.source_id!, (counts.get(r.source_id!) ?? 0) + 1);
    const sources = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, rows]) => ({ id, rows, where: shorten(described.find((d) => d.source_id === id)?.location ?? 'see the note column of population.csv') }));
    emit(coverageTable(observations, sources), opts);
  });
  return cmd;
}

/** A source's location up to its commit hash or 80 characters; the full text is in the CSV. */
function shorten(location: string): string {
  const cut = location.split(' @')[0]!;
  return cut.length > 80 ? `${cut.slice(0, 79)}…` : cut;
}
