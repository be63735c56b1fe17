import { readFileSync } from 'node:fs';
import { ioError, RehabError } from '../errors.js';

/** What a user calls an input in messages: the path as given, or "stdin" for "-". */
export function displayName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/**
 * Reads a whole file, or stdin for "-", mapping system errors to readable ones (exit 3).
 * Stdin is read as a stream: a synchronous read of a pipe fails with EAGAIN when the writer
 * has not written yet.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    if (path !== '-') return readFileSync(path);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (e) {
    throw ioFailure(e, displayName(path));
  }
}

/** A system error as a readable RehabError (exit 3); RehabErrors pass through. */
export function ioFailure(e: unknown, name: string): RehabError {
  if (e instanceof RehabError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return ioError('no such file', name, 'check the path; use - to read from stdin');
  if (code === 'EISDIR') return ioError('is a directory, not a file', name);
  if (code === 'EACCES' || code === 'EPERM') return ioError('permission denied', name);
  return ioError(`cannot be read (${code ?? (e as Error).message})`, name);
}
