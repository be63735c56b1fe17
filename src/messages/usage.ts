import type { Entry } from './template.js';

/**
 * Usage errors: the command line itself is wrong (exit 2). Commander's own errors are
 * rebuilt from their parameters (src/cli.ts), so they read the same in either language.
 */
export const USAGE = {
  'commander.unknown-option': { en: "unknown option '{flag}'", sv: "okänd flagga '{flag}'" },
  'commander.unknown-command': { en: "unknown command '{name}'", sv: "okänt kommando '{name}'" },
  'commander.did-you-mean': { en: '(Did you mean {candidate}?)', sv: '(Menade du {candidate}?)' },
  'commander.did-you-mean-one-of': { en: '(Did you mean one of {candidates}?)', sv: '(Menade du någon av {candidates}?)' },
  'commander.missing-argument': { en: "missing required argument '{name}'", sv: "argumentet '{name}' saknas" },
  'commander.option-missing-argument': { en: "option '{flags}' argument missing", sv: "flaggan '{flags}' saknar värde" },
  'commander.missing-mandatory-option': { en: "required option '{flags}' not specified", sv: "flaggan '{flags}' måste anges" },
  'commander.conflicting-option': { en: "option '{a}' cannot be used with option '{b}'", sv: "flaggan '{a}' kan inte användas tillsammans med flaggan '{b}'" },
  'commander.excess-arguments': {
    en: 'too many arguments. Expected {expected} {expected|argument|arguments} but got {got}.',
    sv: 'för många argument. Väntade {expected} {expected|argument|argument} men fick {got}.',
  },
  'commander.excess-arguments-for': {
    en: "too many arguments for '{command}'. Expected {expected} {expected|argument|arguments} but got {got}.",
    sv: "för många argument till '{command}'. Väntade {expected} {expected|argument|argument} men fick {got}.",
  },
  'commander.invalid-choice': {
    en: "option '{flags}' argument '{value}' is invalid. Allowed choices are {choices}.",
    sv: "flaggan '{flags}' har ett ogiltigt värde '{value}'. Tillåtna värden är {choices}.",
  },
  'commander.invalid-argument-choice': {
    en: "command-argument value '{value}' is invalid for argument '{name}'. Allowed choices are {choices}.",
    sv: "värdet '{value}' är ogiltigt för argumentet '{name}'. Tillåtna värden är {choices}.",
  },
  /** Any other commander message, as commander wrote it (only in English). */
  'commander.other': { en: '{text}', sv: '{text}' },

  // Option values rehab-stats checks itself.
  'option.sex': { en: '--sex {value}: use all, women or men', sv: '--sex {value}: använd all, women eller men' },
  'option.denominator': { en: '--denominator {value}: use all or 16-67', sv: '--denominator {value}: använd all eller 16-67' },
  'option.positive': { en: '{option} {value}: expected a positive number', sv: '{option} {value}: ett positivt tal behövs' },
  'option.year': { en: '{option} {value}: expected a four-digit year, e.g. 2014', sv: '{option} {value}: ett årtal med fyra siffror behövs, t.ex. 2014' },
  'option.ci': { en: '--ci {value}: use 90, 95, 99 or 99.8', sv: '--ci {value}: använd 90, 95, 99 eller 99.8' },
  'option.excel-needs-csv': { en: '--excel goes with --format csv', sv: '--excel används tillsammans med --format csv' },
  'option.xlsx-to-terminal': { en: '--format xlsx writes a binary workbook, not text for a terminal', sv: '--format xlsx skriver en binär arbetsbok, inte text för en terminal' },
  'option.xlsx-to-terminal.hint': { en: 'add --output FILE.xlsx (or redirect stdout to a file)', sv: 'lägg till --output FIL.xlsx (eller styr om standard ut till en fil)' },
  'option.delimiter': { en: '--delimiter {value}: use ";", "," or "tab"', sv: '--delimiter {value}: använd ";", "," eller "tab"' },
  'option.map': {
    en: '--map {pair}: expected ROLE=COLUMN with ROLE one of {roles}, count, population',
    sv: '--map {pair}: skriv ROLL=KOLUMN där ROLL är en av {roles}, count, population',
  },
  'option.no-such-column': { en: '{option}: {file} has no such column', sv: '{option}: {file} har ingen sådan kolumn' },
  'option.columns-are.hint': { en: 'its columns are {columns}', sv: 'dess kolumner är {columns}' },
  'option.columns-are-or-number.hint': {
    en: 'its columns are {columns}; give a header or a column number',
    sv: 'dess kolumner är {columns}; ange en rubrik eller ett kolumnnummer',
  },
  'option.numerator-needs-denominator': { en: '--numerator needs --denominator COLUMN', sv: '--numerator kräver --denominator KOLUMN' },
  'option.numerator-denominator': { en: '--numerator and --denominator go together', sv: '--numerator och --denominator används tillsammans' },
  'publish.provenance-time-alone': { en: '--provenance-time goes with --provenance', sv: '--provenance-time hör ihop med --provenance' },
  'publish.provenance-time-alone.hint': { en: 'e.g. --output ranked.csv --provenance --provenance-time', sv: 't.ex. --output ranked.csv --provenance --provenance-time' },
  'publish.source-date-epoch': {
    en: 'SOURCE_DATE_EPOCH={value}: expected whole seconds since 1970-01-01 UTC, e.g. 1767225600',
    sv: 'SOURCE_DATE_EPOCH={value}: väntade hela sekunder sedan 1970-01-01 UTC, t.ex. 1767225600',
  },
  'publish.source-date-epoch.hint': { en: 'unset it to use the clock', sv: 'ta bort den för att använda klockan' },
  'publish.break-too-few-shown': {
    en: '{what} with {rule}: {years} {hidden|is|are} hidden, leaving {before} shown {before|year|years} before {year} and {after} from it; a break model needs at least {min} on each side',
    sv: '{what} med {rule}: {years} {hidden|döljs|döljs}, och kvar blir {before} visade år före {year} och {after} från och med det; en brytpunktsmodell behöver minst {min} på varje sida',
  },
  'publish.break-too-few-shown.hint': {
    en: 'a lower suppression threshold, or a break year with more shown years on each side',
    sv: 'en lägre gräns för att dölja, eller ett brytår med fler visade år på varje sida',
  },
  'publish.break-in-config': { en: '"break" at {year}', sv: '"break" vid {year}' },
} as const satisfies Record<string, Entry>;
