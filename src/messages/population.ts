import type { Entry } from './template.js';

/** population: the lookup, its sources, and fetching SCB's table. */
export const POPULATION = {
  'source.bundled-file': { en: 'bundled {file}', sv: 'medföljande {file}' },
} as const satisfies Record<string, Entry>;
