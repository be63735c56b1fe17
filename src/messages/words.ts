import type { Entry } from './template.js';

/** Headings, table titles and headers, and the words in table cells. */
export const WORDS = {
  list: { en: '{items}', sv: '{items}' },
  'word.women': { en: 'women', sv: 'kvinnor' },
  'word.men': { en: 'men', sv: 'män' },
  'word.total': { en: 'total', sv: 'totalt' },
} as const satisfies Record<string, Entry>;
