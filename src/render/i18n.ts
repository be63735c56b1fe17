import type { Lang } from './model.js';

/**
 * Swedish for what people read: table titles, headers, notes, comparison words and the
 * common messages. Machine formats (CSV, TSV, JSON) keep their English keys and values, so
 * scripts do not depend on the language. Text without a rule stays English.
 */
type Rule = [RegExp, string | ((...m: string[]) => string)];

const swedishNumber = (s: string) => s.replace(/,/g, ' ');

const EXACT: Record<string, string> = {
  Rank: 'Plats',
  Code: 'Kod',
  Region: 'Region',
  Count: 'Antal',
  Population: 'Befolkning',
  Note: 'Anmärkning',
  'vs Riket': 'Mot riket',
  Funnel: 'Tratt',
  Change: 'Förändring',
  'Change %': 'Förändring %',
  'Per year': 'Per år',
  'Rate ratio': 'Kvot',
  // Headers of machine-only columns, read in an xlsx.
  Lower: 'Nedre',
  Upper: 'Övre',
  Ratio: 'Kvot mot riket',
  '95% low': '95 % nedre',
  '95% high': '95 % övre',
  '99.8% low': '99,8 % nedre',
  '99.8% high': '99,8 % övre',
  Significant: 'Signifikant',
  Method: 'Metod',
  Sex: 'Kön',
  Total: 'Totalt',
  Share: 'Andel',
  Year: 'År',
  Trend: 'Trend',
  CAGR: 'Årlig ökning',
  Fitted: 'Anpassad',
  'Doubling (years)': 'Fördubbling (år)',
  Statistic: 'Mått',
  Value: 'Värde',
  Answer: 'Svar',
  Regions: 'Regioner',
  Of: 'Av',
  'County (län)': 'Län',
  Kolada: 'Kolada',
  'Also accepted': 'Godtas också',
  Women: 'Kvinnor',
  Men: 'Män',
  higher: 'högre',
  lower: 'lägre',
  similar: 'ingen skillnad',
  within: 'inom',
  increase: 'ökning',
  decrease: 'minskning',
  no: 'nej',
  women: 'kvinnor',
  men: 'män',
  'as reported in the input': 'enligt indata',
  'sum of the 21 regions': 'summan av de 21 regionerna',
  'Population: SCB, BE0101N1, 31 December (CC0).': 'Befolkning: SCB, BE0101N1, 31 december (CC0).',
  'Intervals: Wilson score, 95%.': 'Intervall: Wilson, 95 %.',
  regions: 'regioner',
  statistic: 'mått',
  min: 'min',
  max: 'max',
  median: 'median',
  mean: 'medelvärde',
  sd: 'standardavvikelse',
  cv: 'variationskoefficient',
  q1: 'nedre kvartil',
  q3: 'övre kvartil',
  max_min_ratio: 'högst/lägst',
  Interval: 'Intervall',
  'Base count status': 'Status basår',
  'Total status': 'Status totalt',
  exact: 'exakt',
  byar: 'Byar',
  dobson: 'Dobson',
  'hidden: would reveal a small count': 'dold: skulle röja ett litet antal',
  'First count status': 'Status första antal',
  'Last count status': 'Status sista antal',
  'Rest count status': 'Status övriga antal',
};

const RULES: Rule[] = [
  [/^Per ([\d,]+)$/, (_, n) => `Per ${swedishNumber(n!)}`],
  [/^(\d+(?:\.\d)?)% CI$/, (_, p) => `${p!.replace('.', ',')} % KI`],
  [/^95% CI \(%\)$/, '95 % KI (%)'],
  [/^Count (\d{4})$/, (_, y) => `Antal ${y}`],
  [/^(\d{4}) per ([\d,]+)$/, (_, y, n) => `${y} per ${swedishNumber(n!)}`],
  [
    /^(.+) treatments per ([\d,]+) inhabitants( \((.+)\))?, (\d{4})$/,
    (_, m, n, _g, who, y) => `${m}: behandlingar per ${swedishNumber(n!)} invånare${who ? ` (${translate(who, 'sv')})` : ''}, ${y}`,
  ],
  [
    /^(.+) treatments( per inhabitant)?( \((.+)\))?, (\d{4})–(\d{4})$/,
    (_, m, pc, _g, who, a, b) => `${m}: behandlingar${pc ? ' per invånare' : ''}${who ? ` (${translate(who, 'sv')})` : ''}, ${a}–${b}`,
  ],
  [
    /^Share of (.+) by (method|sex|region), (\d{4})$/,
    (_, what, by, y) =>
      `Andel av ${what === 'all treatments' ? 'alla behandlingar' : what.replace(' treatments', '-behandlingar')} per ${({ method: 'metod', sex: 'kön', region: 'region' } as Record<string, string>)[by!]}, ${y}`,
  ],
  [/^(.+), Riket, (\d{4})–(\d{4})$/, (_, m, a, b) => `${m}, riket, ${a}–${b}`],
  [/^(.+) per region, (\d{4})–(\d{4})$/, (_, m, a, b) => `${m} per region, ${a}–${b}`],
  [/^Spread across (\d+) regions: (.+) per ([\d,]+) inhabitants, (\d{4})$/, (_, n, m, p, y) => `Spridning mellan ${n} regioner: ${m} per ${swedishNumber(p!)} invånare, ${y}`],
  [/^Spread across (\d+) regions: (.+) treatments, (\d{4})$/, (_, n, m, y) => `Spridning mellan ${n} regioner: ${m}-behandlingar, ${y}`],
  [/^Answers in "(.+)" per method$/, (_, c) => `Svar i "${c}" per metod`],
  [/^Total of (\d+) regions?$/, (_, n) => `Summa för ${n} ${n === '1' ? 'region' : 'regioner'}`],
  [/^sum of the (\d+) regions? with counts$/, (_, n) => `summan av de ${n} regionerna med antal`],
  [/^fewer than (\d+) treatments: rate unstable$/, (_, n) => `färre än ${n} behandlingar: osäker andel`],
  [/^missing in input( \(line (.+)\))?$/, (_, _l, n) => `saknas i indata${n ? ` (rad ${n})` : ''}`],
  [/^no percentage: zero (\d{4}) base$/, (_, y) => `ingen procentsats: noll ${y}`],
  [/^(above|below) (95|99\.8)%$/, (_, d, p) => `${d === 'above' ? 'över' : 'under'} ${p!.replace('.', ',')} %`],
  [
    /^Data: bundled illustrative counts/,
    'Data: medföljande illustrativa antal som stämmer med publicerade nationella summor (SKL, Rehabiliteringsgarantin 2009–2015); fördelningen på regioner är modellerad, inte officiell.',
  ],
  [/^Data: (.+)\.$/, (_, f) => `Data: ${f}.`],
  [
    /^Population also from SCB's API \(BE0101N1\) as fetched( on (.+))? into (.+)\.$/,
    (_, _o, d, f) => `Befolkning även från SCB:s API (BE0101N1), hämtad${d ? ` ${d}` : ''} till ${f}.`,
  ],
  [/^Population also from (.+)\.$/, (_, f) => `Befolkning även från ${f}.`],
  [
    /^Riket (\d{4})( \((.+)\))?: population ([\d,]+) as published; the 21 regions sum to ([\d,]+) \(([+-]?\d+)\) — (from reference year 2025|the population table gives both).*?\.( Riket's rate uses the published figure\.)?$/,
    (_, y, _g, g, n, m, d, why, use) =>
      `Riket ${y}${g ? ` (${translate(g, 'sv')})` : ''}: befolkning ${swedishNumber(n!)} enligt publiceringen; de 21 regionerna summerar till ${swedishNumber(m!)} (${d}) — ${why === 'the population table gives both' ? 'befolkningstabellen anger båda' : 'från referensåret 2025 lägger SCB en liten slumpmässig störning på varje publicerad cell (Cell Key Method), så delarna behöver inte summera till helheten'}.${use ? ' Rikets värde beräknas med den publicerade siffran.' : ''}`,
  ],
  [/^Population: (.+)\.$/, (_, f) => `Befolkning: ${f}.`],
  [
    /^Interval: exact Poisson; regions share a rank only when their rates are exactly equal\.$/,
    'Intervall: exakt Poisson; regioner delar plats bara när deras värden är exakt lika.',
  ],
  [
    /^vs Riket: higher or lower when the region's ([\d.]+)% interval lies wholly above or below the national rate\.$/,
    (_, p) => `Mot riket: högre eller lägre när regionens ${p!.replace('.', ',')} %-intervall ligger helt över eller under rikets värde.`,
  ],
  [/^Per year: compound annual growth rate over (\d+) years?\.$/, (_, n) => `Per år: genomsnittlig årlig ökningstakt över ${n} år.`],
  [/^Not in the input for (\d{4}): (.+)\.$/, (_, y, list) => `Saknas i indata för ${y}: ${list}.`],
  [
    /^The highest region has ([\d.]+) times the (rate|count) of the lowest\.$/,
    (_, x, w) => `Den högsta regionen har ${x!.replace('.', ',')} gånger ${w === 'rate' ? 'andelen' : 'antalet'} i den lägsta.`,
  ],
  [/^CAGR (\d{4})–(\d{4}): ([+−-]?[\d.]+)% per year\.$/, (_, a, b, p) => `Årlig ökning ${a}–${b}: ${p!.replace('.', ',')} % per år.`],
  [
    /^Log-linear fit over (\d+) years: ([+−-]?[\d.]+)% per year(, doubling every ([\d.]+) years)?\.$/,
    (_, n, p, _d, y) => `Log-linjär anpassning över ${n} år: ${p!.replace('.', ',')} % per år${y ? `, fördubbling vart ${y.replace('.', ',')} år` : ''}.`,
  ],
  [
    /^(.+): (\d+) of (\d+) regions answered (.+) \((\d+)%, 95% CI (\d+)–(\d+)%\)\.$/,
    (_, m, a, b, what, p, l, u) => `${m}: ${a} av ${b} regioner svarade ${what.replace(/ or /g, ' eller ')} (${p} %, 95 % KI ${l}–${u} %).`,
  ],
  [/^hidden: fewer than (\d+)$/, (_, n) => `dold: färre än ${n}`],
  [
    /^Counts below (\d+) are hidden \((.)\) with every figure computed from them, and so are counts from which one could be worked out; – is missing\.$/,
    (_, n, m) => `Antal under ${n} visas inte (${m}), inte heller det som räknas fram ur dem eller antal som de skulle kunna räknas fram ur; – saknas.`,
  ],
  [
    /^Counts are rounded to a multiple of (\d+); rates are computed from the rounded counts\.$/,
    (_, k) => `Antalen är avrundade till jämna ${k}-tal; andelar per invånare är beräknade på de avrundade antalen.`,
  ],
  [
    /^(?:(.+): )?(\d{4}(?:, \d{4})*) hidden \((.), --suppress (\d+)\): left out of the CAGR(, the log-linear fit and the break model| and the log-linear fit)\.$/,
    (_, who, years, m, n, model) =>
      `${who ? `${who}: ` : ''}${years} döljs (${m}, --suppress ${n}): inte med i den årliga ökningen${model!.includes('break') ? ', den log-linjära anpassningen eller brytpunktsmodellen' : ' eller den log-linjära anpassningen'}.`,
  ],
  [/^(.+): fewer than two (shown|known) years, so no growth rate\.$/, (_, who, w) => `${who}: färre än två ${w === 'shown' ? 'visade' : 'kända'} år, så ingen tillväxttakt.`],
  [/^(\d+) regions? hidden by --suppress (\d+) left out\.$/, (_, n, t) => `${n} ${n === '1' ? 'region' : 'regioner'} som döljs av --suppress ${t} är inte med.`],
  // Messages
  [/^unknown region "(.+)"$/, (_, r) => `okänd region "${r}"`],
  [/^"(.*)" is not a number$/, (_, v) => `"${v}" är inte ett tal`],
  [/^no such file$/, 'filen finns inte'],
  [/^write numbers like 1234, 1 234 or 1234,5; "\.\." marks a missing value$/, 'skriv tal som 1234, 1 234 eller 1234,5; ".." betyder att värdet saknas'],
  [/^check the path; use - to read from stdin$/, 'kontrollera sökvägen; - läser från standard in'],
  [/^remove one of the two rows, or pass --sum-duplicates to add them up$/, 'ta bort en av raderna, eller lägg till --sum-duplicates för att summera dem'],
  [/^the file is empty$/, 'filen är tom'],
  [/^(.+) has no method "(.+)"$/, (_, src, m) => `${src === 'the bundled dataset' ? 'den medföljande datamängden' : src} har ingen metod "${m}"`],
  [/^methods in the data: (.+)$/, (_, l) => `metoder i data: ${l}`],
  // xlsx input (src/ingest/xlsx.ts)
  [/^the sheet is empty$/, 'bladet är tomt'],
  [/^the sheet has no table$/, 'bladet har ingen tabell'],
  [/^the sheet has a header but no data rows$/, 'bladet har en rubrikrad men inga datarader'],
  [/^the workbook has no sheets$/, 'arbetsboken har inga blad'],
  [/^choose the sheet that holds the table with --sheet NAME or --sheet N$/, 'välj bladet med tabellen med --sheet NAMN eller --sheet N'],
  [/^--sheet (.+): (.+) has no such sheet$/, (_, w, f) => `--sheet ${w}: ${f} har inget sådant blad`],
  [
    /^--sheet (.+): (.+) has a sheet named "(.+)" and a different sheet at position (\d+) \("(.+)"\)$/,
    (_, w, f, a, n, b) => `--sheet ${w}: ${f} har ett blad som heter "${a}" och ett annat blad på plats ${n} ("${b}")`,
  ],
  [/^--sheet (.+): (.+) has chart sheets, so a position is ambiguous$/, (_, w, f) => `--sheet ${w}: ${f} har diagramblad, så en plats är tvetydig`],
  [/^give the sheet's name; its sheets with cells are (.+)$/, (_, l) => `ange bladets namn; dess blad med celler är ${l}`],
  [/^--sheet (.+) needs --input FILE\.xlsx$/, (_, w) => `--sheet ${w} kräver --input FIL.xlsx`],
  [/^the bundled data has no sheets; give the workbook with --input$/, 'medföljande data har inga blad; ange arbetsboken med --input'],
  [/^the header cell holds a date \((.+)\), not a name or a year$/, (_, d) => `rubrikcellen innehåller ett datum (${d}), inget namn eller år`],
  [/^type the year as a number \(2014\), or give the cell the number format yyyy$/, 'skriv året som ett tal (2014), eller ge cellen talformatet åååå'],
  [/^its sheets are (.+); give a name or a number$/, (_, l) => `dess blad är ${l}; ange ett namn eller ett nummer`],
  [/^its sheets are (.+); give the name of the other sheet to read it$/, (_, l) => `dess blad är ${l}; ange det andra bladets namn för att läsa det`],
  [/^--sheet (.+): (.+) is not an xlsx workbook$/, (_, w, f) => `--sheet ${w}: ${f} är ingen xlsx-arbetsbok`],
  [/^only a workbook has sheets; leave --sheet out for CSV and TSV input$/, 'bara en arbetsbok har blad; utelämna --sheet för CSV och TSV'],
  [/^the cell holds the error (.+), not a value$/, (_, e) => `cellen innehåller felet ${e}, inget värde`],
  [
    /^correct the formula that gives (.+) in the workbook, or write \.\. in the cell for a missing value$/,
    (_, e) => `rätta formeln som ger ${e} i arbetsboken, eller skriv .. i cellen för ett saknat värde`,
  ],
  [/^the formula (".+") has no saved result$/, (_, f) => `formeln ${f} har inget sparat resultat`],
  [
    /^open the workbook in Excel or LibreOffice and save it, so that every formula's result is stored; or save the sheet as CSV$/,
    'öppna arbetsboken i Excel eller LibreOffice och spara den, så att varje formels resultat lagras; eller spara bladet som CSV',
  ],
  [
    /^the cell holds a date; type the value itself/,
    'cellen innehåller ett datum; skriv själva värdet (ett år som 2014, ett antal som ett tal), eller ge en årscell talformatet åååå',
  ],
  [
    /^column "(.+)" is under "(.+)", which looks like a rate or share, not (counts|a population)$/,
    (_, c, g, w) => `kolumnen "${c}" står under "${g}", som ser ut som en andel eller kvot, inte ${w === 'counts' ? 'antal' : 'en befolkning'}`,
  ],
  [
    /^the header "(.+)" stands under both "(.+)" and "(.+)"; one header row cannot tell them apart$/,
    (_, h, a, b) => `rubriken "${h}" står under både "${a}" och "${b}"; en rubrikrad kan inte skilja dem åt`,
  ],
  [
    /^put each group on a sheet of its own and choose it with --sheet, or make a long table with a column for the group$/,
    'lägg varje grupp på ett eget blad och välj det med --sheet, eller gör en lång tabell med en kolumn för gruppen',
  ],
  [/^is an old binary Excel workbook \(\.xls\), which rehab-stats cannot read$/, 'är en gammal binär Excel-arbetsbok (.xls), som rehab-stats inte kan läsa'],
  [/^is a binary Excel workbook \(\.xlsb\), which rehab-stats cannot read$/, 'är en binär Excel-arbetsbok (.xlsb), som rehab-stats inte kan läsa'],
  [/^is an OpenDocument spreadsheet \(\.ods\), which rehab-stats cannot read$/, 'är ett OpenDocument-kalkylark (.ods), som rehab-stats inte kan läsa'],
  [
    /^save it as an Excel Workbook \(\.xlsx\) or as CSV and read that( \(a password-protected)?/,
    (_, p) => `spara den som Excel-arbetsbok (.xlsx) eller som CSV och läs den${p ? ' (en lösenordsskyddad .xlsx lagras likadant: ta bort lösenordet först)' : ''}`,
  ],
  [/^save it as \.xlsx or CSV \(File › Save As in LibreOffice\), or: (.+)$/, (_, c) => `spara den som .xlsx eller CSV (Arkiv › Spara som i LibreOffice), eller: ${c}`],
  [/^is a ZIP archive but not an xlsx workbook \(it has no xl\/workbook\.xml\)$/, 'är ett ZIP-arkiv men ingen xlsx-arbetsbok (den har ingen xl/workbook.xml)'],
  [/^unpack it and give the xlsx or CSV file inside$/, 'packa upp det och ange xlsx- eller CSV-filen i det'],
  [/^cannot be read as an xlsx workbook \((.*)\)$/, (_, w) => `kan inte läsas som en xlsx-arbetsbok (${w})`],
  [
    /^open it in Excel or LibreOffice and save it again as \.xlsx, or save the sheet as CSV$/,
    'öppna den i Excel eller LibreOffice och spara den igen som .xlsx, eller spara bladet som CSV',
  ],
  [/^closest known names: (.+?)( \(see: (.+)\))?$/, (_, l, _s, see) => `närmaste kända namn: ${l}${see ? ` (se: ${see})` : ''}`],
];

/** Swedish for `text` where a rule knows it; English otherwise (and always for lang 'en'). */
export function translate(text: string, lang: Lang): string {
  if (lang !== 'sv' || text === '') return text;
  const exact = EXACT[text];
  if (exact !== undefined) return exact;
  for (const [re, to] of RULES) {
    const m = re.exec(text);
    if (m) return typeof to === 'string' ? to : to(...m);
  }
  return text;
}
