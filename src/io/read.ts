import { readFileSync } from 'node:fs';
import { ioError, RehabError } from '../errors.js';
import { systemErrorText } from './errno.js';
import { rememberStdin } from './digest.js';

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
    const bytes = Buffer.concat(chunks);
    rememberStdin(bytes);
    return bytes;
  } catch (e) {
    throw ioFailure(e, displayName(path));
  }
}

/** A system error as a readable RehabError (exit 3); RehabErrors pass through. */
export function ioFailure(e: unknown, name: string): RehabError {
  if (e instanceof RehabError) return e;
  const text = systemErrorText((e as NodeJS.ErrnoException).code, 'read');
  return ioError(text.message, name, text.hint);
}
