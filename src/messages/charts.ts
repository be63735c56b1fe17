import type { Entry } from './template.js';

/** Words and notes on charts: the funnel plot and the break chart (SVG). */
export const CHARTS = {
  // the map (map, the report's map); {per} comes formatted, as the map writes it
  'map.title': { en: '{method} treatments per {per:n} inhabitants, {year}', sv: '{method} per {per:n} invånare, {year}' },
  'map.unit': { en: 'per {per:n} inhabitants', sv: 'per {per:n} invånare' },
  'map.no-data': { en: 'no data', sv: 'uppgift saknas' },
  'map.hidden': { en: '× hidden (small count)', sv: '× dold (litet antal)' },
  'map.funnel-heading': { en: 'Against funnel limits', sv: 'Mot trattgränserna' },
  'map.above-998': { en: 'above 99.8% limit', sv: 'över 99,8 %-gränsen' },
  'map.above-95': { en: 'above 95% limit', sv: 'över 95 %-gränsen' },
  'map.within': { en: 'within limits', sv: 'inom gränserna' },
  'map.below-95': { en: 'below 95% limit', sv: 'under 95 %-gränsen' },
  'map.below-998': { en: 'below 99.8% limit', sv: 'under 99,8 %-gränsen' },

  // funnel
  'note.funnel-not-drawn': {
    en: 'Not drawn ({marker}): {regions} — counts below {threshold}, or one that would give such a count away.',
    sv: 'Ritas inte ({marker}): {regions} — antal under {threshold}, eller ett antal som skulle röja ett sådant antal.',
  },
  'note.funnel-rounded': { en: 'Rates from counts rounded to a multiple of {k}.', sv: 'Värden per invånare beräknade på antal avrundade till jämna {k}-tal.' },
  // the break chart (trend --break --svg, the report's break section)
  'chart.rate-axis': { en: 'Rate per {per:n} inhabitants, 95% intervals', sv: 'Antal per {per:n} invånare, 95 % konfidensintervall' },
  'chart.count-axis': { en: 'Count', sv: 'Antal' },
  'chart.break-at': { en: 'Break {year}', sv: 'Brytpunkt {year}' },
  'chart.ci': { en: '95% CI', sv: '95 % KI' },
  'chart.observed': { en: '{name}, observed', sv: '{name}, observerat' },
  'chart.fitted': { en: 'fitted segments', sv: 'anpassade segment' },
  'chart.counterfactual': { en: 'pre-break trend continued', sv: 'trenden före brytpunkten förlängd' },
  'chart.rest': { en: 'rest of Sweden, observed and fitted', sv: 'övriga Sverige, observerat och anpassat' },

  // a break analysis in sentences (under trend --break's table, in the report)
  'break.ratio-ci2': { en: '×{estimate:n2} (95% CI {lower:n2}–{upper:n2})', sv: '×{estimate:n2} (95 % KI {lower:n2}–{upper:n2})' },
  'break.ratio-ci3': { en: '×{estimate:n3} (95% CI {lower:n3}–{upper:n3})', sv: '×{estimate:n3} (95 % KI {lower:n3}–{upper:n3})' },
  'break.alone-model': {
    en: "Break at {year}: segmented Poisson regression of {name}'s counts over {n} years, offset log(population), quasi-Poisson dispersion {phi:n2}.",
    sv: 'Brytpunkt {year}: segmenterad Poissonregression av antalen i {name} under {n} år, offset log(befolkning), kvasi-Poisson-dispersion {phi:n2}.',
  },
  'break.alone-changes': {
    en: 'Level change at {year}: {level}; slope change: {slope} per year; trend before: {before} per year.',
    sv: 'Nivåförändring {year}: {level}; lutningsförändring: {slope} per år; trend före: {before} per år.',
  },
  'break.rest-model': {
    en: 'Break at {year}, {name} against the rest of Sweden (Riket minus the region): one Poisson model with every term × region, offset log(population), quasi-Poisson dispersion {phi:n2}.',
    sv: 'Brytpunkt {year}, {name} mot övriga Sverige (riket utom regionen): en Poissonmodell med varje term × region, offset log(befolkning), kvasi-Poisson-dispersion {phi:n2}.',
  },
  'break.rest-changes': {
    en: "Relative to the rest — level change at {year}: {level}; slope change: {slope} per year. Ratio: the region's rate ÷ the rest's, exact 95% interval.",
    sv: 'Jämfört med övriga Sverige — nivåförändring {year}: {level}; lutningsförändring: {slope} per år. Kvot: regionens takt ÷ övrigas, exakt 95 % intervall.',
  },
  'break.how-to-read': {
    en: 'A ratio whose interval excludes 1 is a change beyond chance and overdispersion; "No break": the fitted pre-break trend continued.',
    sv: 'En kvot vars intervall inte innehåller 1 är en förändring utöver slump och överspridning; "Utan brytpunkt": den anpassade trenden före brytpunkten förlängd.',
  },

  // the report's break section
  'break.section-title': { en: '{method}, {name}, {from}–{to}: break at {year}', sv: '{method} i {name}, {from}–{to}: brytpunkt {year}' },
  'break.section-title-rest': {
    en: '{method}, {name}, {from}–{to}: break at {year} against the rest of Sweden',
    sv: '{method} i {name}, {from}–{to}: brytpunkt {year} jämfört med övriga Sverige',
  },
  'header.ratio-rest': { en: 'Ratio', sv: 'Kvot' },
  'break.year-by-year': { en: 'Year by year', sv: 'År för år' },
  'break.hidden-years': {
    en: '{years}: the count is hidden ({marker}, below {threshold} or one that would give such a count away) and left out of the model.',
    sv: '{years}: antalet döljs ({marker}, färre än {threshold} eller ett antal som skulle röja ett sådant) och är inte med i modellen.',
  },
} as const satisfies Record<string, Entry>;
