import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { interpreters } from '../domain/fast-load.js';
import { RecordCounter, type FastPlanSpec } from '../parse/fast-records.js';
import { bundledRegions } from './bundled.js';
import { scanKernel } from './kernel-file.js';

/**
 * A worker thread for the parallel record-level scan: counts the rows in one byte range of a
 * file (which starts at a row boundary) and posts the counts back. Line numbers are relative
 * to the range (its first row is line 1); the main thread shifts them.
 */
export interface ScanJob {
  path: string;
  start: number;
  end: number;
  spec: FastPlanSpec;
}

const job = workerData as ScanJob;
const kernel = scanKernel();
const counter = new RecordCounter({ ...job.spec, firstLine: 1, interpret: interpreters(bundledRegions()), ...(kernel ? { kernel } : {}) });
const fd = openSync(job.path, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
try {
  for (let position = job.start; position < job.end && !counter.failed; ) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, job.end - position), position);
    if (n === 0) break;
    position += n;
    counter.push(buffer.subarray(0, n));
  }
} finally {
  closeSync(fd);
}
parentPort!.postMessage(counter.result());
