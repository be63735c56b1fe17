import { ioError, usageError } from '../errors.js';
import type { Measure } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { RecordCounter } from '../parse/fast-records.js';
import { progressBar, type Progress } from '../io/progress.js';
import { scanKernel } from '../parse/kernel-file.js';
import { currentIo } from '../io/context.js';
import { Spill } from '../io/spill.js';
import { fastTable, planFastPath, type FastStart } from './fast.js';
import { countInTwo, splits } from './split.js';
import { loadTable, type LoadedTable } from './load.js';
import type { ReadOptions } from './options.js';
import { containerOf, loadWorkbook } from './xlsx.js';
import { CHUNK_BYTES, LIMITS, openInput, readHead, readRest, refuseBinary, tooBig, type ByteSource, type InputIo } from './source.js';
import { msg } from '../messages/index.js';

export type { LoadedTable } from './load.js';
export type { ReadOptions } from './options.js';
export { readOptions, parseMap } from './options.js';
export type { InputIo } from './source.js';

/** Below this size the general path is as fast as it needs to be. */
export const FAST_PATH_MIN_BYTES = 1 << 20;

/**
 * The one way data comes in, for every command alike: bytes from a file or "-" (opened once)
 * → an xlsx workbook's sheet (src/ingest/xlsx.ts), or text: decode → sniff → parse — the fast record-level path (WebAssembly kernel) for big plain
 * record files, the general parser for everything else, with the same observations and the
 * same errors — → shape → resolve regions → validate → typed observations.
 * REHAB_STATS_GENERAL_PATH=1 forces the general path (for tests and troubleshooting).
 */
export async function readTable(path: string, measure: Measure, regions: RegionIndex, opts: ReadOptions = {}, io?: InputIo): Promise<LoadedTable> {
  const source = await openInput(path, io);
  // One bar for the whole read, on a terminal, once it has taken a second: bytes streamed on the
  // fast path; on the general path, how far the parser has got.
  const progress = progressBar(source.size, `reading ${source.name}`);
  // Only where a bar can be drawn: following the general parser costs it about as much again.
  const parsing = progress.live ? (done: number, total: number) => progress.update(done, total) : undefined;
  try {
    const head = await readHead(source, FAST_PATH_MIN_BYTES);
    // A workbook is recognised by its bytes (a ZIP or an old OLE file), whatever its name.
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- head.bytes > 0, so there is a first chunk.
    if (head.bytes > 0 && containerOf(head.chunks[0]!.length >= 8 ? head.chunks[0]! : concat(head.chunks, head.bytes))) {
      return await loadWorkbook(head.ended ? concat(head.chunks, head.bytes) : await readRest(source, head.chunks, head.bytes), source.name, measure, regions, opts);
    }
    if (opts.sheet !== undefined) throw usageError(msg('sheet.not-xlsx', { sheet: opts.sheet, file: source.name }), msg('sheet.not-xlsx.hint'));
    if (head.bytes === 0) return loadTable(new Uint8Array(0), source.name, measure, regions, opts);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- head.bytes > 0 here (0 returned above), so there is a first chunk.
    refuseBinary(head.chunks[0]!, source.name, opts.encoding);
    const fastAllowed = currentIo().env.REHAB_STATS_GENERAL_PATH !== '1' && measure === 'count';
    if (!head.ended && fastAllowed) {
      const first = concat(head.chunks, head.bytes);
      const start = planFastPath(first, false, source.name, regions, opts, scanKernel());
      if (start) {
        // A big regular file: both cores, one part each; anything unusual is read again in one piece below.
        const inTwo = splits(start, source, source.size) ? await countInTwo(path, source, source.size, first, start, progress) : undefined;
        const split = inTwo && fastTable(start, inTwo, opts.keep);
        if (split) return split;
        const fast = await streamFast(source, first, start, opts.keep, progress);
        if (fast.table) return fast.table;
        // The fast path stopped at something the general path must judge: read it all again.
        const all = fast.kept ?? (source.size !== undefined && source.size <= LIMITS.wholeBytes ? rewound(source) : undefined);
        if (!all) throw tooBig(source.name, msg('read.not-fast', { line: fast.line, reason: fast.reason }));
        return loadTable(await all, source.name, measure, regions, opts, parsing);
      }
      return loadTable(await readRest(source, [first], first.length), source.name, measure, regions, opts, parsing);
    }
    return loadTable(head.ended ? concat(head.chunks, head.bytes) : await readRest(source, head.chunks, head.bytes), source.name, measure, regions, opts, parsing);
  } finally {
    progress.finish();
    await source.close();
  }
}

/** A regular file read again from its first byte. */
function rewound(source: ByteSource): Promise<Uint8Array> {
  source.rewind();
  return readRest(source, [], 0);
}

interface FastOutcome {
  table?: LoadedTable;
  /** Every byte of a stream, kept while it is small enough for the general path. */
  kept?: Promise<Uint8Array>;
  line: number;
  reason: string;
}

/**
 * Streams the rest of the input through the record counter with flat memory, showing progress
 * on a terminal. A stream (stdin, a pipe) cannot be read twice, so its bytes are kept while
 * they fit the general path, in case a row needs it — beyond the first few MiB in a temporary
 * file, not in memory — and forgotten past that.
 *
 * A stream is counted by this thread alone, as it comes. Shared with a worker thread in
 * segments it gained nothing on two cores (BENCHMARKS.md, "stdin"): the copies to the worker,
 * the merge that renumbers its lines and a copy of the whole stream kept for a recount cost
 * more processor time than the second thread saved, and reading a pipe is not where the time goes.
 */
async function streamFast(source: ByteSource, first: Uint8Array, start: FastStart, keep: ReadOptions['keep'], progress: Progress): Promise<FastOutcome> {
  const stream = source.size === undefined;
  // REHAB_STATS_STDIN_MEMORY_BYTES lets the tests reach the temporary file with a small input.
  // Each chunk read past that goes back to the reader once written (nothing else keeps it: the counter copies what it keeps).
  // Bytes past the general path's limit are never read back (the copy is discarded past it).
  let spill: Spill | undefined = stream ? new Spill(Number(currentIo().env.REHAB_STATS_STDIN_MEMORY_BYTES ?? 8 << 20), source.recycle?.bind(source), LIMITS.wholeBytes) : undefined;
  // A thread that reads on writes the copy itself, as it reads.
  if (spill) source.keepIn?.(spill);
  try {
    await spill?.add(first);
    let total = first.length;
    const counter = new RecordCounter({ ...start.plan, ...(source.size !== undefined ? { expectedGroups: expectedGroups(start, source.size) } : {}) });
    // Feed at most one chunk at a time: the kernel's input buffer is 4 MiB.
    for (let at = start.dataOffset; at < first.length; at += CHUNK_BYTES) counter.push(first.subarray(at, Math.min(first.length, at + CHUNK_BYTES)));
    while (!counter.failed) {
      // Past the general path's limit the bytes are not needed again.
      if (spill && total > LIMITS.wholeBytes) {
        void spill.discard();
        spill = undefined;
      }
      const chunk = await source.next();
      if (!chunk) break;
      total += chunk.length;
      if (stream && total > LIMITS.streamBytes) throw ioError(msg('read.stream-too-big', { gib: LIMITS.streamBytes / 2 ** 30 }), source.name, msg('read.stream-too-big.hint'));
      progress.update(total);
      const held = await spill?.add(chunk);
      counter.push(chunk);
      // A chunk nothing holds (the counter copies what it keeps): read the next into it.
      if (!held) source.recycle?.(chunk);
    }
    const result = counter.result();
    const table = fastTable(start, result, keep);
    if (table) return { table, line: 0, reason: '' };
    const failure = result.ok ? { line: 0, reason: '' } : { line: result.line, reason: result.reason };
    // Past the general path's limit whatever else comes: say so before reading it all back.
    if (spill && total > LIMITS.wholeBytes) throw tooBig(source.name);
    const kept = await spill?.take();
    return { ...failure, ...(kept ? { kept: readRest(source, [kept], total) } : {}) };
  } finally {
    // The temporary file is removed while the results are worked out (the process waits for it before exiting).
    void spill?.discard();
  }
}

/** About how many groups an aggregated file of `size` bytes holds, from the rows of the planning sample (a little more, not less). */
function expectedGroups(start: FastStart, size: number): number {
  const values = start.plan.values?.length ?? 0;
  const rows = start.sample.rowsRead;
  if (!values || !rows) return 0;
  const bytesPerRow = (start.sampleBytes - start.dataOffset) / rows;
  return Math.ceil(((size - start.dataOffset) / bytesPerRow) * values * 1.05);
}

function concat(chunks: Uint8Array[], bytes: number): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- there is exactly one chunk.
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes);
}
