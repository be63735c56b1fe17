import type { Entry } from './template.js';

/**
 * The provenance record as people read it (the report's method notes): the labels of its lines
 * and the values it records. The JSON record writes each value's English text, as every machine
 * format does; the method notes write it in the run's language.
 */
export const PROVENANCE = {
  'provenance.tool': { en: 'Tool: rehab-stats {version}; command: rehab-stats {command}', sv: 'Verktyg: rehab-stats {version}; kommando: rehab-stats {command}' },
  'provenance.input': { en: 'Input ({role}): {name}, {bytes} bytes, SHA-256 {sha256}', sv: 'Indata ({role}): {name}, {bytes} byte, SHA-256 {sha256}' },
  'provenance.population': { en: 'Population: {source}, {years}', sv: 'Befolkning: {source}, {years}' },
  'provenance.interval': { en: 'Interval: {method}', sv: 'Intervall: {method}' },
  'provenance.funnel': { en: 'Funnel: {method}', sv: 'Trattgränser: {method}' },
  'provenance.standard-population': { en: 'Standard population: {method}', sv: 'Standardbefolkning: {method}' },
  'provenance.suppression': { en: 'Suppression: {rule}', sv: 'Röjandekontroll: {rule}' },
  'provenance.rounding': { en: 'Rounding: {rule}', sv: 'Avrundning: {rule}' },
  // The role of an input.
  'provenance.role-counts': { en: 'counts', sv: 'antal' },
  'provenance.role-population': { en: 'population', sv: 'befolkning' },
  'provenance.role-config': { en: 'config', sv: 'inställningar' },
  'provenance.bundled-population': { en: 'the bundled SCB population table', sv: 'medföljande befolkningstabell från SCB' },
  'provenance.none': { en: 'none', sv: 'ingen' },
  'provenance.report-interval': {
    en: 'exact Poisson for rates; Wilson score for shares',
    sv: 'exakt Poisson för värden per invånare; Wilson för andelar av alla behandlingar',
  },
  'provenance.suppressed': {
    en: 'counts below {n} hidden with every figure computed from them (rate, interval, rank, share, growth, funnel class); further counts hidden so that no hidden count follows from the printed totals (secondary suppression)',
    sv: 'antal under {n} döljs med allt som räknas fram ur dem (andel, intervall, placering, förändring, trattläge); fler antal döljs så att inget dolt antal kan räknas fram ur de visade summorna (sekundär röjandekontroll)',
  },
  'provenance.rounded': {
    en: 'shown counts rounded to the nearest multiple of {k} (halves up); rates, intervals, shares and growth computed from the rounded counts',
    sv: 'visade antal avrundas till närmaste jämna {k}-tal (uppåt vid lika avstånd); andelar, intervall och förändring beräknas på de avrundade antalen',
  },
} as const satisfies Record<string, Entry>;
