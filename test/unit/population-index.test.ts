import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/observation.js';
import { PopulationTable } from '../../src/domain/population.js';
import { bundledRegions, snapshotTable } from '../../src/domain/bundled.js';

/**
 * PopulationTable keeps the index of a frozen table (the bundled population, shared by every run
 * in a process) instead of building it at every run. It must never answer from an index of a
 * table that has changed since, and a kept index must give what a fresh one gives.
 */
const regions = bundledRegions();
const row = (region: string, year: number, value: number, age = 'all'): Observation => ({ region, year, method: '', sex: 'total', age, value, line: 2 });

describe("a population table's index", () => {
  it('of a table that is not frozen is built again: a changed figure, an added year and an added age are seen', () => {
    const rows = [row('09', 2014, 57_000)];
    expect(new PopulationTable(rows, 'p.csv', regions, false).get('09', 2014)).toBe(57_000);
    rows[0] = row('09', 2014, 58_000);
    rows.push(row('09', 2015, 59_000), row('09', 2015, 40_000, '16-67'));
    const again = new PopulationTable(rows, 'p.csv', regions, false);
    expect(again.get('09', 2014)).toBe(58_000);
    expect(again.get('09', 2015)).toBe(59_000);
    expect(again.years).toEqual([2014, 2015]);
    expect(again.hasAge('16-67')).toBe(true);
  });

  it('of a frozen table is the same as of a copy that is not, and each table keeps its own uses', () => {
    const frozen = Object.freeze([row('09', 2014, 57_000), row('00', 2014, 10_000_000)].map((o) => Object.freeze(o)));
    const first = new PopulationTable(frozen, 'p.csv', regions, false);
    const second = new PopulationTable(frozen, 'p.csv', regions, false);
    const copy = new PopulationTable(
      frozen.map((o) => ({ ...o })),
      'p.csv',
      regions,
      false,
    );
    for (const t of [first, second, copy]) {
      expect(t.get('09', 2014)).toBe(57_000);
      expect(t.get('09', 2013)).toBeUndefined();
      expect(t.years).toEqual([2014]);
    }
    first.get('00', 2014);
    expect(first.usedSources()).toEqual(['p.csv']);
    expect(new PopulationTable(frozen, 'p.csv', regions, false).usedSources()).toEqual([]);
  });

  it('of the bundled population (frozen, kept) gives every figure a fresh index gives, with layers after it still filling only what it lacks', () => {
    const bundled = snapshotTable('population.csv');
    expect(bundled, 'the snapshot: npm run build').toBeDefined();
    expect(Object.isFrozen(bundled)).toBe(true);
    const copy = bundled!.map((o) => ({ ...o }));
    const layer = { observations: [row('01', 2099, 1), row('01', 2014, 1)], source: 'fetched' };
    const kept = [new PopulationTable(bundled!, 'b', regions, true), new PopulationTable(bundled!, 'b', regions, true, [layer])];
    const fresh = [new PopulationTable(copy, 'b', regions, true), new PopulationTable(copy, 'b', regions, true, [layer])];
    for (const [i, t] of kept.entries()) {
      expect(t.years).toEqual(fresh[i]!.years);
      for (const o of copy) expect(t.get(o.region, o.year, o.sex, o.age)).toBe(fresh[i]!.get(o.region, o.year, o.sex, o.age));
    }
    expect(kept[1]!.get('01', 2099)).toBe(1);
    expect(kept[1]!.get('01', 2014)).toBe(fresh[0]!.get('01', 2014));
    expect(kept[1]!.get('01', 2014)).not.toBe(1);
  });
});
