import type { Entry } from './template.js';

/** Reading an xlsx workbook (src/ingest/xlsx.ts): the workbook, its sheets and cells CSV cannot show. */
export const XLSX = {
  'xlsx.xls': { en: 'is an old binary Excel workbook (.xls), which rehab-stats cannot read', sv: 'är en gammal binär Excel-arbetsbok (.xls), som rehab-stats inte kan läsa' },
  'xlsx.xls.hint': {
    en: 'save it as an Excel Workbook (.xlsx) or as CSV and read that (a password-protected .xlsx is stored the same way: remove the password first)',
    sv: 'spara den som Excel-arbetsbok (.xlsx) eller som CSV och läs den (en lösenordsskyddad .xlsx lagras likadant: ta bort lösenordet först)',
  },
  'xlsx.ods': { en: 'is an OpenDocument spreadsheet (.ods), which rehab-stats cannot read', sv: 'är ett OpenDocument-kalkylark (.ods), som rehab-stats inte kan läsa' },
  'xlsx.ods.hint': {
    en: 'save it as .xlsx or CSV (File › Save As in LibreOffice), or: {command}',
    sv: 'spara den som .xlsx eller CSV (Arkiv › Spara som i LibreOffice), eller: {command}',
  },
  'xlsx.xlsb': { en: 'is a binary Excel workbook (.xlsb), which rehab-stats cannot read', sv: 'är en binär Excel-arbetsbok (.xlsb), som rehab-stats inte kan läsa' },
  'xlsx.save-as.hint': { en: 'save it as an Excel Workbook (.xlsx) or as CSV and read that', sv: 'spara den som Excel-arbetsbok (.xlsx) eller som CSV och läs den' },
  'xlsx.zip': { en: 'is a ZIP archive but not an xlsx workbook (it has no xl/workbook.xml)', sv: 'är ett ZIP-arkiv men ingen xlsx-arbetsbok (den har ingen xl/workbook.xml)' },
  'xlsx.zip.hint': { en: 'unpack it and give the xlsx or CSV file inside', sv: 'packa upp det och ange xlsx- eller CSV-filen i det' },
  'xlsx.unreadable': { en: 'cannot be read as an xlsx workbook ({reason})', sv: 'kan inte läsas som en xlsx-arbetsbok ({reason})' },
  'xlsx.unreadable.hint': {
    en: 'open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV',
    sv: 'öppna den i Excel eller LibreOffice och spara den igen som .xlsx, eller spara bladet som CSV',
  },
  'xlsx.no-sheets': { en: 'the workbook has no sheets', sv: 'arbetsboken har inga blad' },
  'xlsx.no-sheets.hint': { en: 'give a workbook with the table on a sheet, or the table as CSV', sv: 'ange en arbetsbok med tabellen på ett blad, eller tabellen som CSV' },
  'xlsx.chart-sheets': {
    en: '--sheet {wanted}: {file} has chart sheets, so a position is ambiguous',
    sv: '--sheet {wanted}: {file} har diagramblad, så en plats är tvetydig',
  },
  'xlsx.chart-sheets.hint': { en: "give the sheet's name; its sheets with cells are {sheets}", sv: 'ange bladets namn; dess blad med celler är {sheets}' },
  'xlsx.name-and-position': {
    en: '--sheet {wanted}: {file} has a sheet named "{named}" and a different sheet at position {position} ("{other}")',
    sv: '--sheet {wanted}: {file} har ett blad som heter "{named}" och ett annat blad på plats {position} ("{other}")',
  },
  'xlsx.name-and-position.hint': {
    en: 'its sheets are {sheets}; give the name of the other sheet to read it',
    sv: 'dess blad är {sheets}; ange det andra bladets namn för att läsa det',
  },
  'xlsx.no-such-sheet': { en: '--sheet {wanted}: {file} has no such sheet', sv: '--sheet {wanted}: {file} har inget sådant blad' },
  'xlsx.no-such-sheet.hint': { en: 'its sheets are {sheets}; give a name or a number', sv: 'dess blad är {sheets}; ange ett namn eller ett nummer' },
  'xlsx.date.hint': {
    en: 'the cell holds a date; type the value itself (a year as 2014, a count as a number), or give a year cell the number format yyyy',
    sv: 'cellen innehåller ett datum; skriv själva värdet (ett år som 2014, ett antal som ett tal), eller ge en årscell talformatet åååå',
  },
  'xlsx.sheet-empty': { en: 'the sheet is empty', sv: 'bladet är tomt' },
  'xlsx.choose-sheet.hint': {
    en: 'choose the sheet that holds the table with --sheet NAME or --sheet N',
    sv: 'välj bladet med tabellen med --sheet NAMN eller --sheet N',
  },
  'xlsx.right-sheet.hint': { en: 'check that this is the right sheet', sv: 'kontrollera att det är rätt blad' },
  'xlsx.no-table': { en: 'the sheet has no table', sv: 'bladet har ingen tabell' },
  'xlsx.header-only': { en: 'the sheet has a header but no data rows', sv: 'bladet har en rubrikrad men inga datarader' },
  'xlsx.group-rate': {
    en: 'column "{column}" is under "{group}", which looks like a rate or share, not counts',
    sv: 'kolumnen "{column}" står under "{group}", som ser ut som en andel eller kvot, inte antal',
  },
  'xlsx.group-rate-population': {
    en: 'column "{column}" is under "{group}", which looks like a rate or share, not a population',
    sv: 'kolumnen "{column}" står under "{group}", som ser ut som en andel eller kvot, inte en befolkning',
  },
  'xlsx.group-rate.hint': {
    en: 'rehab-stats needs the number of treatments itself and computes rates',
    sv: 'rehab-stats behöver själva antalet behandlingar och räknar ut värden per invånare',
  },
  'xlsx.group-rate-population.hint': {
    en: 'rehab-stats needs the population itself and computes rates',
    sv: 'rehab-stats behöver själva befolkningen och räknar ut värden per invånare',
  },
  'xlsx.header-in-two-groups': {
    en: 'the header "{header}" stands under both "{first}" and "{second}"; one header row cannot tell them apart',
    sv: 'rubriken "{header}" står under både "{first}" och "{second}"; en rubrikrad kan inte skilja dem åt',
  },
  'xlsx.header-in-two-groups.hint': {
    en: 'put each group on a sheet of its own and choose it with --sheet, or make a long table with a column for the group',
    sv: 'lägg varje grupp på ett eget blad och välj det med --sheet, eller gör en lång tabell med en kolumn för gruppen',
  },
  'xlsx.cell-error': { en: 'the cell holds the error {error}, not a value', sv: 'cellen innehåller felet {error}, inget värde' },
  'xlsx.cell-error.hint': {
    en: 'correct the formula that gives {error} in the workbook, or write .. in the cell for a missing value',
    sv: 'rätta formeln som ger {error} i arbetsboken, eller skriv .. i cellen för ett saknat värde',
  },
  'xlsx.no-result': { en: 'the formula {formula} has no saved result', sv: 'formeln {formula} har inget sparat resultat' },
  'xlsx.no-result.hint': {
    en: "open the workbook in Excel or LibreOffice and save it, so that every formula's result is stored; or save the sheet as CSV",
    sv: 'öppna arbetsboken i Excel eller LibreOffice och spara den, så att varje formels resultat lagras; eller spara bladet som CSV',
  },
  'xlsx.header-date': { en: 'the header cell holds a date ({date}), not a name or a year', sv: 'rubrikcellen innehåller ett datum ({date}), inget namn eller år' },
  'xlsx.header-date.hint': {
    en: 'type the year as a number (2014), or give the cell the number format yyyy',
    sv: 'skriv året som ett tal (2014), eller ge cellen talformatet åååå',
  },
  'xlsx.invalid-date': { en: 'an invalid date', sv: 'ett ogiltigt datum' },
} as const satisfies Record<string, Entry>;
