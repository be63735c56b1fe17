import type { Entry } from './template.js';

/** Notes: what a person should know about a result (on stderr, or under a table or chart). */
export const NOTES = {
  'note.above-population-allowed': {
    en: '{n} {n|count is|counts are} larger than the population (allowed by --above-population), e.g. {example}.',
    sv: '{n} antal är större än befolkningen (tillåtet med --above-population), t.ex. {example}.',
  },
} as const satisfies Record<string, Entry>;
