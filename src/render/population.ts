import { lookupSubject, type CoverageGroup, type CoverageSource, type PopulationCoverageResult, type PopulationLookupResult } from '../domain/population-listing.js';
import { nationalDifferenceNote } from '../domain/source-notes.js';
import { msg, translated, type Message, type Text } from '../messages/index.js';
import type { ResultTable } from './model.js';
import { AGE_WORDS, SEX_WORDS } from './words.js';

const GROUP_HEADERS: Record<CoverageGroup, Message> = {
  total: msg('header.total'),
  women: msg('header.women'),
  men: msg('header.men'),
  total_16_67: msg('header.16-67'),
  women_16_67: msg('header.women-16-67'),
  men_16_67: msg('header.men-16-67'),
};

/** The coverage table: per year the regions with each group's figure; Riket's differences and the sources beneath. */
export function coverageTable(r: PopulationCoverageResult): ResultTable {
  return {
    title: msg('title.population-coverage'),
    columns: [{ key: 'year', header: msg('header.year'), type: 'text' }, ...Object.entries(GROUP_HEADERS).map(([key, header]) => ({ key, header, type: 'integer' as const }))],
    rows: r.years.map((y) => ({ year: String(y.year), ...y.regions })),
    notes: [
      ...r.differences.map((d) => nationalDifferenceNote(d, false)),
      ...(r.cacheFile ? [msg('population.includes-fetched', { file: r.cacheFile })] : []),
      msg('population.sources-heading'),
      ...r.sources.map((s) => msg('population.source-line', { id: s.id, n: s.rows, where: whereFrom(s) })),
    ],
  };
}

/** The figures looked up, each with its source and note; the sources and Riket's differences beneath. */
export function lookupTable(r: PopulationLookupResult): ResultTable {
  return {
    title: msg('title.population-lookup', { what: lookupSubject(r.region, r.year) }),
    columns: [
      { key: 'region_code', header: msg('header.code'), type: 'text' },
      { key: 'region', header: msg('header.region'), type: 'text' },
      { key: 'year', header: msg('header.year'), type: 'text' },
      { key: 'sex', header: msg('header.sex'), type: 'text', words: SEX_WORDS },
      { key: 'age_group', header: msg('header.ages'), type: 'text', words: AGE_WORDS },
      { key: 'population', header: msg('header.population'), type: 'integer' },
      { key: 'source_id', header: msg('header.source'), type: 'text' },
      { key: 'note', header: msg('header.note'), type: 'text', empty: '' },
    ],
    rows: r.figures.map(({ row, regionName }) => ({
      region_code: row.region_code,
      region: regionName,
      year: String(row.year),
      sex: row.sex,
      age_group: row.age_group,
      population: row.population,
      source_id: row.source_id,
      note: row.note_sv ? translated(row.note, row.note_sv) : row.note,
    })),
    notes: [
      msg('note.population-sources'),
      ...r.sources.map((s) => msg('note.population-source', { id: s.id, where: s.location ?? msg('note.population-fetched') })),
      ...r.differences.map((d) => nationalDifferenceNote(d, false)),
    ],
  };
}

/** Where a source's figures come from: its location, shortened, or how they were fetched. */
function whereFrom(s: CoverageSource): Text {
  if (s.location !== undefined) return translated(shorten(s.location.en), shorten(s.location.sv));
  return s.fetchedInto ? msg('population.fetched-with', { file: s.fetchedInto }) : msg('population.see-note-column');
}

/** A source's location up to its commit hash or 80 characters; the full text is in the CSV. */
function shorten(location: string): string {
  const [cut = ''] = location.split(' @');
  return cut.length > 80 ? `${cut.slice(0, 79)}…` : cut;
}
