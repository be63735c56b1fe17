import type { Lang } from '../render/model.js';
import { formatNumber } from '../render/numbers.js';
import type { MethodSection, ReportModel } from './build.js';

/**
 * The report's words, in Swedish or English, built from the numbers — never hard-coded
 * figures. Swedish numbers follow Swedish conventions: space between thousands, decimal
 * comma, "94 procent".
 */
const WORDS = {
  en: {
    title: 'Treatments per region',
    data: 'Data',
    population: 'Population',
    rank: (m: string, y: number, per: string) => `${m}: treatments per ${per} inhabitants, ${y}`,
    growth: (m: string, a: number, b: number) => `${m}: growth ${a}–${b}`,
    trend: 'Treatments per year, Riket',
    shares: (y: number) => `Share of all treatments, ${y}`,
    method: 'Method',
    share: 'Share',
    count: 'Count',
    ci: '95% CI',
    rankH: 'Rank',
    region: 'Region',
    perInhabitants: (per: string) => `Per ${per}`,
    vs: 'vs Riket',
    change: 'Change',
    perYear: 'Per year',
    higher: 'higher',
    lower: 'lower',
    similar: 'similar',
    chartBars: (m: string, y: number) => `${m} per region, ${y}: rate with 95% interval; the line is Riket`,
    built: 'Built',
    suppressed: (n: number, m: string) =>
      `Counts below ${n} are hidden (${m}) with everything computed from them — rates, intervals, ranks, shares, growth, chart points — and so are counts from which one could be worked out; – is missing.`,
    rounded: (k: number) => `Counts are rounded to a multiple of ${k}; rates, shares and growth are computed from the rounded counts.`,
    hiddenHeadline: (m: string, y: number) => `The national ${m} count for ${y} is hidden: it is small.`,
    onlyRegions: (names: string) =>
      `Only ${names}; their ranks are among all 21 regions, Riket is shown for comparison, and the trend chart and the shares are for the whole country.`,
    methods: 'Method notes',
    methodNotes: [
      'Rates per inhabitant (scaled as each table says) with exact Poisson 95% confidence intervals; regions are higher or lower than Riket when the whole interval lies above or below the national rate.',
      'Growth: percent change and compound annual growth rate (CAGR). Shares with Wilson 95% intervals.',
    ],
  },
  sv: {
    title: 'Behandlingar per region',
    data: 'Data',
    population: 'Befolkning',
    rank: (m: string, y: number, per: string) => `${m}: behandlingar per ${per} invånare, ${y}`,
    growth: (m: string, a: number, b: number) => `${m}: förändring ${a}–${b}`,
    trend: 'Behandlingar per år, riket',
    shares: (y: number) => `Andel av alla behandlingar, ${y}`,
    method: 'Metod',
    share: 'Andel',
    count: 'Antal',
    ci: '95 % KI',
    rankH: 'Plats',
    region: 'Region',
    perInhabitants: (per: string) => `Per ${per} inv.`,
    vs: 'Jämfört med riket',
    change: 'Förändring',
    perYear: 'Per år',
    higher: 'högre',
    lower: 'lägre',
    similar: 'ingen skillnad',
    chartBars: (m: string, y: number) => `${m} per region, ${y}: andel med 95 % konfidensintervall; linjen är riket`,
    built: 'Skapad',
    suppressed: (n: number, m: string) =>
      `Antal under ${n} visas inte (${m}), inte heller det som räknas fram ur dem – andelar, intervall, placeringar, förändring, punkter i diagrammen – eller antal som de skulle kunna räknas fram ur; – saknas.`,
    rounded: (k: number) => `Antalen är avrundade till jämna ${k}-tal; andelar och förändring är beräknade på de avrundade antalen.`,
    hiddenHeadline: (m: string, y: number) => `Rikets antal för ${m} ${y} visas inte: det är litet.`,
    onlyRegions: (names: string) =>
      `Endast ${names}; placeringarna gäller bland alla 21 regioner, riket visas som jämförelse, och diagrammet över åren och andelarna gäller hela riket.`,
    methods: 'Om metoderna',
    methodNotes: [
      'Antal per invånare (skalat som varje tabell anger) med exakta 95 % konfidensintervall (Poisson); en region är högre eller lägre än riket när hela intervallet ligger över eller under rikets värde.',
      'Förändring: procentuell förändring och genomsnittlig årlig ökningstakt. Andelar med 95 % Wilson-intervall.',
    ],
  },
} as const;

export function words(lang: Lang) {
  return WORDS[lang];
}

/** "94 procent" / "94 percent"; one decimal below 10. */
export function percentWords(value: number, lang: Lang): string {
  const digits = Math.abs(value) < 10 && Math.round(value) !== value ? 1 : 0;
  return `${formatNumber(Math.abs(value), digits, lang)} ${lang === 'sv' ? 'procent' : 'percent'}`;
}

/**
 * The headline for one method: how many, and the change since the base year.
 * sv: "År 2014 fick 50 440 personer KBT – en ökning med 94 procent jämfört med 2009."
 * en: "In 2014, 50,440 people received KBT – an increase of 94 percent compared with 2009."
 */
export function headline(s: MethodSection, lang: Lang): string {
  const count = s.national.count;
  if (s.hidden?.get(s.national)?.has('count')) return words(lang).hiddenHeadline(s.method, s.year);
  if (typeof count !== 'number') return lang === 'sv' ? `Uppgift saknas för ${s.method} ${s.year}.` : `No complete count for ${s.method} in ${s.year}.`;
  const n = formatNumber(count, 0, lang);
  const start = lang === 'sv' ? `År ${s.year} fick ${n} personer ${s.method}` : `In ${s.year}, ${n} people received ${s.method}`;
  const g = s.growth.national;
  if (typeof g.base_count !== 'number') return `${start}.`;
  if (g.base_count === 0) {
    return lang === 'sv'
      ? `${start} – ${s.since} var antalet noll, så ingen procentuell förändring kan anges.`
      : `${start} – none in ${s.since}, so there is no percentage change.`;
  }
  const pct = g.change_pct as number;
  if (Math.round(pct) === 0) return lang === 'sv' ? `${start} – ungefär lika många som ${s.since}.` : `${start} – about as many as in ${s.since}.`;
  const up = pct > 0;
  return lang === 'sv'
    ? `${start} – en ${up ? 'ökning' : 'minskning'} med ${percentWords(pct, lang)} jämfört med ${s.since}.`
    : `${start} – ${up ? 'an increase' : 'a decrease'} of ${percentWords(pct, lang)} compared with ${s.since}.`;
}

/** Which regions have the highest and lowest rate. */
export function extremes(s: MethodSection, model: ReportModel, lang: Lang): string | undefined {
  const ranked = s.ranked.filter((r) => typeof r.rate === 'number');
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  if (ranked.length < 2 || !top || !bottom) return undefined;
  const per = formatNumber(model.per, 0, lang);
  const rate = (r: typeof top) => formatNumber(r.rate as number, 1, lang);
  // With --region the extremes are those of the regions shown, and the sentence says so.
  const among = model.regions ? (lang === 'sv' ? ' bland de valda regionerna' : ' among the selected regions') : '';
  return lang === 'sv'
    ? `Flest per invånare${among}: ${top.region} (${rate(top)} per ${per} invånare); färst: ${bottom.region} (${rate(bottom)}).`
    : `Most per inhabitant${among}: ${top.region} (${rate(top)} per ${per} inhabitants); fewest: ${bottom.region} (${rate(bottom)}).`;
}

/** "IPT utgjorde 2 procent av alla behandlingar 2014." */
export function shareSentence(s: MethodSection, lang: Lang): string | undefined {
  if (!s.share) return undefined;
  return lang === 'sv'
    ? `${s.method} utgjorde ${percentWords(s.share.pct, lang)} av alla behandlingar ${s.year}.`
    : `${s.method} was ${percentWords(s.share.pct, lang)} of all treatments in ${s.year}.`;
}

/** "10 av 21 regioner ligger över riket, 8 under." */
export function comparisonSentence(s: MethodSection, lang: Lang): string {
  const higher = s.ranked.filter((r) => r.vs_national === 'higher').length;
  const lower = s.ranked.filter((r) => r.vs_national === 'lower').length;
  const n = s.ranked.filter((r) => typeof r.rate === 'number').length;
  return lang === 'sv'
    ? `${higher} av ${n} regioner ligger tydligt över rikets nivå och ${lower} tydligt under (95 % konfidensintervall).`
    : `${higher} of ${n} regions are clearly above the national rate and ${lower} clearly below (95% confidence intervals).`;
}
