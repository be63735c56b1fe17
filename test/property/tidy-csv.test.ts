import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { expect, it } from 'vitest';
import { tidyCsv } from '../../src/render/tidy-csv.js';
import type { Observation, Sex } from '../../src/domain/observation.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { neutraliseFormula } from '../../src/render/machine.js';
import { runs } from '../helpers/tier.js';

const regions = bundledRegions();

/** The straightforward tidy table: sort with the comparisons themselves, every row through csv-stringify. */
function reference(observations: readonly Observation[], allowFormulas: boolean): string {
  const sexOrder = (s: string) => ['total', 'women', 'men'].indexOf(s);
  const ageOrder = (a: string, b: string) => (a === b ? 0 : a === 'all' ? -1 : b === 'all' ? 1 : parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  const sorted = [...observations].sort(
    (a, b) => a.region.localeCompare(b.region) || a.year - b.year || a.method.localeCompare(b.method) || sexOrder(a.sex) - sexOrder(b.sex) || ageOrder(a.age, b.age),
  );
  const withMethod = observations.some((o) => o.method !== '');
  const columns = ['region_code', 'region', 'year', ...(withMethod ? ['method'] : []), 'sex', 'age', 'count'];
  const rows = sorted.map((o) => [
    o.region,
    o.region === '00' ? 'Riket' : (regions.byScbCode(o.region)?.name ?? o.region),
    o.year,
    ...(withMethod ? [allowFormulas ? o.method : neutraliseFormula(o.method)] : []),
    o.sex,
    o.age,
    o.value ?? '',
  ]);
  return stringify(rows, { header: true, columns });
}

const observation = fc.record({
  region: fc.constantFrom('00', '01', '03', '12', '25', '14'),
  year: fc.integer({ min: 2010, max: 2014 }),
  method: fc.constantFrom('KBT', 'kbt', 'IPT', 'Å-terapi', 'Internet, KBT', 'say "hi"', 'two\nlines', '=1+1', '', 'mmr'),
  sex: fc.constantFrom<Sex>('total', 'women', 'men'),
  age: fc.constantFrom('all', '16', '7', '100+', '16-67', '16-24', '067'),
  value: fc.option(fc.nat({ max: 1e9 }), { nil: null }),
  line: fc.nat(),
});

it('convert writes exactly what sorting with the comparisons and csv-stringify write', () => {
  fc.assert(
    fc.property(fc.array(observation, { maxLength: 80 }), fc.boolean(), (obs, allowFormulas) => {
      expect(tidyCsv(obs, regions, 'count', allowFormulas)).toBe(reference(obs, allowFormulas));
    }),
    { numRuns: runs(300) },
  );
});
