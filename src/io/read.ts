import { ioError, RehabError } from '../errors.js';
import { errorCode, systemErrorText } from './errno.js';

/** What a user calls an input in messages: the path as given, or "stdin" for "-". */
export function displayName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/** A system error as a readable RehabError (exit 3); RehabErrors pass through. */
export function ioFailure(e: unknown, name: string): RehabError {
  if (e instanceof RehabError) return e;
  const text = systemErrorText(errorCode(e), 'read');
  return ioError(text.message, name, text.hint);
}
