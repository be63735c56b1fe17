import { RecordCounter, type FastResult, type FastPlan } from '../../src/parse/fast-records.js';

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
