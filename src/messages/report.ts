import type { Entry } from './template.js';

/**
 * The report (rehab-stats report): its headings, table titles and headers, the sentences built
 * from each method's figures, the charts' words and the method notes. Numbers are parameters,
 * never written into the text. Swedish follows Swedish conventions: a space between thousands,
 * a decimal comma, "94 procent".
 */
export const REPORT = {
  'report.title': { en: 'Treatments per region {year}', sv: 'Behandlingar per region {year}' },
  'report.data': { en: 'Data: {label}', sv: 'Data: {label}' },
  'report.population': { en: 'Population: {label}', sv: 'Befolkning: {label}' },
  'report.built': { en: 'Built: {at}', sv: 'Skapad: {at}' },
  'report.methods': { en: 'Method notes', sv: 'Om metoderna' },
  'report.method-note-rates': {
    en: 'Rates per inhabitant (scaled as each table says) with exact Poisson 95% confidence intervals; regions are higher or lower than Riket when the whole interval lies above or below the national rate.',
    sv: 'Antal per invånare (skalat som varje tabell anger) med exakta 95 % konfidensintervall (Poisson); en region är högre eller lägre än riket när hela intervallet ligger över eller under rikets värde.',
  },
  'report.method-note-growth': {
    en: 'Growth: percent change and compound annual growth rate (CAGR). Shares with Wilson 95% intervals.',
    sv: 'Förändring: procentuell förändring och genomsnittlig årlig ökningstakt. Andelar med 95 % Wilson-intervall.',
  },
  'report.suppressed': {
    en: 'Counts below {n} are hidden ({marker}) with everything computed from them — rates, intervals, ranks, shares, growth, chart points — and so are counts from which one could be worked out; – is missing.',
    sv: 'Antal under {n} visas inte ({marker}), inte heller det som räknas fram ur dem – antal per invånare, andelar, intervall, placeringar, förändring, punkter i diagrammen – eller antal som de skulle kunna räknas fram ur; – saknas.',
  },
  'report.rounded': {
    en: 'Counts are rounded to a multiple of {k}; rates, shares and growth are computed from the rounded counts.',
    sv: 'Antalen är avrundade till jämna {k}-tal; antal per invånare, andelar och förändring är beräknade på de avrundade antalen.',
  },
  'report.only-regions': {
    en: 'Only {names}; their ranks are among all 21 regions, Riket is shown for comparison, and the trend chart and the shares are for the whole country.',
    sv: 'Endast {names}; placeringarna gäller bland alla 21 regioner, riket visas som jämförelse, och diagrammet över åren och andelarna gäller hela riket.',
  },
  /** The last two names of a list: "Stockholm, Uppsala and Jönköping". */
  'report.list-and': { en: '{first} and {last}', sv: '{first} och {last}' },

  // Tables
  'report.rank-title': { en: '{method}: treatments per {per:n} inhabitants, {year}', sv: '{method}: behandlingar per {per:n} invånare, {year}' },
  'report.growth-title': { en: '{method}: growth {from}–{to}', sv: '{method}: förändring {from}–{to}' },
  'report.shares-title': { en: 'Share of all treatments, {year}', sv: 'Andel av alla behandlingar, {year}' },
  'report.header-per': { en: 'Per {per:n}', sv: 'Per {per:n} inv.' },
  'report.header-vs': { en: 'vs Riket', sv: 'Jämfört med riket' },

  // Sentences
  'report.percent': { en: '{value} percent', sv: '{value} procent' },
  'report.hidden-headline': { en: 'The national {method} count for {year} is hidden: it is small.', sv: 'Rikets antal för {method} {year} visas inte: det är litet.' },
  'report.no-count': { en: 'No complete count for {method} in {year}.', sv: 'Uppgift saknas för {method} {year}.' },
  'report.headline': { en: 'In {year}, {n:n} people received {method}.', sv: 'År {year} fick {n:n} personer {method}.' },
  'report.headline-zero-base': {
    en: 'In {year}, {n:n} people received {method} – none in {since}, so there is no percentage change.',
    sv: 'År {year} fick {n:n} personer {method} – {since} var antalet noll, så ingen procentuell förändring kan anges.',
  },
  'report.headline-same': {
    en: 'In {year}, {n:n} people received {method} – about as many as in {since}.',
    sv: 'År {year} fick {n:n} personer {method} – ungefär lika många som {since}.',
  },
  'report.headline-increase': {
    en: 'In {year}, {n:n} people received {method} – an increase of {pct} compared with {since}.',
    sv: 'År {year} fick {n:n} personer {method} – en ökning med {pct} jämfört med {since}.',
  },
  'report.headline-decrease': {
    en: 'In {year}, {n:n} people received {method} – a decrease of {pct} compared with {since}.',
    sv: 'År {year} fick {n:n} personer {method} – en minskning med {pct} jämfört med {since}.',
  },
  'report.extremes': {
    en: 'Most per inhabitant: {top} ({topRate:n1} per {per:n} inhabitants); fewest: {bottom} ({bottomRate:n1}).',
    sv: 'Flest per invånare: {top} ({topRate:n1} per {per:n} invånare); färst: {bottom} ({bottomRate:n1}).',
  },
  'report.extremes-selected': {
    en: 'Most per inhabitant among the selected regions: {top} ({topRate:n1} per {per:n} inhabitants); fewest: {bottom} ({bottomRate:n1}).',
    sv: 'Flest per invånare bland de valda regionerna: {top} ({topRate:n1} per {per:n} invånare); färst: {bottom} ({bottomRate:n1}).',
  },
  'report.share': { en: '{method} was {pct} of all treatments in {year}.', sv: '{method} utgjorde {pct} av alla behandlingar {year}.' },
  'report.comparison': {
    en: '{higher} of {n} regions are clearly above the national rate and {lower} clearly below (95% confidence intervals).',
    sv: '{higher} av {n} regioner ligger tydligt över rikets nivå och {lower} tydligt under (95 % konfidensintervall).',
  },
  // When no region's rate is shown (all hidden by the publishing rule, or none computed), none can be judged.
  'report.comparison-none': {
    en: "No region's rate is shown, so no region can be judged against the national rate.",
    sv: 'Inget värde per invånare visas för någon region, så ingen region kan jämföras med rikets nivå.',
  },

  // Charts
  'report.trend': { en: 'Treatments per year, Riket', sv: 'Behandlingar per år, riket' },
  'report.chart-bars': {
    en: '{method} per region, {year}: rate with 95% interval; the line is Riket',
    sv: '{method} per region, {year}: behandlingar per invånare med 95 % konfidensintervall; linjen är riket',
  },
  'report.chart-riket': { en: 'Riket (Sweden) {rate:n1}', sv: 'Riket {rate:n1}' },
  'report.funnel-title': { en: '{method}: rate against population, {year} (funnel plot)', sv: '{method}: behandlingar per invånare mot befolkning, {year} (trattdiagram)' },
  'report.map-title': { en: '{method} per {per:n} inhabitants, {year}', sv: '{method} per {per:n} invånare, {year}' },
} as const satisfies Record<string, Entry>;
