import type { Entry } from './template.js';

/** population: the lookup, its sources, and fetching SCB's table. */
export const POPULATION = {
  'source.bundled-file': { en: 'bundled {file}', sv: 'medföljande {file}' },
  'population.fetched-with': { en: 'fetched with rehab-stats population fetch, in {file}', sv: 'hämtad med rehab-stats population fetch, i {file}' },
  'population.sources-heading': { en: 'Sources (src/data/population-sources.csv; SCB data is CC0):', sv: 'Källor (src/data/population-sources.csv; SCB:s data är CC0):' },
  'population.source-line': { en: '  {id} ({n} {n|figure|figures}): {where}', sv: '  {id} ({n} {n|siffra|siffror}): {where}' },
  'population.see-note-column': { en: 'see the note column of population.csv', sv: 'se kolumnen note i population.csv' },
  'population.includes-fetched': {
    en: 'Includes figures fetched from SCB ({file}) where the bundled table has none.',
    sv: 'Innehåller siffror hämtade från SCB ({file}) där den medföljande tabellen saknar siffror.',
  },

  // Reading a population file rehab-stats wrote (the fetch cache, or --output of population fetch).
  'population-file.not-ours': { en: 'not a rehab-stats population file ({detail})', sv: 'ingen befolkningsfil från rehab-stats ({detail})' },
  'population-file.missing-columns': { en: 'missing {n|column|columns} {columns}', sv: '{n|kolumnen|kolumnerna} {columns} saknas' },
  'population-file.fetch-again.hint': { en: 'delete it and fetch again: rehab-stats population fetch', sv: 'ta bort den och hämta igen: rehab-stats population fetch' },
  'population-file.bad-value': { en: '"{value}" {why}', sv: '"{value}" {why}' },
  'population-file.not-region-code': { en: 'is not an SCB region code (00 Riket, 01–25)', sv: 'är ingen länskod från SCB (00 riket, 01–25)' },
  'population-file.not-year': { en: 'is not a year', sv: 'är inget år' },
  'population-file.not-sex': { en: 'is not total, women or men', sv: 'är inte total, women eller men' },
  'population-file.not-age-group': { en: 'is not {all} or {target}', sv: 'är inte {all} eller {target}' },
  'population-file.not-whole': { en: 'is not a whole number', sv: 'är inget heltal' },

  // population fetch
  'fetch.to-before-from': { en: '--to {to} comes before --from {from}', sv: '--to {to} kommer före --from {from}' },
  'fetch.before-first-year': {
    en: "--from {from}: SCB's population by region, age and sex starts in {first}",
    sv: '--from {from}: SCB:s befolkning efter region, ålder och kön börjar {first}',
  },
  'fetch.unexpected': { en: 'unexpected answer from SCB ({base}): {detail}', sv: 'oväntat svar från SCB ({base}): {detail}' },
  'fetch.table-changed.hint': {
    en: 'the table has changed since this version of rehab-stats; nothing was written. Pass your own with --population FILE (see: rehab-stats population)',
    sv: 'tabellen har ändrats sedan den här versionen av rehab-stats; inget skrevs. Ange en egen med --population FIL (se: rehab-stats population)',
  },
  'fetch.try-later-own.hint': {
    en: 'nothing was written; try again later, or pass your own with --population FILE',
    sv: 'inget skrevs; försök igen senare, eller ange en egen med --population FIL',
  },
  'fetch.replacing-cache': { en: 'replacing the unreadable cache {file} ({detail})', sv: 'ersätter den oläsbara cachen {file} ({detail})' },
  'fetch.cannot-reach': { en: 'cannot reach SCB ({base}): {detail}', sv: 'når inte SCB ({base}): {detail}' },
  'fetch.cannot-reach.hint': {
    en: 'check the network connection and try again; nothing was written. Or pass your own with --population FILE',
    sv: 'kontrollera nätverksanslutningen och försök igen; inget skrevs. Eller ange en egen med --population FIL',
  },
  'fetch.timeout': { en: 'SCB ({base}) gave {detail}', sv: 'SCB ({base}) gav {detail}' },
  'fetch.timeout.hint': { en: 'try again later or with a longer --timeout; nothing was written', sv: 'försök igen senare eller med en längre --timeout; inget skrevs' },
  'fetch.rate-limited': { en: 'SCB ({base}) is limiting requests: {detail}', sv: 'SCB ({base}) begränsar antalet anrop: {detail}' },
  'fetch.rate-limited.hint': {
    en: 'SCB allows a limited number of requests per 10 seconds per address; wait {seconds} s and try again; nothing was written',
    sv: 'SCB tillåter ett begränsat antal anrop per 10 sekunder och adress; vänta {seconds} s och försök igen; inget skrevs',
  },
  'fetch.rate-limited-while.hint': {
    en: 'SCB allows a limited number of requests per 10 seconds per address; wait a while and try again; nothing was written',
    sv: 'SCB tillåter ett begränsat antal anrop per 10 sekunder och adress; vänta en stund och försök igen; inget skrevs',
  },
  'fetch.http': { en: 'SCB ({base}) answered {detail}', sv: 'SCB ({base}) svarade {detail}' },
  'fetch.server.hint': { en: "a problem on SCB's side; try again later; nothing was written", sv: 'ett problem hos SCB; försök igen senare; inget skrevs' },
  'fetch.refused.hint': {
    en: 'the request for {span} was refused: the years may not be published yet (SCB publishes 31 December in February) or the table {table} has changed; nothing was written. Or pass your own with --population FILE',
    sv: 'anropet för {span} avvisades: åren kanske inte är publicerade än (SCB publicerar 31 december i februari) eller så har tabellen {table} ändrats; inget skrevs. Eller ange en egen med --population FIL',
  },
  'fetch.incomplete': { en: "SCB's answer ({base}) is incomplete: {detail}", sv: 'svaret från SCB ({base}) är ofullständigt: {detail}' },
  'fetch.incomplete.hint': { en: 'try again; nothing was written', sv: 'försök igen; inget skrevs' },
  // What went wrong with SCB's answer: the detail in the fetch errors above.
  'http.timeout': { en: 'no complete answer within {seconds:g} s', sv: 'inget fullständigt svar inom {seconds:g} s' },
  'http.network-error': { en: 'network error', sv: 'nätverksfel' },
  'http.cannot-resolve-within': { en: 'cannot resolve {host} within {seconds:g} s (no network?)', sv: 'kan inte slå upp {host} inom {seconds:g} s (inget nätverk?)' },
  'http.cannot-resolve': { en: '{code}: cannot resolve {host}', sv: '{code}: kan inte slå upp {host}' },
  'http.lookup-failed': { en: 'lookup failed', sv: 'namnuppslagningen misslyckades' },
  'http.too-many': { en: 'HTTP 429 Too Many Requests', sv: 'HTTP 429 (för många anrop)' },
  'http.too-many-retry': { en: 'HTTP 429 Too Many Requests, retry after {seconds} s', sv: 'HTTP 429 (för många anrop), försök igen om {seconds} s' },
  // The status line and the server's own words (its problem title and detail) are quoted as sent.
  'http.status': { en: 'HTTP {status} {reason}{problem}', sv: 'HTTP {status} {reason}{problem}' },
  'http.cut-off': { en: 'the response was cut off ({detail})', sv: 'svaret bröts av ({detail})' },
  'http.cut-off-bytes': { en: 'the response was cut off after {got} of {declared} bytes', sv: 'svaret bröts av efter {got} av {declared} byte' },
  'http.not-json': { en: 'the response is not complete JSON ({detail}; {bytes} bytes)', sv: 'svaret är inte fullständig JSON ({detail}; {bytes} byte)' },
  'scb.not-object': { en: 'the response is not a JSON object', sv: 'svaret är inget JSON-objekt' },
  'scb.not-dataset': { en: 'expected a JSON-stat 2.0 dataset, got class {class}', sv: 'väntade ett JSON-stat 2.0-dataset men fick class {class}' },
  'scb.no-ids': { en: 'the dataset has no list of dimensions ("id")', sv: 'datasetet saknar listan över dimensioner ("id")' },
  'scb.size-mismatch': { en: 'the dataset\'s "size" does not match its dimensions', sv: 'datasetets "size" stämmer inte med dess dimensioner' },
  'scb.no-values': {
    en: 'the dataset has no "value" list (a sparse or missing value list is not what SCB documents)',
    sv: 'datasetet saknar listan "value" (en gles eller saknad värdelista är inte vad SCB dokumenterar)',
  },
  'scb.value-count': { en: 'the dataset has {n} values where its dimensions give {expected}', sv: 'datasetet har {n} värden där dess dimensioner ger {expected}' },
  'scb.dimension-not-object': { en: 'the dataset\'s "dimension" is not an object', sv: 'datasetets "dimension" är inget objekt' },
  'scb.bad-code': { en: 'dimension {id} has a category code {code}', sv: 'dimensionen {id} har kategorikoden {code}' },
  'scb.bad-position': {
    en: 'dimension {id}: category {code} has position {position}, not one from 0 to {last}',
    sv: 'dimensionen {id}: kategorin {code} har platsen {position}, inte en från 0 till {last}',
  },
  'scb.positions': {
    en: 'dimension {id} has {n} categories in {positions} positions where its size gives {size}',
    sv: 'dimensionen {id} har {n} kategorier på {positions} platser där dess storlek ger {size}',
  },
  'scb.no-index': { en: 'dimension {id} has no category index', sv: 'dimensionen {id} saknar kategoriindex' },
  'scb.dimensions-gone': {
    en: "SCB's table {table} no longer has the {n|dimension|dimensions} rehab-stats asks for: {dimensions}",
    sv: 'SCB:s tabell {table} har inte längre {n|dimensionen|dimensionerna} som rehab-stats frågar efter: {dimensions}',
  },
  'scb.codes-gone': {
    en: "SCB's table {table} no longer has the codes rehab-stats asks for: {codes}",
    sv: 'SCB:s tabell {table} har inte längre koderna som rehab-stats frågar efter: {codes}',
  },
  'scb.unknown-dimensions': {
    en: "SCB's table {table} has dimensions rehab-stats does not know: {dimensions}",
    sv: 'SCB:s tabell {table} har dimensioner som rehab-stats inte känner till: {dimensions}',
  },
  'scb.no-code': { en: 'the dataset has no {id} {code}', sv: 'datasetet saknar {id} {code}' },
  'scb.not-a-count': { en: 'the value for {codes} is {value}, not a count of people', sv: 'värdet för {codes} är {value}, inget antal personer' },

  // The note of each fetched figure (the population file's note and note_sv columns).
  'fetch.note': { en: 'SCB PxWebApi 2.0 {table} (BE0101N1), retrieved {date} from {url}; {how}', sv: 'SCB PxWebApi 2.0 {table} (BE0101N1), hämtad {date} från {url}; {how}' },
  'fetch.note-ckm': {
    en: '{note} (every SCB cell perturbed by the Cell Key Method from 2025, so sums of cells carry that noise)',
    sv: '{note} (från 2025 har SCB lagt en liten slumpmässig störning på varje cell med Cell Key Method, så summor av celler bär med sig den störningen)',
  },
  'fetch.how.both-published': { en: 'both sexes, all ages, as published', sv: 'båda könen, alla åldrar, enligt SCB:s publicering' },
  'fetch.how.women-men': { en: 'women + men, all ages', sv: 'kvinnor + män, alla åldrar' },
  'fetch.how.all-ages': { en: 'all ages', sv: 'alla åldrar' },
  'fetch.how.both-16-67': { en: 'both sexes, sum of single years 16–67', sv: 'båda könen, summan av ettårsklasserna 16–67' },
  'fetch.how.women-men-16-67': { en: 'sum of single years 16–67, women + men', sv: 'summan av ettårsklasserna 16–67, kvinnor + män' },
  'fetch.how.16-67': { en: 'sum of single years 16–67', sv: 'summan av ettårsklasserna 16–67' },

  'fetch.done': {
    en: 'Fetched from SCB ({tables}, BE0101N1, 31 December, CC0) on {date}: {years}, {places} regions incl. Riket, {n} figures (total, women, men; all ages and 16–67).',
    sv: 'Hämtat från SCB ({tables}, BE0101N1, 31 december, CC0) {date}: {years}, {places} regioner inkl. riket, {n} siffror (totalt, kvinnor, män; alla åldrar och 16–67).',
  },
  'fetch.written-output': { en: 'Written to {file} (use it with --population).', sv: 'Skrivet till {file} (använd den med --population).' },
  'fetch.written-cache': {
    en: 'Written to {file}; rank, growth, summary and report use it where the bundled table has no figure.',
    sv: 'Skrivet till {file}; rank, growth, summary och report använder den där den medföljande tabellen saknar en siffra.',
  },
} as const satisfies Record<string, Entry>;
