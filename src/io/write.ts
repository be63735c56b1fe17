import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ioError, usageError } from '../errors.js';

/**
 * Writes a whole file atomically: into a temporary file beside it, flushed, then renamed over
 * the target, so a reader never sees half a file and a failure leaves the old one intact.
 * Refuses to overwrite any of `inputs`.
 */
export function writeFileAtomic(path: string, text: string, inputs: readonly string[] = []): void {
  const target = resolve(path);
  for (const input of inputs) {
    if (input !== '-' && sameFile(resolve(input), target)) {
      throw usageError(`--output ${path} is also an input`, 'write to another file; rehab-stats never overwrites its inputs');
    }
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw ioError(`cannot be written (${code ?? (e as Error).message})`, path, code === 'ENOENT' ? 'does the folder exist?' : undefined);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}
