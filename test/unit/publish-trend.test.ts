import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectSeries, type SeriesTotal } from '../../src/domain/publish-trend.js';
import type { Series } from '../../src/domain/trend-series.js';
import type { ResultRow } from '../../src/render/model.js';
import type { Relation } from '../../src/stats/disclosure.js';
import { determinedByRank } from './helpers/determined.js';
import { runs } from '../helpers/tier.js';

/**
 * Secondary suppression of series over the years (trend, the report's break section), checked
 * on random tables against every additive relation such a table prints or relies on — written
 * out here from the table itself, not taken from the code under test.
 */

/** The rows trend prints for series: count and the change from the year before. */
const rowsOf = (list: Series[]): ResultRow[] =>
  list.flatMap((s) =>
    s.points.map((p, k) => {
      const prev = s.points[k - 1];
      return { region_code: s.code, method: s.method, year: p.year, count: p.count, change: prev && prev.count !== null && p.count !== null ? p.count - prev.count : null };
    }),
  );

const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }) });

const table = fc.integer({ min: 2, max: 6 }).chain((years) =>
  fc.record({
    values: fc.array(fc.array(cell, { minLength: years, maxLength: years }), { minLength: 1, maxLength: 6 }),
    threshold: fc.integer({ min: 1, max: 10 }),
    kind: fc.constantFrom<'none' | 'known-sum' | 'printed-total' | 'with-rest'>('none', 'known-sum', 'printed-total', 'with-rest'),
    rest: fc.array(cell, { minLength: years, maxLength: years }),
  }),
);

describe('protectSeries', () => {
  it('property: every small count hidden with its change, rate and the next change; no hidden count follows from the sums', () => {
    fc.assert(
      fc.property(table, ({ values, threshold, kind, rest }) => {
        const years = values[0]!.length;
        let list: Series[] = values.map((vs, s) => ({
          code: String(s + 1).padStart(2, '0'),
          name: `R${s}`,
          method: 'M',
          points: vs.map((count, k) => ({ year: 2000 + k, count })),
        }));
        if (kind === 'printed-total') {
          // A total series (Riket) printed after its parts, each year the sum of the parts present.
          list = [
            ...list,
            { code: '00', name: 'Riket', method: 'M', points: Array.from({ length: years }, (_, k) => ({ year: 2000 + k, count: values.reduce((s, vs) => s + (vs[k] ?? 0), 0) })) },
          ];
        }
        if (kind === 'with-rest') list = list.slice(0, 1);
        const total: SeriesTotal =
          kind === 'known-sum'
            ? { kind: 'known-sum' }
            : kind === 'printed-total'
              ? { kind: 'known-sum', totalIndex: list.length - 1 }
              : kind === 'with-rest'
                ? { kind: 'with-rest', rest }
                : { kind: 'none' };
        const { rows, hiddenYears } = protectSeries(list, { suppress: threshold, roundTo: 0 }, total, rowsOf);

        // Cell ids of the table: series s, year k.
        const id = (s: number, k: number, key = 'count') => `${s}/${k}/${key}`;
        const truth = (s: number, k: number) => list[s]!.points[k]!.count;
        const hidden = new Set<string>();
        rows.forEach((row, i) => {
          const s = Math.floor(i / years);
          const k = i % years;
          const v = truth(s, k);
          if (v !== null && v < threshold) expect(row.count_status).toBe('suppressed-primary');
          if (row.count_status === 'suppressed-primary' || row.count_status === 'suppressed-secondary') {
            hidden.add(id(s, k));
            expect(row.count).toBeNull();
            expect(row.change).toBeNull();
            if (k + 1 < years) expect(rows[i + 1]!.change).toBeNull();
            expect(hiddenYears[s]!.has(2000 + k)).toBe(true);
          } else {
            expect(row.count).toBe(v);
          }
          if (row.change === null && k > 0) hidden.add(id(s, k, 'change'));
          if (kind === 'with-rest') {
            if (row.rest_count_status === 'suppressed-primary' || row.rest_count_status === 'suppressed-secondary') hidden.add(id(s, k, 'rest'));
            // The rest is printed where the region's count is known (Riket − region).
            else expect(row.rest_count).toBe(truth(s, k) === null ? null : rest[k]);
          }
        });

        // Every relation the table prints or leans on.
        const relations: Relation[] = [];
        list.forEach((series, s) =>
          series.points.forEach((p, k) => {
            if (k > 0 && p.count !== null && truth(s, k - 1) !== null) relations.push({ total: id(s, k), parts: [id(s, k - 1), id(s, k, 'change')] });
          }),
        );
        const known: { id: string; value: number; parts: string[] }[] = [];
        for (let k = 0; k < years; k++) {
          if (kind === 'known-sum') {
            const parts = list.flatMap((_, s) => (truth(s, k) !== null ? [s] : []));
            known.push({ id: `T/${k}`, value: parts.reduce((a, s) => a + truth(s, k)!, 0), parts: parts.map((s) => id(s, k)) });
          }
          if (kind === 'printed-total') {
            const parts = list.slice(0, -1).flatMap((_, s) => (truth(s, k) !== null ? [id(s, k)] : []));
            // With every part missing the total is the missing parts' sum: no relation a reader can use.
            if (parts.length) relations.push({ total: id(list.length - 1, k), parts, nonNegative: true });
          }
          if (kind === 'with-rest' && truth(0, k) !== null && rest[k] !== null) known.push({ id: `T/${k}`, value: truth(0, k)! + rest[k]!, parts: [id(0, k), id(0, k, 'rest')] });
        }
        // A published total is known to the reader unless its own table hides it (below the threshold).
        for (const t of known) {
          relations.push({ total: t.id, parts: t.parts, nonNegative: true });
          if (t.value < threshold) hidden.add(t.id);
        }
        const counts = [...hidden].filter((h) => !h.endsWith('/change') && !h.startsWith('T/'));
        expect(determinedByRank(relations, hidden).filter((h) => counts.includes(h))).toEqual([]);
        // Where the total is known, the hidden counts under it together are not small.
        for (const t of known.filter((x) => !hidden.has(x.id) && x.parts.length > 1)) {
          const under = t.parts.filter((p) => hidden.has(p));
          const value = (p: string) => {
            const [s, k, key] = p.split('/');
            return key === 'rest' ? rest[Number(k)]! : truth(Number(s), Number(k))!;
          };
          if (under.length) expect(under.reduce((a, p) => a + value(p), 0)).toBeGreaterThanOrEqual(threshold);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('rounds shown counts and leaves the rule off when there is none', () => {
    const s: Series = {
      code: '06',
      name: 'J',
      method: 'M',
      points: [
        { year: 2020, count: 12 },
        { year: 2021, count: 3 },
      ],
    };
    const off = protectSeries([s], { suppress: 0, roundTo: 0 }, { kind: 'none' }, rowsOf);
    expect(off.rows.map((r) => [r.count, r.change, r.count_status])).toEqual([
      [12, null, undefined],
      [3, -9, undefined],
    ]);
    const rounded = protectSeries([s], { suppress: 0, roundTo: 5 }, { kind: 'none' }, rowsOf);
    expect(rounded.rows.map((r) => [r.count, r.change, r.count_status])).toEqual([
      [10, null, 'rounded'],
      [5, -5, 'rounded'],
    ]);
    const hidden = protectSeries([s], { suppress: 5, roundTo: 0 }, { kind: 'none' }, rowsOf);
    expect(hidden.rows.map((r) => [r.count, r.change, r.count_status])).toEqual([
      [12, null, 'shown'],
      [null, null, 'suppressed-primary'],
    ]);
    expect([...hidden.hiddenYears[0]!]).toEqual([2021]);
    expect(hidden.shown[0]!.points.map((p) => p.count)).toEqual([12, null]);
  });

  it("hides the years another table of the publication hides (the report's ranking or growth table), as secondary", () => {
    const s: Series = {
      code: '06',
      name: 'J',
      method: 'M',
      points: [
        { year: 2020, count: 120 },
        { year: 2021, count: 130 },
        { year: 2022, count: 140 },
      ],
    };
    const r = protectSeries([s], { suppress: 5, roundTo: 0 }, { kind: 'none' }, rowsOf, [new Set([2021])]);
    expect(r.rows.map((x) => x.count_status)).toEqual(['shown', 'suppressed-secondary', 'shown']);
    expect(r.rows.map((x) => x.change)).toEqual([null, null, null]);
    expect([...r.hiddenYears[0]!]).toEqual([2021]);
  });
});
