import { msg, type Message, type Text } from '../messages/index.js';
import { groupInParentheses, type NationalDifference, type PopulationTable } from './population.js';

/**
 * The notes a result carries about where its figures come from, as messages (rendered in the
 * output's language): the counts' source, the population's sources, and why Riket may differ
 * from the sum of the regions.
 */

/** Where a result's counts come from: a file (its name in messages), or the bundled dataset. */
export interface CountSource {
  source: string;
  bundled: boolean;
}

/** The label every output built on the default dataset carries. */
export const BUNDLED_DATA_LABEL = msg('note.data', { source: msg('source.bundled-data') });

/** The counts' source in messages: the file, or "the bundled dataset" in the output's language. */
export function sourceName(data: CountSource): Text {
  return data.bundled ? msg('source.bundled-dataset') : data.source;
}

/** "Data: …" — where the counts come from. */
export function dataNote(data: CountSource): Message {
  return data.bundled ? BUNDLED_DATA_LABEL : msg('note.data', { source: data.source });
}

/**
 * The notes on the population a result used, once it is computed: its sources (the bundled
 * table, figures fetched from SCB, a user file) and every published Riket figure used that
 * differs from the sum of the regions, with the reason.
 */
export function populationNotes(population: PopulationTable): Message[] {
  const [source, ...rest] = populationLabels(population);
  return [msg('note.population', { source }), ...rest];
}

/** The same without "Population:" in front of the first: the source, then the other notes. */
export function populationLabels(population: PopulationTable): [Text, ...Message[]] {
  const source: Text = population.bundled ? msg('source.bundled-population') : population.label;
  const also = population.bundled ? population.furtherLabelsUsed().map((s) => msg('note.population-also', { source: s })) : [];
  return [source, ...also, ...population.nationalDifferences().map((d) => nationalDifferenceNote(d))];
}

/** Why Riket is not the sum of the regions, and (in rates) which of the two is used. */
export function nationalDifferenceNote(d: NationalDifference, inRates = true): Message {
  const diff = d.sumOfRegions - d.published;
  const params = {
    year: d.year,
    group: groupInParentheses(d.sex, d.age),
    published: d.published,
    sum: d.sumOfRegions,
    diff: `${diff > 0 ? '+' : ''}${diff}`,
    why: d.year >= CKM_FROM ? msg('why.ckm') : msg('why.both-given'),
  };
  return inRates ? msg('note.national-difference-in-rates', params) : msg('note.national-difference', params);
}

/** SCB's first reference year with Cell Key Method perturbation of published cells. */
const CKM_FROM = 2025;
