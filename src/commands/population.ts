import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { populationError, usageError } from '../errors.js';
import { ALL_AGES, TARGET_AGES, type Observation } from '../domain/observation.js';
import { describeYears, PopulationTable } from '../domain/population.js';
import { parsePopulationRows, rowsToObservations, type PopulationRow } from '../domain/population-rows.js';
import { NATIONAL_CODE, type RegionIndex } from '../domain/regions.js';
import { readBundled } from '../io/bundled.js';
import type { ResultTable } from '../render/model.js';
import { addHelp } from './help.js';
import { addOutputOptions, emit, type OutputOptions } from './output.js';
import { BUNDLED_POPULATION_SOURCE, loadCachedPopulation, loadRegions } from '../ingest/counts.js';
import { nationalDifferenceNote } from './notes.js';
import { parseYearOption } from './options.js';
import { fetchCommand } from './population-fetch.js';
import { msg, translated, type Text, type Translated } from '../messages/index.js';

const EXAMPLES = [
  'rehab-stats population  # which years, sexes and age groups are covered',
  'rehab-stats population --region 06 --year 2022  # every figure for Jönköping in 2022, with its source',
  'rehab-stats population fetch --from 2016 --to 2025  # by sex and 16–67 from SCB (see: population fetch --help)',
  'rehab-stats population --format csv',
];

const DETAILS = `
The bundled population is SCB's (Statistics Sweden) population on 31 December per county,
table BE0101N1, CC0: totals for all 21 regions and Riket every year 2000–2025; by sex and
aged 16–67 complete for 2000–2015, by sex for some regions after. Each cell of the overview
counts the regions (of 21) that have the figure. --region and --year list the figures
themselves with their sources (src/data/population-sources.csv).

From reference year 2025 SCB adds a small random perturbation to every published cell (the
Cell Key Method), so the 2025 regions sum to 6 more than Riket as published. Riket is shown
and used as published; every result that uses such a figure says so.

Where a figure is missing, pass your own population with --population FILE, or fetch SCB's
(rehab-stats population fetch --help): the data commands then use the fetched figures where
the bundled table has none, and say so in their notes.`;

const GROUPS = [
  { key: 'total', sex: 'total', age: ALL_AGES, header: msg('header.total') },
  { key: 'women', sex: 'women', age: ALL_AGES, header: msg('header.women') },
  { key: 'men', sex: 'men', age: ALL_AGES, header: msg('header.men') },
  { key: 'total_16_67', sex: 'total', age: TARGET_AGES, header: msg('header.16-67') },
  { key: 'women_16_67', sex: 'women', age: TARGET_AGES, header: msg('header.women-16-67') },
  { key: 'men_16_67', sex: 'men', age: TARGET_AGES, header: msg('header.men-16-67') },
] as const;

interface PopulationOptions extends OutputOptions {
  region?: string;
  year?: number;
}

/** Per year, how many of the 21 regions have each sex and age group. Pure. */
export function coverageTable(obs: readonly Observation[], sources: { id: string; rows: number; where: Text }[], extraNotes: Text[] = []): ResultTable {
  const have = new Map<string, Set<string>>();
  for (const o of obs) {
    if (o.region === NATIONAL_CODE || o.value === null) continue;
    const k = `${o.year}|${o.sex}|${o.age}`;
    have.set(k, (have.get(k) ?? new Set<string>()).add(o.region));
  }
  const years = [...new Set(obs.map((o) => o.year))].sort((a, b) => a - b);
  const rows = years.map((year) => ({
    year: String(year),
    ...Object.fromEntries(GROUPS.map((g) => [g.key, have.get(`${year}|${g.sex}|${g.age}`)?.size ?? 0])),
  }));
  return {
    title: msg('title.population-coverage'),
    columns: [{ key: 'year', header: msg('header.year'), type: 'text' }, ...GROUPS.map((g) => ({ key: g.key, header: g.header, type: 'integer' as const }))],
    rows,
    notes: [...extraNotes, msg('population.sources-heading'), ...sources.map((s) => msg('population.source-line', { id: s.id, n: s.rows, where: s.where }))],
  };
}

/** The bundled rows and the fetched rows that fill cells the bundled table lacks. */
function allRows(regions: RegionIndex): { rows: PopulationRow[]; cacheFile?: string } {
  const bundled = parsePopulationRows(readBundled('population.csv'), 'bundled population.csv', regions);
  const cached = loadCachedPopulation(regions);
  if (!cached) return { rows: bundled };
  const cell = (r: PopulationRow) => `${r.region_code}|${r.year}|${r.sex}|${r.age_group}`;
  const have = new Set(bundled.map(cell));
  return { rows: [...bundled, ...cached.rows.filter((r) => !have.has(cell(r)))], cacheFile: cached.file };
}

/** Every published Riket figure that differs from the sum of the 21 regions, with the reason. */
function differenceNotes(rows: readonly PopulationRow[], regions: RegionIndex, year?: number): Text[] {
  const table = new PopulationTable(rowsToObservations(rows), BUNDLED_POPULATION_SOURCE, regions, true);
  for (const y of table.years) for (const g of GROUPS) table.get(NATIONAL_CODE, y, g.sex, g.age);
  return table
    .nationalDifferences()
    .filter((d) => year === undefined || d.year === year)
    .map((d) => nationalDifferenceNote(d, false));
}

/** Where each source was read, in English and Swedish (the location and location_sv columns). */
function sourceDescriptions(): Map<string, Translated> {
  const described = parse<Record<string, string>>(readBundled('population-sources.csv'), { columns: true });
  // The bundled CSV has these columns (test/unit/population.test.ts reads it).
  return new Map(described.map((d) => [d.source_id ?? '', translated(d.location ?? '', d.location_sv ?? '')]));
}

function runCoverage(opts: PopulationOptions): Promise<void> {
  const regions = loadRegions();
  const { rows, cacheFile } = allRows(regions);
  const described = sourceDescriptions();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.source_id, (counts.get(r.source_id) ?? 0) + 1);
  const sources = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, n]) => ({
      id,
      rows: n,
      where: whereFrom(described.get(id), id === SCB_API_SOURCE ? cacheFile : undefined),
    }));
  const extra = [...differenceNotes(rows, regions), ...(cacheFile ? [msg('population.includes-fetched', { file: cacheFile })] : [])];
  return emit(coverageTable(rowsToObservations(rows), sources, extra), opts);
}

function runLookup(opts: PopulationOptions): Promise<void> {
  const regions = loadRegions();
  const region = opts.region === undefined ? undefined : regions.resolve(opts.region);
  if (opts.region !== undefined && !region) {
    const near = regions.suggest(opts.region);
    throw usageError(msg('select.unknown-region', { text: opts.region }), near.length ? msg('select.closest.hint', { names: near.join('; ') }) : msg('select.see-regions.hint'));
  }
  const { rows } = allRows(regions);
  const chosen = rows.filter((r) => (!region || r.region_code === region.code) && (opts.year === undefined || r.year === opts.year));
  const named = region ? `${region.name} (${region.code})` : undefined;
  const what: Text = named !== undefined && opts.year !== undefined ? msg('select.region-in-year', { region: named, year: opts.year }) : (named ?? String(opts.year ?? ''));
  if (chosen.length === 0) {
    const years = [...new Set(rows.filter((r) => !region || r.region_code === region.code).map((r) => r.year))].sort((a, b) => a - b);
    const from = opts.year ?? years.at(-1) ?? '';
    throw populationError(
      msg('select.no-population-figures', { what, years: describeYears(years) }),
      opts.year === undefined ? msg('select.fetch-population.hint', { from }) : msg('select.fetch-population-to.hint', { from, to: opts.year }),
    );
  }
  const described = sourceDescriptions();
  const ids = [...new Set(chosen.map((r) => r.source_id))];
  return emit(
    {
      title: msg('title.population-lookup', { what }),
      columns: [
        { key: 'region_code', header: msg('header.code'), type: 'text' },
        { key: 'region', header: msg('header.region'), type: 'text' },
        { key: 'year', header: msg('header.year'), type: 'text' },
        { key: 'sex', header: msg('header.sex'), type: 'text' },
        { key: 'age_group', header: msg('header.ages'), type: 'text' },
        { key: 'population', header: msg('header.population'), type: 'integer' },
        { key: 'source_id', header: msg('header.source'), type: 'text' },
        { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
      ],
      rows: chosen.map((r) => ({
        region_code: r.region_code,
        region: r.region_code === NATIONAL_CODE ? 'Riket' : (regions.byScbCode(r.region_code)?.name ?? r.region_name),
        year: String(r.year),
        sex: r.sex,
        age_group: r.age_group,
        population: r.population,
        source_id: r.source_id,
        note: r.note_sv ? translated(r.note, r.note_sv) : r.note,
      })),
      notes: [
        msg('note.population-sources'),
        ...ids.map((id) => msg('note.population-source', { id, where: described.get(id) ?? msg('note.population-fetched') })),
        ...differenceNotes(rows, regions, opts.year),
      ],
    },
    opts,
  );
}

/** The source_id of figures fetched from SCB's API. */
export const SCB_API_SOURCE = 'SCB_API';

export function populationCommand(): Command {
  const cmd = new Command('population')
    .summary('show the population table: coverage per year, each figure with its source; fetch from SCB')
    .description('Show which years, sexes and age groups the population covers, or (with --region/--year) the figures themselves and where each comes from.')
    .option('-r, --region <region>', 'list the figures of this region (code or name)')
    .option('-y, --year <year>', 'list the figures of this year', parseYearOption('--year'));
  addOutputOptions(cmd, { formulas: false });
  addHelp(cmd, EXAMPLES, DETAILS);
  // population's own --output and --format must not swallow fetch's options.
  cmd.enablePositionalOptions().addCommand(fetchCommand());
  cmd.action((opts: PopulationOptions) => (opts.region !== undefined || opts.year !== undefined ? runLookup(opts) : runCoverage(opts)));
  return cmd;
}

/** Where a source's figures come from: its description, shortened, or how they were fetched. */
function whereFrom(description: Translated | undefined, cacheFile: string | undefined): Text {
  if (description !== undefined) return translated(shorten(description.en), shorten(description.sv));
  return cacheFile ? msg('population.fetched-with', { file: cacheFile }) : msg('population.see-note-column');
}

/** A source's location up to its commit hash or 80 characters; the full text is in the CSV. */
function shorten(location: string): string {
  const [cut = ''] = location.split(' @');
  return cut.length > 80 ? `${cut.slice(0, 79)}…` : cut;
}
