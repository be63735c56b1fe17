import { it } from 'vitest';

/**
 * Two strengths of one suite. `npm test`, run on every change, is the quick tier: every test
 * file, with fewer random cases (a twentieth) in the costly property and fuzz tests and the few slow
 * process-level tests skipped (listed as skipped). `npm run test:full`, which CI runs (.ci/run),
 * and a plain `npx vitest run` are the full tier: every case at full strength. vitest.config.ts
 * sets REHAB_STATS_TEST_TIER=quick for `vitest run --mode quick`.
 */
export const FULL = process.env.REHAB_STATS_TEST_TIER !== 'quick';

/**
 * A random-case count (fast-check's numRuns, fuzz cases): `full` in the full tier, `quick` (a
 * twentieth) in the quick one. The quick tier's cases are drawn afresh at each run (the fuzz
 * suite's seed aside), so runs on every change add up to many more; CI runs them all at once.
 */
export function runs(full: number, quick = Math.ceil(full / 20)): number {
  return FULL ? full : quick;
}

/** A test only the full tier runs: a slow one about the process, whose subject quick tests also cover in-process. */
export const itFull = FULL ? it : it.skip;

/**
 * The cases of a deterministic sweep (every width, every offset, every spelling): all of them in
 * the full tier; in the quick one every `stride`-th, from an offset drawn at random at each run,
 * so that over the runs on every change each case comes up, as the random cases do. A quick run
 * that fails in a sweep fails again in the full tier (`npm run test:full`, or `npx vitest run`
 * on the file), which runs every case; REHAB_STATS_SWEEP_OFFSET=k repeats the quick run's part.
 */
export function sweep<T>(cases: readonly T[], stride = 4): T[] {
  if (FULL) return [...cases];
  const given = Number(process.env.REHAB_STATS_SWEEP_OFFSET);
  const offset = Number.isInteger(given) && given >= 0 ? given % stride : Math.floor(Math.random() * stride);
  return cases.filter((_, i) => i % stride === offset);
}
