import { matchKey } from './text.js';
import type { Sex } from './observation.js';

/** Roles a column can play. */
export type Role = 'region' | 'year' | 'method' | 'sex' | 'age' | 'value';
export const ROLES: readonly Role[] = ['region', 'year', 'method', 'sex', 'age', 'value'];

/**
 * Header synonyms, compared by match key (lower case, no diacritics, `_` as space).
 * Region codes come before names so a file with both uses the code.
 */
const HEADER_SYNONYMS: Record<Role, string[]> = {
  region: [
    'region code',
    'regionkod',
    'lanskod',
    'lan kod',
    'county code',
    'municipality id',
    'kolada id',
    'kod',
    'code',
    'region',
    'lan',
    'landsting',
    'regionnamn',
    'region name',
    'lansnamn',
    'county',
    'municipality',
    'huvudman',
    'omrade',
    'area',
  ],
  year: ['ar', 'year', 'period', 'tid', 'time', 'arsperiod', 'verksamhetsar'],
  method: ['metod', 'behandling', 'behandlingsmetod', 'method', 'insats', 'treatment', 'intervention', 'atgard', 'kpi'],
  sex: ['kon', 'sex', 'gender'],
  age: ['alder', 'age', 'aldersgrupp', 'age group', 'aldersklass', 'age class'],
  value: [
    'antal',
    'count',
    'n',
    'value',
    'varde',
    'antal behandlingar',
    'antal patienter',
    'antal personer',
    'patients',
    'number',
    'treatments',
    'behandlingar',
    'folkmangd',
    'population',
    'befolkning',
    'invanare',
    'antal invanare',
  ],
};

/** The role a header names, and its rank among synonyms (lower is more specific), if any. */
export function roleOfHeader(header: string): { role: Role; rank: number } | undefined {
  const key = matchKey(header);
  for (const role of ROLES) {
    const rank = HEADER_SYNONYMS[role].indexOf(key);
    if (rank >= 0) return { role, rank };
  }
  return undefined;
}

const DISPLAY_SYNONYMS: Record<Role, string> = {
  region: 'region, län, landsting, regionkod, county, municipality_id',
  year: 'år, year, period',
  method: 'metod, behandling, method, insats, kpi',
  sex: 'kön, sex, gender',
  age: 'ålder, age, åldersgrupp',
  value: 'antal, count, n, value, värde (population: folkmängd, population)',
};

/** Swedish and English header names of a role, for messages. */
export function roleSynonyms(role: Role): string {
  return DISPLAY_SYNONYMS[role];
}

const SEX_WORDS: Record<string, Sex> = {
  t: 'total',
  total: 'total',
  totalt: 'total',
  alla: 'total',
  'bada konen': 'total',
  'both sexes': 'total',
  all: 'total',
  k: 'women',
  kvinnor: 'women',
  kvinna: 'women',
  women: 'women',
  woman: 'women',
  female: 'women',
  f: 'women',
  w: 'women',
  flickor: 'women',
  m: 'men',
  man: 'men',
  men: 'men',
  male: 'men',
  pojkar: 'men',
};

/** "K" → women, "män" → men, "totalt" → total; undefined when the word is not a sex. */
export function parseSex(text: string): Sex | undefined {
  return SEX_WORDS[matchKey(text)];
}

/**
 * Age cells: "totalt ålder", "totalt", "alla åldrar", "all ages" → 'all'; "16-67 år",
 * "16–67 years" → '16-67'; "34 år" → '34'; "100+ år" → '100+'. Undefined if not an age.
 */
export function parseAge(text: string): string | undefined {
  const key = matchKey(text.replace(/[–—]/g, '-'));
  if (/^(totalt? alder|totalt?|all|alla|alla aldrar|all ages|samtliga)$/.test(key)) return 'all';
  const raw = text
    .trim()
    .replace(/[–—]/g, '-')
    .replace(/\s*(år|ar|years?|yrs?)$/i, '')
    .replace(/\s+/g, '');
  if (/^\d{1,3}(\+|-\d{1,3})?$/.test(raw)) return raw;
  return undefined;
}

/** Years as exports write them: "2014", " 2014 ". Monthly and quarterly periods are reported separately. */
export function parseYear(text: string): number | undefined {
  const t = text.trim();
  return /^(19|20)\d\d$/.test(t) ? Number(t) : undefined;
}

/** "2007M01", "2020K1", "2020Q1": periods shorter than a year. */
export function isSubYearPeriod(text: string): boolean {
  return /^(19|20)\d\d\s*[MKQ]\d{1,2}$/i.test(text.trim());
}

/** Method names as written in exports, canonicalised: trimmed, KBT/IPT/MMR upper-cased. */
export function canonicalMethod(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return /^[a-zåäö]{2,5}$/i.test(t) ? t.toUpperCase() : t;
}
