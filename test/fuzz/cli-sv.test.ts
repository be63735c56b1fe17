import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { checkCase, invocation, makeWorkspace, RUNS_PER_LANG } from './cases.js';

/** The fuzz suite under LANG=sv_SE.UTF-8 (see cases.ts for what is generated and what must hold). */
const workspace = makeWorkspace();
afterAll(workspace.cleanup);

describe('every data command on damaged and random input, LANG=sv_SE.UTF-8', () => {
  it(`${RUNS_PER_LANG} cases: a documented exit code, nothing on stdout and one error line on error, no file written`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(invocation, async (c) => {
        await checkCase(c, workspace.dir, 'sv_SE.UTF-8', n++);
      }),
      { numRuns: RUNS_PER_LANG, seed: Number(process.env.FUZZ_SEED ?? 718728992) ^ 0, endOnFailure: true },
    );
  }, 600_000);
});
