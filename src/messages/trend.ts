import type { Entry } from './template.js';

/** trend: its errors, its notes on hidden years and the words of its tables not shared with other commands. */
export const TREND = {
  'note.trend-too-few-shown': { en: '{label}: fewer than two shown years, so no growth rate.', sv: '{label}: färre än två visade år, så ingen tillväxttakt.' },
  'note.trend-hidden': {
    en: '{years} hidden ({marker}, --suppress {threshold}): left out of the CAGR and the log-linear fit.',
    sv: '{years} döljs ({marker}, --suppress {threshold}): inte med i den årliga ökningen eller den log-linjära anpassningen.',
  },
  'note.trend-hidden-of': {
    en: '{label}: {years} hidden ({marker}, --suppress {threshold}): left out of the CAGR and the log-linear fit.',
    sv: '{label}: {years} döljs ({marker}, --suppress {threshold}): inte med i den årliga ökningen eller den log-linjära anpassningen.',
  },
  'note.trend-hidden-model': {
    en: '{years} hidden ({marker}, --suppress {threshold}): left out of the CAGR, the log-linear fit and the break model.',
    sv: '{years} döljs ({marker}, --suppress {threshold}): inte med i den årliga ökningen, den log-linjära anpassningen eller brytpunktsmodellen.',
  },
  'note.trend-hidden-model-of': {
    en: '{label}: {years} hidden ({marker}, --suppress {threshold}): left out of the CAGR, the log-linear fit and the break model.',
    sv: '{label}: {years} döljs ({marker}, --suppress {threshold}): inte med i den årliga ökningen, den log-linjära anpassningen eller brytpunktsmodellen.',
  },
  'header.first-count-status': { en: 'First count status', sv: 'Status första antal' },
  'header.last-count-status': { en: 'Last count status', sv: 'Status sista antal' },
  'break.riket-smaller': { en: "Riket's {year} count or population is smaller than {name}'s", sv: 'Rikets antal eller befolkning {year} är mindre än för {name}' },
  'break.riket-smaller.hint': { en: 'the Riket rows must cover the whole country', sv: 'raderna för riket måste omfatta hela landet' },
  'break.no-national-count': { en: 'no count for all of Sweden in {year}', sv: 'inget antal för hela Sverige {year}' },
  'break.no-national-count.hint': {
    en: 'for --vs rest the input needs Riket rows, or rows for all 21 regions',
    sv: 'för --vs rest behöver indata rader för riket, eller rader för alla 21 regioner',
  },
} as const satisfies Record<string, Entry>;
