import { readFileSync } from 'node:fs';
import { ioError } from '../errors.js';

/** What a user calls an input in messages: the path as given, or "stdin" for "-". */
export function displayName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/** Reads a whole file, or stdin for "-", mapping system errors to readable ones (exit 3). */
export function readBytes(path: string): Uint8Array {
  const name = displayName(path);
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw ioError('no such file', name, 'check the path; use - to read from stdin');
    if (code === 'EISDIR') throw ioError('is a directory, not a file', name);
    if (code === 'EACCES' || code === 'EPERM') throw ioError('permission denied', name);
    if (code === 'EAGAIN') throw ioError('stdin is not ready to be read', name, 'pipe a file into the command, e.g. cat data.csv | rehab-stats rank --input -');
    throw ioError(`cannot be read (${code ?? (e as Error).message})`, name);
  }
}
