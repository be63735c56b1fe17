import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import type { CountCell } from '../../src/domain/select.js';
import { summaryResult, summaryValues } from '../../src/domain/summary.js';
import { ExitCode, RehabError } from '../../src/errors.js';
import { msg } from '../../src/messages/index.js';

const regions = bundledRegions();
const cell = (value: number | null): CountCell => ({ value, lines: [2] });
const counts = new Map([
  ['01', cell(12)],
  ['03', cell(33)],
  ['06', cell(7)],
  ['08', cell(null)],
]);
const noRule = { suppress: 0, roundTo: 1 };

describe('summaryValues, counts', () => {
  it("takes each region's count, leaving out the missing ones and those not asked for", () => {
    expect(summaryValues({ counts, rule: noRule, regions, selected: new Set() }).values).toEqual([
      { region: 'Region Stockholm', value: 12 },
      { region: 'Region Uppsala', value: 33 },
      { region: 'Region Jönköpings län', value: 7 },
    ]);
    expect(summaryValues({ counts, rule: noRule, regions, selected: new Set(['01', '06']) }).values.map((v) => v.value)).toEqual([12, 7]);
  });

  it('with --round-counts 5: the counts as shown (12 → 10, 33 → 35, 7 → 5)', () => {
    const r = summaryValues({ counts, rule: { suppress: 0, roundTo: 5 }, regions, selected: new Set() });
    expect(r.values.map((v) => v.value)).toEqual([10, 35, 5]);
  });

  it('with --suppress 10: leaves out the region below 10 and says how many were left out', () => {
    const r = summaryValues({ counts, rule: { suppress: 10, roundTo: 1 }, regions, selected: new Set() });
    // 7 is below 10; with Riket the sum of the three, a second count is hidden so that 7 cannot be worked out.
    expect(r.values.map((v) => v.value)).toEqual([33]);
    expect(r.notes).toContainEqual(msg('note.suppressed-left-out', { n: 2, threshold: 10 }));
  });
});

describe('summaryResult', () => {
  const about = { measure: 'count' as const, method: 'KBT', year: 2014, per: 100000, notes: [], made: { population: null, methods: {} } };

  it('puts the ratio of highest to lowest first among the notes', () => {
    const r = summaryResult(
      [
        { region: 'a', value: 10 },
        { region: 'b', value: 40 },
      ],
      about,
      'counts.csv',
      'KBT',
    );
    expect(r.n).toBe(2);
    expect(r.statistics.find((s) => s.statistic === 'max_min_ratio')?.value).toBe(4);
    expect(r.notes).toHaveLength(1);
  });

  it('refuses fewer than two regions (exit 4)', () => {
    let caught: unknown;
    try {
      summaryResult([{ region: 'a', value: 10 }], about, 'counts.csv', 'KBT');
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof RehabError && caught.exitCode).toBe(ExitCode.data);
  });
});
