import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import type { Observation } from '../../src/domain/observation.js';
import { countAnswers, headline, tally } from '../../src/domain/tally.js';
import { tallyTable } from '../../src/render/tally.js';
import { english } from '../../src/messages/index.js';

const regions = bundledRegions();
const answer = (region: string, method: string, category: string): Observation => ({ region, year: 2014, method, sex: 'total', age: 'all', value: null, line: 2, category });

// KBT: Jönköping (06) and Stockholm (01) "god", Uppsala (03) "relativt god", Kalmar (08) no answer.
// MMR: one "behöver öka", one "god".
const obs = [
  answer('06', 'KBT', 'god'),
  answer('03', 'KBT', 'relativt god'),
  answer('01', 'KBT', 'god'),
  answer('08', 'KBT', ''),
  answer('01', 'MMR', 'god'),
  answer('03', 'MMR', 'behöver öka'),
];

/** Wilson 95% limits worked by hand: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959963984540054; to 8 decimals, the normal quantile's precision. */
const WILSON_2_OF_3 = { lower: 0.2076596008020477, upper: 0.9385080552796037 };
const WILSON_1_OF_3 = { lower: 0.06149194472039621, upper: 0.7923403991979522 };

describe('tally', () => {
  it('counts the regions per answer among those that answered, most first, with their share and Wilson interval', () => {
    const { answers, total } = countAnswers(obs, regions, 'KBT');
    expect(total).toBe(3);
    expect(answers.map((a) => [a.answer, a.n, a.of, a.regions.map((r) => r.code)])).toEqual([
      ['god', 2, 3, ['01', '06']],
      ['relativt god', 1, 3, ['03']],
    ]);
    expect(answers[0]?.share).toBeCloseTo(2 / 3, 15);
    expect(answers[0]?.interval.lower).toBeCloseTo(WILSON_2_OF_3.lower, 8);
    expect(answers[0]?.interval.upper).toBeCloseTo(WILSON_2_OF_3.upper, 8);
    expect(answers[1]?.interval.lower).toBeCloseTo(WILSON_1_OF_3.lower, 8);
    expect(answers[1]?.interval.upper).toBeCloseTo(WILSON_1_OF_3.upper, 8);
  });

  it('orders answers given by as many regions alphabetically (Swedish order)', () => {
    expect(countAnswers(obs, regions, 'MMR').answers.map((a) => a.answer)).toEqual(['behöver öka', 'god']);
  });

  it('adds up the positive answers however they are written', () => {
    const { answers, total } = countAnswers(obs, regions, 'KBT');
    const h = headline(answers, total, ['GOD'], 'KBT');
    expect([h.hits, h.total, h.answers]).toEqual([2, 3, ['GOD']]);
    expect(h.interval.lower).toBeCloseTo(WILSON_2_OF_3.lower, 8);
    expect(headline(answers, total, ['god', 'Relativt god'], 'KBT').hits).toBe(3);
  });

  it('gives each method its answers in turn, and headlines only when answers to add up are named', () => {
    const both = tally(obs, regions, ['KBT', 'MMR'], ['god']);
    expect(both.answers.map((a) => `${a.method} ${a.answer}`)).toEqual(['KBT god', 'KBT relativt god', 'MMR behöver öka', 'MMR god']);
    expect(both.headlines.map((h) => [h.method, h.hits, h.total])).toEqual([
      ['KBT', 2, 3],
      ['MMR', 1, 2],
    ]);
    expect(tally(obs, regions, ['KBT'], undefined).headlines).toEqual([]);
  });

  it("leaves Riket's own answer out of the regions' count and total, and says so", () => {
    // An input that answers for Riket (00) too: Riket is not one of the regions answering.
    const withRiket = [...obs, answer('00', 'KBT', 'god')];
    const { answers, total } = countAnswers(withRiket, regions, 'KBT');
    expect(total).toBe(3);
    expect(answers.map((a) => [a.answer, a.n, a.of, a.regions.map((r) => r.code)])).toEqual([
      ['god', 2, 3, ['01', '06']],
      ['relativt god', 1, 3, ['03']],
    ]);
    const result = tally(withRiket, regions, ['KBT', 'MMR'], ['god']);
    expect(result.headlines.map((h) => [h.method, h.hits, h.total])).toEqual([
      ['KBT', 2, 3],
      ['MMR', 1, 2],
    ]);
    expect(result.nationalAnswers).toEqual([{ method: 'KBT', answer: 'god' }]);
    expect(tally(obs, regions, ['KBT'], undefined).nationalAnswers).toEqual([]);
    const notes = tallyTable({ column: 'answer', ...result, input: 'answers.csv' }).notes.map((n) => english(n));
    expect(notes).toContain('Riket\'s answer for KBT ("god") is not counted: tally counts the regions, and Riket is not one.');
  });

  it('names the methods no region answered (only Riket, or an empty answer), which the command refuses', () => {
    const onlyRiket = [answer('00', 'KBT', 'god'), answer('01', 'MMR', 'god'), answer('03', 'IPT', '')];
    expect(tally(onlyRiket, regions, ['KBT', 'MMR', 'IPT'], ['god']).unanswered).toEqual(['KBT', 'IPT']);
    expect(tally(obs, regions, ['KBT', 'MMR'], ['god']).unanswered).toEqual([]);
  });
});
