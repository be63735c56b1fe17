import { msg, type Message, type Text } from '../messages/index.js';
import type { PopulationTable } from '../domain/population.js';
import { nationalDifferenceNote } from '../render/population.js';
import type { CountData } from '../ingest/counts.js';

/**
 * The notes a result carries about where its figures come from: the counts' source, the
 * population's sources, and why Riket may differ from the sum of the regions.
 */

/** The label every output built on the default dataset carries. */
export const BUNDLED_DATA_LABEL = msg('note.data', { source: msg('source.bundled-data') });

/** The counts' source in messages: the file, or "the bundled dataset" in the output's language. */
export function sourceName(data: Pick<CountData, 'bundled' | 'source'>): Text {
  return data.bundled ? msg('source.bundled-dataset') : data.source;
}

/** "Data: …" — where the counts come from. */
export function dataNote(data: Pick<CountData, 'bundled' | 'source'>): Message {
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

/** Singular or plural noun after a number: "1 value", "3 values". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
