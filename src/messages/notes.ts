import type { Entry } from './template.js';

/** Notes: what a person should know about a result (on stderr, or under a table or chart). */
export const NOTES = {
  // Where the data and the population come from.
  'note.data': { en: 'Data: {source}.', sv: 'Data: {source}.' },
  'source.bundled-data': {
    en: 'bundled illustrative counts consistent with published national totals (SKL, Rehabiliteringsgarantin 2009–2015); the split by region is modelled, not official',
    sv: 'medföljande illustrativa antal som stämmer med publicerade nationella summor (SKL, Rehabiliteringsgarantin 2009–2015); fördelningen på regioner är modellerad, inte officiell',
  },
  'source.bundled-dataset': { en: 'the bundled dataset', sv: 'den medföljande datamängden' },
  'source.bundled-population-table': { en: 'the bundled SCB population table', sv: 'den medföljande befolkningstabellen från SCB' },
  'source.bundled-population': { en: 'SCB, BE0101N1, 31 December (CC0)', sv: 'SCB, BE0101N1, 31 december (CC0)' },
  'source.population-cache': { en: "SCB's API (BE0101N1) as fetched into {file}", sv: 'SCB:s API (BE0101N1), hämtad till {file}' },
  'source.population-cache-on': { en: "SCB's API (BE0101N1) as fetched on {dates} into {file}", sv: 'SCB:s API (BE0101N1), hämtad {dates} till {file}' },
  'note.population': { en: 'Population: {source}.', sv: 'Befolkning: {source}.' },
  'note.population-also': { en: 'Population also from {source}.', sv: 'Befolkning även från {source}.' },
  'note.national-difference': {
    en: 'Riket {year}{group}: population {published:n} as published; the 21 regions sum to {sum:n} ({diff}) — {why}.',
    sv: 'Riket {year}{group}: befolkning {published:n} enligt publiceringen; de 21 regionerna summerar till {sum:n} ({diff}) — {why}.',
  },
  'note.national-difference-in-rates': {
    en: "Riket {year}{group}: population {published:n} as published; the 21 regions sum to {sum:n} ({diff}) — {why}. Riket's rate uses the published figure.",
    sv: 'Riket {year}{group}: befolkning {published:n} enligt publiceringen; de 21 regionerna summerar till {sum:n} ({diff}) — {why}. Rikets värde beräknas med den publicerade siffran.',
  },
  'why.ckm': {
    en: 'from reference year 2025 SCB adds a small random perturbation to every published cell (Cell Key Method), so the parts need not add up to the whole',
    sv: 'från referensåret 2025 lägger SCB en liten slumpmässig störning på varje publicerad cell (Cell Key Method), så delarna behöver inte summera till helheten',
  },
  'why.both-given': { en: 'the population table gives both', sv: 'befolkningstabellen anger båda' },
  'group.paren': { en: ' ({group})', sv: ' ({group})' },
  'group.aged': { en: 'aged {age}', sv: 'i åldern {age}' },
  'group.sex-aged': { en: '{sex} aged {age}', sv: '{sex} i åldern {age}' },

  // What was read (--verbose, and notes about the input).
  'note.records-no-count-column': {
    en: '{file}: no column holds counts, so each row is read as one treatment ({n} {n|row|rows} counted); pass --map count=COLUMN if a column does.',
    sv: '{file}: ingen kolumn innehåller antal, så varje rad läses som en behandling ({n} {n|rad|rader} räknade); ange --map count=KOLUMN om en kolumn gör det.',
  },
  'note.skipped': { en: '{file}: skipped: {problem}', sv: '{file}: hoppade över: {problem}' },
  'note.skipped-line': { en: '{file} line {line}: skipped: {problem}', sv: '{file} rad {line}: hoppade över: {problem}' },
  'note.missing-values': { en: '{file}: {n} missing {n|value|values}: {first}', sv: '{file}: {n} {n|saknat värde|saknade värden}: {first}' },
  'note.missing-values-more': { en: '{file}: {n} missing {n|value|values}: {first}, …', sv: '{file}: {n} {n|saknat värde|saknade värden}: {first}, …' },
  'note.missing-value': { en: 'line {line} "{column}" ({marker})', sv: 'rad {line} "{column}" ({marker})' },
  'note.empty-marker': { en: 'empty', sv: 'tom' },

  'note.trend-rate': { en: 'Rate per {per:n} inhabitants with its exact Poisson 95% interval.', sv: 'Antal per {per:n} invånare med exakt 95 %-intervall (Poisson).' },

  // growth
  'title.growth': { en: '{method} treatments{perCapita}{group}, {from}–{to}', sv: '{method}: behandlingar{perCapita}{group}, {from}–{to}' },
  'title.per-inhabitant': { en: ' per inhabitant', sv: ' per invånare' },
  'span.years': { en: '{n} {n|year|years}', sv: '{n} år' },
  'note.growth-per-capita': {
    en: 'Change and per year: of the rate over {span}. Rate ratio {to} vs {from} with its exact interval; significant when the interval excludes 1.',
    sv: 'Förändring och per år: av värdet per invånare över {span}. Kvot {to} mot {from} med exakt intervall; signifikant när intervallet inte innehåller 1.',
  },
  'note.growth-cagr': { en: 'Per year: compound annual growth rate over {span}.', sv: 'Per år: genomsnittlig årlig ökningstakt över {span}.' },

  // share
  'title.share': { en: 'Share of {what}{scope} by {by}, {year}', sv: 'Andel av {what}{scope} per {by}, {year}' },
  'share.all-treatments': { en: 'all treatments', sv: 'alla behandlingar' },
  'share.method-treatments': { en: '{method} treatments', sv: '{method}-behandlingar' },
  'share.in': { en: ' in {regions}', sv: ' i {regions}' },
  'share.by.method': { en: 'method', sv: 'metod' },
  'share.by.sex': { en: 'sex', sv: 'kön' },
  'share.by.region': { en: 'region', sv: 'region' },
  'title.share-units': { en: 'Share of {what} by {by}', sv: 'Andel av {what} per {by}' },
  'title.share-units-filtered': { en: 'Share of {what} by {by} ({filters})', sv: 'Andel av {what} per {by} ({filters})' },
  'note.wilson': { en: 'Intervals: Wilson score, 95%.', sv: 'Intervall: Wilson, 95 %.' },

  // summary
  'title.summary-rate': { en: 'Spread across {n} regions: {method} per {per:n} inhabitants, {year}', sv: 'Spridning mellan {n} regioner: {method} per {per:n} invånare, {year}' },
  'title.summary-count': { en: 'Spread across {n} regions: {method} treatments, {year}', sv: 'Spridning mellan {n} regioner: {method}-behandlingar, {year}' },
  'note.summary-ratio-rate': { en: 'The highest region has {ratio:n1} times the rate of the lowest.', sv: 'Den högsta regionen har {ratio:n1} gånger värdet i den lägsta.' },
  'note.summary-ratio-count': { en: 'The highest region has {ratio:n1} times the count of the lowest.', sv: 'Den högsta regionen har {ratio:n1} gånger antalet i den lägsta.' },
  'note.suppressed-left-out': {
    en: '{n} {n|region|regions} hidden by --suppress {threshold} left out.',
    sv: '{n} {n|region|regioner} som döljs av --suppress {threshold} är inte med.',
  },

  // publishing (--suppress, --round-counts)
  'note.suppressed': {
    en: 'Counts below {threshold} are hidden ({marker}) with every figure computed from them, and so are counts from which one could be worked out; – is missing.',
    sv: 'Antal under {threshold} visas inte ({marker}), inte heller det som räknas fram ur dem eller antal som de skulle kunna räknas fram ur; – saknas.',
  },
  'note.rounded': {
    en: 'Counts are rounded to a multiple of {k}; rates are computed from the rounded counts.',
    sv: 'Antalen är avrundade till jämna {k}-tal; värden per invånare är beräknade på de avrundade antalen.',
  },

  // trend
  'title.trend': { en: '{name}, {regions}, {span}', sv: '{name}, {regions}, {span}' },
  'title.trend-by-region': { en: '{name} per region, {span}', sv: '{name} per region, {span}' },
  'title.trend-by-method': { en: 'Methods, {region}: when each starts and how it grows', sv: 'Metoder, {region}: när var och en börjar och hur den växer' },
  'note.trend-by-region': {
    en: 'CAGR: first to last year. Fitted: log-linear least squares over every year.',
    sv: 'Årlig ökning: första till sista året. Anpassad: log-linjär minsta kvadratanpassning över alla år.',
  },
  'note.trend-cagr': { en: 'CAGR {from}–{to}: {pct} per year.', sv: 'Årlig ökning {from}–{to}: {pct} per år.' },
  'note.trend-cagr-rate': { en: 'CAGR of the rate {from}–{to}: {pct} per year.', sv: 'Årlig ökning av värdet per invånare {from}–{to}: {pct} per år.' },
  'note.trend-fit': { en: 'Log-linear fit over {n} years: {pct} per year.', sv: 'Log-linjär anpassning över {n} år: {pct} per år.' },
  'note.trend-fit-rate': { en: 'Log-linear fit of the rate over {n} years: {pct} per year.', sv: 'Log-linjär anpassning av värdet per invånare över {n} år: {pct} per år.' },
  'note.trend-fit-doubling': {
    en: 'Log-linear fit over {n} years: {pct} per year, doubling every {years:g} years.',
    sv: 'Log-linjär anpassning över {n} år: {pct} per år, fördubbling vart {years:g} år.',
  },
  'note.trend-fit-rate-doubling': {
    en: 'Log-linear fit of the rate over {n} years: {pct} per year, doubling every {years:g} years.',
    sv: 'Log-linjär anpassning av värdet per invånare över {n} år: {pct} per år, fördubbling vart {years:g} år.',
  },
  'percent.signed': { en: '{sign}{value:g}%', sv: '{sign}{value:g} %' },
  'note.trend-zero': {
    en: '{label}: {year} is 0, so no log-linear fit (growth from zero is undefined).',
    sv: '{label}: {year} är 0, så ingen log-linjär anpassning (tillväxt från noll är odefinierad).',
  },
  'note.trend-zero-cagr': {
    en: '{label}: {year} is 0, so no CAGR or log-linear fit (growth from zero is undefined).',
    sv: '{label}: {year} är 0, så ingen årlig ökning eller log-linjär anpassning (tillväxt från noll är odefinierad).',
  },
  'note.trend-too-few': { en: '{label}: fewer than two known years, so no growth rate.', sv: '{label}: färre än två kända år, så ingen tillväxttakt.' },

  // tally
  'title.tally': { en: 'Answers in "{column}" per method', sv: 'Svar i "{column}" per metod' },
  'note.tally-bundled': {
    en: "Data: bundled illustrative answers; the totals per answer are SKL's for 2014, which region gave which answer is modelled.",
    sv: 'Data: medföljande illustrativa svar; summorna per svar är SKL:s för 2014, vilken region som gav vilket svar är modellerat.',
  },
  'note.tally-headline': {
    en: '{method}{hits} of {total} regions answered {answers} ({pct}%, 95% CI {lower}–{upper}%).',
    sv: '{method}{hits} av {total} regioner svarade {answers} ({pct} %, 95 % KI {lower}–{upper} %).',
  },
  'note.tally-national': {
    en: 'Riket\'s answer for {method} ("{answer}") is not counted: tally counts the regions, and Riket is not one.',
    sv: 'Rikets svar för {method} ("{answer}") räknas inte: tally räknar regionerna, och Riket är ingen region.',
  },
  'tally.method': { en: '{method}: ', sv: '{method}: ' },
  'tally.or': { en: '{first} or {last}', sv: '{first} eller {last}' },

  // regions
  'title.regions': { en: 'Regions', sv: 'Regioner' },
  'note.regions-source': { en: 'Source: regions.csv (SCB county codes; Kolada ids are 00 + the code).', sv: 'Källa: regions.csv (SCB:s länskoder; Koladas id är 00 + koden).' },

  // funnel and map
  'title.funnel': { en: '{method} treatments per {per:n} inhabitants against population, {year}', sv: '{method}: behandlingar per {per:n} invånare mot befolkning, {year}' },
  'funnel.per': { en: 'per {per:n}', sv: 'per {per:n}' },
  'note.funnel-limits-adjusted': {
    en: 'Limits: Spiegelhalter (2005), {kind} overdispersion adjustment (φ = {phi:n2}, τ² = {tau2:p3}).',
    sv: 'Gränser: Spiegelhalter (2005), {kind} justering för överspridning (φ = {phi:n2}, τ² = {tau2:p3}).',
  },
  'overdispersion.kind.multiplicative': { en: 'multiplicative', sv: 'multiplikativ' },
  'overdispersion.kind.additive': { en: 'additive', sv: 'additiv' },
  'note.funnel-limits': { en: 'Limits: Poisson, as PHEindicatormethods (Spiegelhalter 2005).', sv: 'Gränser: Poisson, som PHEindicatormethods (Spiegelhalter 2005).' },
  'note.funnel-limits-overdispersed': {
    en: 'Limits: Poisson, as PHEindicatormethods (Spiegelhalter 2005); φ = {phi:n2}: more spread than chance (--overdispersion).',
    sv: 'Gränser: Poisson, som PHEindicatormethods (Spiegelhalter 2005); φ = {phi:n2}: större spridning än slumpen (--overdispersion).',
  },
  'funnel.population': { en: 'Population', sv: 'Befolkning' },
  'funnel.above': { en: 'above the limits', sv: 'över gränserna' },
  'funnel.within': { en: 'within', sv: 'inom' },
  'funnel.below': { en: 'below the limits (large: 99.8%)', sv: 'under gränserna (stor: 99,8 %)' },
  'funnel.dotted': { en: 'dotted line', sv: 'prickad linje' },
  'funnel.level95': { en: '95%', sv: '95 %' },
  'funnel.level998': { en: '99.8%', sv: '99,8 %' },
  'funnel.no-position': { en: 'no funnel position', sv: 'ingen position i tratten' },
  'note.map-no-boundary': { en: '{file} has no boundary for {regions}: not drawn.', sv: '{file} har ingen gräns för {regions}: ritas inte.' },
  'note.map-no-data': { en: 'No {method} rate for {year}: {regions} (drawn as "no data").', sv: 'Inget värde för {method} {year}: {regions} (ritas som "uppgift saknas").' },

  // population
  'title.population-lookup': { en: 'Population on 31 December: {what}, with sources', sv: 'Befolkning den 31 december: {what}, med källor' },
  'title.population-coverage': { en: 'Population (SCB, 31 December): regions covered per year, of 21', sv: 'Befolkning (SCB, 31 december): regioner med siffror per år, av 21' },
  'note.population-sources': { en: 'Sources:', sv: 'Källor:' },
  'note.population-source': { en: '  {id}: {where}', sv: '  {id}: {where}' },
  'note.population-fetched': { en: 'fetched with rehab-stats population fetch (see the note column)', sv: 'hämtad med rehab-stats population fetch (se kolumnen note)' },

  // rank
  'title.rank': { en: '{method} treatments per {per:n} inhabitants{who}{standardised}, {year}', sv: '{method}: behandlingar per {per:n} invånare{who}{standardised}, {year}' },
  'title.age-standardised': { en: ', age-standardised', sv: ', åldersstandardiserat' },
  'interval.exact': { en: 'exact Poisson', sv: 'exakt Poisson' },
  'interval.byar': { en: "Byar's approximation", sv: 'Byars approximation' },
  'interval.phe': { en: 'exact Poisson below 10, Byar from 10', sv: 'exakt Poisson under 10, Byar från 10' },
  'note.rank-interval-method': {
    en: 'Interval: {method}; regions share a rank only when their rates are exactly equal.',
    sv: 'Intervall: {method}; regioner delar plats bara när deras värden är exakt lika.',
  },
  'note.vs-riket': {
    en: "vs Riket: higher or lower when the region's {level:g}% interval lies wholly above or below the national rate.",
    sv: 'Mot riket: högre eller lägre när regionens {level:g} %-intervall ligger helt över eller under rikets värde.',
  },
  'note.rank-interval': {
    en: "Rank 95%: the 2.5th–97.5th percentiles of each region's rank over 2000 simulations of every count from Poisson(observed), fixed seed (Goldstein & Spiegelhalter 1996).",
    sv: 'Plats 95 %: 2,5:e–97,5:e percentilen av varje regions plats i 2000 simuleringar av varje antal från Poisson(observerat), fast frö (Goldstein & Spiegelhalter 1996).',
  },
  'note.funnel': {
    en: "Funnel: the region's count judged against the count expected at the {target} at 95% and 99.8% (exact Poisson below 10, Byar from 10), as PHEindicatormethods' funnels; Spiegelhalter 2005.",
    sv: 'Tratt: regionens antal jämfört med det antal som väntas vid {target} på 95 % och 99,8 % (exakt Poisson under 10, Byar från 10), som i PHEindicatormethods trattdiagram; Spiegelhalter 2005.',
  },
  'funnel.target.weighted': { en: "funnel's weighted average rate (PHE)", sv: 'trattens vägda medelvärde (PHE)' },
  'funnel.target.national': { en: 'national rate', sv: 'rikets värde' },
  'note.standardised': {
    en: "Age-standardised directly to {standard} over the age groups {bands}; {level:g}% intervals by Dobson's method with {limits}; no DSR below 10 events.",
    sv: 'Direkt åldersstandardiserat mot {standard} över åldersgrupperna {bands}; {level:g} %-intervall med Dobsons metod och {limits}; inget standardiserat värde under 10 händelser.',
  },
  'dsr.limits.exact': {
    en: "exact Poisson limits for the total count (--ci-method exact; PHE's calculate_dsr uses Byar's)",
    sv: 'exakta Poisson-gränser för det totala antalet (--ci-method exact; PHE:s calculate_dsr använder Byars)',
  },
  'dsr.limits.byar': {
    en: "Byar's limits for the total count, as PHEindicatormethods' calculate_dsr",
    sv: 'Byars gränser för det totala antalet, som i PHEindicatormethods calculate_dsr',
  },
  'note.no-method-column': { en: 'The input has no method column: every count is taken as {method}.', sv: 'Indata har ingen metodkolumn: varje antal räknas som {method}.' },
  'note.ranks-among': { en: 'Ranks are among all {n} ranked regions; only {names} shown.', sv: 'Placeringarna gäller bland alla {n} rangordnade regioner; bara {names} visas.' },
  'note.not-in-input': { en: 'Not in the input for {year}: {regions}.', sv: 'Saknas i indata för {year}: {regions}.' },
  'note.left-out-no-count-either': {
    en: 'Left out, no {method} count for either {from} or {to}: {regions}.',
    sv: 'Utelämnade, inget antal för {method} varken {from} eller {to}: {regions}.',
  },
  'note.left-out-no-count': { en: 'Left out, without a {method} count for {year}: {regions}.', sv: 'Utelämnade, utan antal för {method} {year}: {regions}.' },
  'note.overdispersion': { en: 'Overdispersion: {estimate}; {verdict}', sv: 'Överspridning: {estimate}; {verdict}' },
  'note.overdispersion-more': { en: 'Overdispersion: {estimate} — {verdict}', sv: 'Överspridning: {estimate} — {verdict}' },
  'overdispersion.estimate': {
    en: 'φ = {phi:n2}, τ² = {tau2:p3} ({n} regions, z-scores on the square-root scale winsorised at 10%)',
    sv: 'φ = {phi:n2}, τ² = {tau2:p3} ({n} regioner, z-värden på kvadratrotsskalan winsoriserade vid 10 %)',
  },
  'overdispersion.multiplicative': {
    en: "multiplicative adjustment: the limits' width on the square-root scale × √φ = {factor:n2} (Spiegelhalter 2005).",
    sv: 'multiplikativ justering: gränsernas bredd på kvadratrotsskalan × √φ = {factor:n2} (Spiegelhalter 2005).',
  },
  'overdispersion.multiplicative-none': {
    en: 'φ ≤ 1, so no multiplicative adjustment: Poisson-width limits on the square-root scale (Spiegelhalter 2005).',
    sv: 'φ ≤ 1, så ingen multiplikativ justering: gränser med Poisson-bredd på kvadratrotsskalan (Spiegelhalter 2005).',
  },
  'overdispersion.additive': {
    en: 'additive adjustment: between-region variance τ² added on the square-root scale (random effects; Spiegelhalter 2005).',
    sv: 'additiv justering: variansen mellan regioner τ² läggs till på kvadratrotsskalan (slumpeffekter; Spiegelhalter 2005).',
  },
  'overdispersion.additive-none': {
    en: 'τ² = 0, so no additive adjustment: Poisson-width limits on the square-root scale (Spiegelhalter 2005).',
    sv: 'τ² = 0, så ingen additiv justering: gränser med Poisson-bredd på kvadratrotsskalan (Spiegelhalter 2005).',
  },
  'overdispersion.too-much': {
    en: "more spread than chance allows (nφ above χ²({df})'s 95th percentile): the Poisson limits flag regions for real between-region variation; --overdispersion additive (or multiplicative) widens them.",
    sv: 'större spridning än slumpen tillåter (nφ över 95:e percentilen av χ²({df})): Poisson-gränserna pekar ut regioner för verklig variation mellan regioner; --overdispersion additive (eller multiplicative) vidgar dem.',
  },
  'overdispersion.within-chance': { en: 'within what chance allows, so the Poisson limits suit.', sv: 'inom vad slumpen tillåter, så Poisson-gränserna passar.' },

  // rank --by
  'title.units': { en: '{what} by {by}', sv: '{what} per {by}' },
  'title.units-filtered': { en: '{what} by {by} ({filters})', sv: '{what} per {by} ({filters})' },
  'units.of': { en: '{numerator} of {denominator}', sv: '{numerator} av {denominator}' },
  'units.rows': { en: 'rows', sv: 'rader' },
  'note.units-percent': {
    en: 'Percent with Wilson score intervals; "vs overall" is higher or lower when the whole interval lies above or below the overall percentage.',
    sv: 'Procent med Wilson-intervall; "Mot helheten" är högre eller lägre när hela intervallet ligger över eller under den totala procentsatsen.',
  },
  'note.units-counts': { en: 'Counts with exact Poisson intervals.', sv: 'Antal med exakta Poisson-intervall.' },
  'note.units-funnel': {
    en: 'Funnel: outside the 95% or 99.8% control limits around the overall percentage for a unit of that size (Wilson-score limits as PHEindicatormethods; Spiegelhalter 2005).',
    sv: 'Tratt: utanför styrgränserna på 95 % eller 99,8 % kring den totala procentsatsen för en enhet av den storleken (Wilson-gränser som i PHEindicatormethods; Spiegelhalter 2005).',
  },
  'note.above-population-allowed': {
    en: '{n} {n|count is|counts are} larger than the population (allowed by --above-population), e.g. {example}.',
    sv: '{n} antal är större än befolkningen (tillåtet med --above-population), t.ex. {example}.',
  },
} as const satisfies Record<string, Entry>;
