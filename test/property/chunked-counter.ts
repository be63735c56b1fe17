import { RecordCounter, uninterpreted, type FastResult, type FastPlan } from '../../src/parse/fast-records.js';

/** A counter's result with its groups as plain objects, for comparing. */
export function materialised(r: FastResult): unknown {
  return r.ok ? { rowsRead: r.rowsRead, groups: Array.from({ length: r.groups.size }, (_, i) => r.groups.at(i)) } : r;
}

/**
 * The counter's result for `data` pushed whole, and pushed in pieces cut at `cuts` (taken modulo
 * the length). The pieces go through one reused Buffer, as the file reader does, overwritten after
 * each push: the counter must copy what it keeps.
 */
export function wholeAndInPieces(plan: FastPlan, data: Buffer, cuts: readonly number[]): { whole: unknown; pieces: unknown } {
  const whole = new RecordCounter(plan);
  whole.push(data, true);
  const pieces = new RecordCounter(plan);
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  let prev = 0;
  const shared = Buffer.alloc(data.length);
  for (const p of points) {
    data.copy(shared, 0, prev, p);
    pieces.push(shared.subarray(0, p - prev));
    shared.fill(0x3f);
    prev = p;
  }
  data.copy(shared, 0, prev);
  pieces.push(shared.subarray(0, data.length - prev), true);
  return { whole: materialised(whole.result()), pieces: materialised(pieces.result()) };
}

/**
 * The counter's result for `data` pushed whole, and counted in two parts split at byte `at` as
 * the CLI does with a worker thread (src/ingest/split.ts): the part before by a counter with
 * the plan, the part after by one without interpreters whose texts and lines the first absorbs.
 * `split` is undefined when the parts refuse (the CLI then reads the file in one piece).
 */
export function wholeAndSplit(plan: FastPlan, data: Buffer, at: number): { whole: unknown; split: unknown } {
  const whole = new RecordCounter(plan);
  whole.push(data, true);
  const before = new RecordCounter(plan);
  before.push(data.subarray(0, at));
  const after = new RecordCounter({ ...uninterpreted(plan), firstLine: 0 });
  after.push(data.subarray(at), true);
  const part = after.part();
  const refused = before.failed || before.midRow || !part.ok || !before.absorb(part.part);
  return { whole: materialised(whole.result()), split: refused ? undefined : materialised(before.result()) };
}
