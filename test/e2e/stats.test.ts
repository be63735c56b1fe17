import { describe, expect, it } from 'vitest';
import { runRehab } from './harness.js';

interface Row {
  region_code: string;
  rank: number | null;
  count: number;
  population: number;
}

async function rankRows(per: string): Promise<Row[]> {
  const run = await runRehab(['rank', '--method', 'IPT', '--year', '2014', '--per', per, '--format', 'json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Row[];
}

describe('ranks on exact rates', () => {
  it('are the same for every --per, and tie only exactly equal rates', async () => {
    const rows = await rankRows('100000');
    expect(rows.length).toBeGreaterThan(20);
    for (const per of ['1', '10000', '10000000']) expect((await rankRows(per)).map((r) => [r.region_code, r.rank])).toEqual(rows.map((r) => [r.region_code, r.rank]));
    const ranked = rows.filter((r) => r.rank !== null);
    for (const a of ranked) {
      for (const b of ranked) {
        const cmp = BigInt(a.count) * BigInt(b.population) - BigInt(b.count) * BigInt(a.population);
        if (cmp === 0n) expect(a.rank).toBe(b.rank);
        if (cmp > 0n) expect(a.rank!).toBeLessThan(b.rank!);
      }
    }
  });
});
