import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fastTable, planFastPath } from '../domain/fast-load.js';
import type { LoadedTable, ReadOptions } from '../domain/load.js';
import type { RegionIndex } from '../domain/regions.js';
import { RecordCounter } from '../parse/fast-records.js';
import { progressBar } from './progress.js';
import { ioFailure } from './read.js';
import { scanKernel } from './kernel-file.js';

/** Below this size the general path is as fast as it needs to be. */
export const FAST_PATH_MIN_BYTES = 1 << 20;
const SAMPLE_BYTES = 1 << 15;
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a big record-level file through the fast path with flat memory (one 1 MB buffer),
 * showing progress on a terminal. Undefined when the file is small, not a regular file, or not
 * a clean record-level table: the caller then reads it the general way.
 */
export async function loadLargeRecordFile(path: string, file: string, regions: RegionIndex, opts: ReadOptions): Promise<LoadedTable | undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw ioFailure(e, file);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size < FAST_PATH_MIN_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const sampleLength = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    const start = planFastPath(buffer.subarray(0, sampleLength), sampleLength >= stat.size, file, regions, opts, scanKernel());
    if (!start) return undefined;
    const counter = new RecordCounter(start.plan);
    const progress = progressBar(stat.size, `reading ${file}`);
    for (let position = start.dataOffset; position < stat.size && !counter.failed; ) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, position);
      if (n === 0) break;
      position += n;
      counter.push(buffer.subarray(0, n));
      progress.update(position);
    }
    progress.finish();
    return fastTable(start, counter.result());
  } catch (e) {
    throw ioFailure(e, file);
  } finally {
    closeSync(fd);
  }
}
