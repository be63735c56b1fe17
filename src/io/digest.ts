import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { currentRun } from './context.js';

/**
 * SHA-256 of the inputs, for provenance. A file is hashed from disk; stdin cannot be read
 * twice, so its bytes are hashed as they are read (rememberStdin) and kept with the run.
 */
export function digestOf(bytes: Uint8Array): { sha256: string; bytes: number } {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Called by the reader with stdin's bytes. */
export function rememberStdin(bytes: Uint8Array): void {
  currentRun().stdinDigest = digestOf(bytes);
}

/** Called by the reader that hashes stdin chunk by chunk as it streams (src/ingest/source.ts). */
export function rememberStdinDigest(digest: { sha256: string; bytes: number }): void {
  currentRun().stdinDigest = digest;
}

/** The digest of a path as given ("-" is stdin, which must have been read already). */
export function digestOfPath(path: string): { sha256: string; bytes: number } {
  if (path === '-') {
    const digest = currentRun().stdinDigest;
    if (!digest) throw new Error('stdin has not been read, so it cannot be hashed');
    return digest;
  }
  return digestOf(readFileSync(path));
}
