import { describe, expect, it } from 'vitest';
import { CATALOGUE, GROUPS, english, msg, paramsOf, placeholderNames, resolveLang, langFlag, say, t, translated, type Message } from '../../src/messages/index.js';
import { localise } from '../../src/render/localise.js';
import type { ResultTable } from '../../src/render/model.js';
import { AGE_WORDS, CHANGE_WORDS, COMPARISON_WORDS, FUNNEL_WORDS, INTERVAL_METHOD_WORDS, SEX_WORDS, STATISTIC_WORDS } from '../../src/render/words.js';
import type { Entry } from '../../src/messages/template.js';

/** Keys whose Swedish is, on purpose, the same as the English (names, symbols, a placeholder alone). */
const SAME_IN_BOTH = new Set<string>([
  'commander.other',
  'error.system-call',
  'list',
  'note.data',
  'group.paren',
  'header.region',
  'header.trend',
  'header.kolada',
  'header.per',
  'header.year-per',
  'cell.min',
  'report.data',
  'report.funnel-axis',
  'http.status',
  'cell.max',
  'cell.median',
  'source.bundled-population',
  'share.by.region',
  'title.trend-by-region',
  'title.trend',
  'note.population-source',
  'tally.method',
  'funnel.per',
  'role.region',
  'config.in-regions',
  'header.status',
]);

const entries = Object.entries(CATALOGUE) as [string, Entry][];

describe('the message catalogue', () => {
  it('has Swedish text for every key, with the same placeholders as the English', () => {
    const problems: string[] = [];
    for (const [key, e] of entries) {
      if (typeof e.sv !== 'string' || e.sv.trim() === '') problems.push(`${key}: no Swedish text`);
      if (typeof e.en !== 'string' || e.en.trim() === '') problems.push(`${key}: no English text`);
      const en = [...new Set(placeholderNames(e.en))].sort();
      const sv = [...new Set(placeholderNames(e.sv))].sort();
      if (en.join() !== sv.join()) problems.push(`${key}: placeholders {${en.join('}, {')}} in English but {${sv.join('}, {')}} in Swedish`);
      if (e.sv === e.en && !SAME_IN_BOTH.has(key) && /[a-z]{3}/i.test(e.en.replace(/\{[^}]*\}/g, ''))) problems.push(`${key}: the Swedish is the English text`);
      for (const text of [e.en, e.sv]) if (/[{}]/.test(text.replace(/\{[^{}]+\}/g, ''))) problems.push(`${key}: unbalanced braces in "${text}"`);
    }
    expect(problems).toEqual([]);
  });

  it('finds a key without Swedish text (the check above is not vacuous)', () => {
    // A missing "sv" is also a compile error: every group is declared `satisfies Record<string, Entry>`.
    // @ts-expect-error -- an entry needs both languages
    const broken: Entry = { en: 'only English' };
    expect(typeof (broken as Partial<Entry>).sv).toBe('undefined');
    expect(placeholderNames('{a} and {b:n1} of {n|row|rows}')).toEqual(['a', 'b', 'n']);
  });

  it('defines each key in one group only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [group, keys] of Object.entries(GROUPS)) {
      for (const key of Object.keys(keys)) {
        if (seen.has(key)) twice.push(`${key} in ${seen.get(key)} and ${group}`);
        seen.set(key, group);
      }
    }
    expect(twice).toEqual([]);
  });

  it('fills parameters, formats numbers per language and chooses plural words', () => {
    expect(t('en', 'value.not-a-number', { value: '"12,3OO"' })).toBe('"12,3OO" is not a number');
    expect(t('sv', 'value.not-a-number', { value: '"12,3OO"' })).toBe('"12,3OO" är inte ett tal');
    expect(t('en', 'commander.excess-arguments', { expected: 1, got: 2 })).toBe('too many arguments. Expected 1 argument but got 2.');
    expect(t('en', 'commander.excess-arguments', { expected: 2, got: 3 })).toBe('too many arguments. Expected 2 arguments but got 3.');
    // A nested message is written in the same language.
    const nested = msg('write.not-regular', { kind: msg('write.kind.socket') });
    expect(say(nested, 'sv')).toBe('är en sockel, inte en vanlig fil');
    expect(say('plain text', 'sv')).toBe('plain text');
  });

  it('checks parameters against the key at compile time (npm test type-checks this file), and reads them back typed', () => {
    // Each line is a compile error the type check must report (an unused @ts-expect-error is one too).
    const wrong = [
      // @ts-expect-error -- a message with a parameter needs it
      () => msg('value.not-a-number'),
      // @ts-expect-error -- a parameter the template does not have
      () => msg('value.not-a-number', { valu: 'x' }),
      // @ts-expect-error -- {expected|argument|arguments} chooses a plural: a number, not text
      () => msg('commander.excess-arguments', { expected: '1', got: 2 }),
      // @ts-expect-error -- a message without parameters takes none
      () => msg('word.women', { sex: 'K' }),
      // @ts-expect-error -- no such key
      () => msg('word.no-such-key'),
      // @ts-expect-error -- the same for the shorthand
      () => t('en', 'value.not-a-number', { number: 1 }),
      // @ts-expect-error -- a Message comes from msg() alone, not from an object that looks like one
      (): Message => ({ id: 'value.not-a-number', params: { value: 'x' } }),
    ];
    expect(wrong).toHaveLength(7);
    const m: Message = msg('select.no-region', { text: 'Skone' });
    expect(paramsOf(m, 'select.no-region')?.text).toBe('Skone');
    expect(paramsOf(m, 'select.unknown-region')).toBeUndefined();
    // @ts-expect-error -- the parameters read back are that message's
    expect(paramsOf(m, 'select.no-region')?.value).toBeUndefined();
  });

  it('writes text the data gives in both languages in the one asked for, also as a parameter', () => {
    const note = translated('sum of 21 counties', 'summan av 21 län');
    expect(say(note, 'sv')).toBe('summan av 21 län');
    expect(english(note)).toBe('sum of 21 counties');
    expect(t('sv', 'note.population-source', { id: 'DEMDATA', where: note })).toBe('  DEMDATA: summan av 21 län');
  });

  it('localises a table: a translated or message cell in the language asked for, English for machine formats', () => {
    const table: ResultTable = {
      columns: [{ key: 'note', header: msg('header.note'), type: 'text' }],
      rows: [{ note: translated('sum of 21 counties', 'summan av 21 län') }, { note: msg('cell.all') }, { note: 'Riket' }],
      notes: [],
    };
    expect(localise(table, 'sv').rows).toEqual([{ note: 'summan av 21 län' }, { note: 'alla' }, { note: 'Riket' }]);
    expect(localise(table, 'en').rows).toEqual([{ note: 'sum of 21 counties' }, { note: 'all' }, { note: 'Riket' }]);
  });

  it('writes a code in a column with words as its word for people, and keeps the code for machines', () => {
    const table: ResultTable = {
      columns: [
        { key: 'vs', header: msg('header.vs-riket'), type: 'text', words: COMPARISON_WORDS },
        { key: 'name', header: msg('header.unit'), type: 'text' },
      ],
      // A unit may be called anything, "higher" and "Total" too: only a column's own words are words.
      rows: [
        { vs: 'higher', name: 'higher' },
        { vs: 'similar', name: 'Total' },
        { vs: null, name: 'Riket' },
      ],
      notes: [],
    };
    expect(localise(table, 'sv').rows).toEqual([
      { vs: 'högre', name: 'higher' },
      { vs: 'ingen skillnad', name: 'Total' },
      { vs: null, name: 'Riket' },
    ]);
    expect(localise(table, 'en').rows).toEqual([
      { vs: 'higher', name: 'higher' },
      { vs: 'similar', name: 'Total' },
      { vs: null, name: 'Riket' },
    ]);
    expect(localise(table, 'en', 'machine').rows).toEqual(table.rows);
  });

  it("gives every code in a words map a word in both languages that machine formats' English matches", () => {
    const maps = { COMPARISON_WORDS, FUNNEL_WORDS, CHANGE_WORDS, INTERVAL_METHOD_WORDS, SEX_WORDS, AGE_WORDS, STATISTIC_WORDS };
    for (const [name, words] of Object.entries(maps)) {
      for (const [code, word] of Object.entries(words)) {
        // A table in English reads as its CSV does: the English word is the code.
        expect(`${name}.${code}: ${say(word, 'en')}`).toBe(`${name}.${code}: ${code}`);
        expect(say(word, 'sv')).not.toBe('');
      }
    }
    expect(say(FUNNEL_WORDS['above 99.8%'], 'sv')).toBe('över 99,8 %');
    expect(say(SEX_WORDS.women, 'sv')).toBe('kvinnor');
    expect(say(STATISTIC_WORDS.max_min_ratio, 'sv')).toBe('högst/lägst');
  });

  it('decides the language from --lang, else LC_ALL, LC_MESSAGES, LANG', () => {
    expect(resolveLang('en', { LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(resolveLang(undefined, { LC_ALL: 'C', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LC_MESSAGES: 'sv_FI.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('sv');
    expect(resolveLang(undefined, {})).toBe('en');
    expect(langFlag(['rank', '--lang', 'sv'])).toBe('sv');
    expect(langFlag(['rank', '--lang=sv', '--lang', 'en'])).toBe('en');
    expect(langFlag(['rank', '--', '--lang', 'sv'])).toBeUndefined();
  });
});
