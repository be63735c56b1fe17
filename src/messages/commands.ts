import type { Entry } from './template.js';

/** Commands' own errors and notes not shared with others: options used together, the map, population fetch. */
export const COMMANDS = {
  // Options that do nothing in this run (refuseUnused), and old spellings.
  'option.not-used': { en: '{flags}: not used {why}', sv: '{flags}: används inte {why}' },
  'option.same-option': { en: '{old} and {now} are the same option', sv: '{old} och {now} är samma flagga' },
  'option.give-only.hint': { en: 'give only {now}', sv: 'ange bara {now}' },
  'unused.growth': { en: 'without --per-capita (growth of counts divides by nothing)', sv: 'utan --per-capita (tillväxt i antal delas inte med något)' },
  'unused.trend': {
    en: 'without --per-capita or --break (a series of counts divides by nothing)',
    sv: 'utan --per-capita eller --break (en serie av antal delas inte med något)',
  },
  'unused.add-per-capita.hint': { en: 'add --per-capita, or leave them out', sv: 'lägg till --per-capita, eller utelämna dem' },
  'unused.check-population': {
    en: 'with --kind population (it compares counts with a population)',
    sv: 'med --kind population (den jämför antal med en befolkning)',
  },
  'unused.check-population.hint': {
    en: 'check the population file itself: rehab-stats check FILE --kind population',
    sv: 'kontrollera själva befolkningsfilen: rehab-stats check FIL --kind population',
  },
  'unused.summary': { en: 'with --measure count (counts are not divided)', sv: 'med --measure count (antal delas inte)' },
  'unused.summary.hint': { en: 'use --measure rate, or leave them out', sv: 'använd --measure rate, eller utelämna dem' },
  'unused.rank-by': {
    en: 'with --by (its units are counted, or a proportion of --denominator, not divided by a population)',
    sv: 'med --by (dess enheter räknas, eller blir en andel av --denominator, och delas inte med en befolkning)',
  },
  'unused.leave-out.hint': { en: 'leave them out', sv: 'utelämna dem' },

  // --sheet
  'sheet.needs-input': { en: '--sheet {sheet} needs --input FILE.xlsx', sv: '--sheet {sheet} kräver --input FIL.xlsx' },
  'sheet.needs-input.hint': {
    en: 'the bundled data has no sheets; give the workbook with --input',
    sv: 'medföljande data har inga blad; ange arbetsboken med --input',
  },
  'sheet.not-xlsx': { en: '--sheet {sheet}: {file} is not an xlsx workbook', sv: '--sheet {sheet}: {file} är ingen xlsx-arbetsbok' },
  'sheet.not-xlsx.hint': {
    en: 'only a workbook has sheets; leave --sheet out for CSV and TSV input',
    sv: 'bara en arbetsbok har blad; utelämna --sheet för CSV och TSV',
  },

  // rank, share, growth
  'rank.overdispersion-standard': { en: '--overdispersion works on crude rates, not with --standard', sv: '--overdispersion gäller råa värden, inte med --standard' },
  'rank.overdispersion-standard.hint': {
    en: "drop --standard, or use --funnel alone for PHE's funnels of DSRs",
    sv: 'ta bort --standard, eller använd bara --funnel för PHE:s trattar för åldersstandardiserade värden',
  },
  'rank.overdispersion-by': { en: '--overdispersion works on ranks of regions, not with --by', sv: '--overdispersion gäller rangordning av regioner, inte med --by' },
  'rank.rank-interval-standard': {
    en: '--rank-interval works on crude rates of regions, not with --standard or --by',
    sv: '--rank-interval gäller regionernas råa värden, inte med --standard eller --by',
  },
  'rank.region-by': { en: '--region goes with ranks of regions, not with --by', sv: '--region gäller rangordning av regioner, inte med --by' },
  'rank.region-by.hint': { en: 'filter the rows of your file before ranking its units', sv: 'filtrera raderna i filen innan dess enheter rangordnas' },
  'share.region-by': { en: '--region goes with --by method, sex or region, not with --by {by}', sv: '--region gäller --by method, sex eller region, inte --by {by}' },
  'share.region-by.hint': { en: 'filter the rows of your file first', sv: 'filtrera raderna i filen först' },
  'growth.needs-from': { en: 'growth needs a base year: --from YEAR', sv: 'growth behöver ett basår: --from ÅR' },
  'growth.needs-from.hint': { en: 'e.g. --from 2009', sv: 't.ex. --from 2009' },

  // funnel and map
  'funnel.national-hidden': {
    en: "the national {method} count for {year} is hidden by --suppress {threshold}: the funnel's centre line would give it away",
    sv: 'rikets antal för {method} {year} döljs av --suppress {threshold}: trattens mittlinje skulle avslöja det',
  },
  'funnel.national-hidden.hint': { en: 'a lower --suppress, or rank --suppress for the table', sv: 'ett lägre --suppress, eller rank --suppress för tabellen' },
  'funnel.no-national-rate': {
    en: 'no national {method} rate for {year}: nothing to draw the funnel around',
    sv: 'inget värde för riket för {method} {year}: inget att rita tratten kring',
  },
  'note.units-latest-year': {
    en: '{file} holds {first}–{year}: only the latest year, {year}, is counted (--year chooses another).',
    sv: '{file} innehåller {first}–{year}: bara det senaste året, {year}, räknas (--year väljer ett annat).',
  },
  // map --boundaries: the GeoJSON file.
  'geojson.not-json': { en: 'is not valid JSON ({detail})', sv: 'är inte giltig JSON ({detail})' },
  'geojson.not-json.hint': {
    en: 'give a GeoJSON FeatureCollection, e.g. exported from QGIS or mapshaper',
    sv: 'ange en GeoJSON FeatureCollection, t.ex. exporterad från QGIS eller mapshaper',
  },
  'geojson.not-collection': { en: 'is not a GeoJSON FeatureCollection', sv: 'är ingen GeoJSON FeatureCollection' },
  'geojson.not-collection.hint': { en: 'the file must be {shape}, one feature per region', sv: 'filen måste vara {shape}, ett objekt per region' },
  'geojson.feature': { en: 'feature {n}', sv: 'objekt {n}' },
  'geojson.feature-of': { en: '{where} ({region})', sv: '{where} ({region})' },
  'geojson.not-feature': { en: '{where} is not a GeoJSON Feature', sv: '{where} är inget GeoJSON-objekt av typen Feature' },
  'geojson.no-region': { en: '{where}: no region found in its properties {properties}', sv: '{where}: ingen region hittades bland dess egenskaper {properties}' },
  'geojson.no-region.hint': {
    en: 'give each feature a "code" property with the SCB county code (01–25) or a "name" the tool knows (see: rehab-stats regions)',
    sv: 'ge varje objekt en egenskap "code" med SCB:s länskod (01–25) eller ett "name" som verktyget känner till (se: rehab-stats regions)',
  },
  'geojson.riket': { en: '{where} is Riket, not a region', sv: '{where} är riket, ingen region' },
  'geojson.riket.hint': { en: 'boundaries are drawn per region; leave out the national outline', sv: 'gränser ritas per region; utelämna rikets kontur' },
  'geojson.again': { en: '{where} is {region} again (already feature {first})', sv: '{where} är {region} igen (redan objekt {first})' },
  'geojson.again.hint': { en: 'merge the parts into one MultiPolygon feature per region', sv: 'slå ihop delarna till ett MultiPolygon-objekt per region' },
  'geojson.no-features': { en: 'has no features', sv: 'har inga objekt (features)' },
  'geojson.no-features.hint': { en: 'one feature per region is needed', sv: 'ett objekt per region behövs' },
  'geojson.no-geometry': { en: '{where}: geometry must be a Polygon or MultiPolygon, not missing', sv: '{where}: geometrin måste vara en Polygon eller MultiPolygon, men saknas' },
  'geojson.geometry': { en: '{where}: geometry must be a Polygon or MultiPolygon, not {type}', sv: '{where}: geometrin måste vara en Polygon eller MultiPolygon, inte {type}' },
  'geojson.no-rings': { en: '{where}: a polygon has no rings', sv: '{where}: en polygon saknar ringar' },
  'geojson.short-ring': { en: '{where}: a ring needs at least 4 positions', sv: '{where}: en ring behöver minst 4 positioner' },
  'geojson.not-position': { en: '{where}: {position} is not a position [x, y]', sv: '{where}: {position} är ingen position [x, y]' },
  'note.map-hidden': { en: 'Hidden ({marker}, --suppress {threshold}): {regions}.', sv: 'Dolda ({marker}, --suppress {threshold}): {regions}.' },
} as const satisfies Record<string, Entry>;
