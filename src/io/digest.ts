import type { Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { currentRun } from './context.js';
import { nodeCrypto } from './lazy.js';

/**
 * SHA-256 of the inputs, for provenance. A file is hashed from disk; stdin cannot be read
 * twice, so its bytes are hashed as they are read and kept with the run — only in a run that
 * prints digests (--provenance, report): hashing every byte costs a pipe's reader about as
 * much CPU as scanning a fifth of them.
 */

function sha256(): Hash {
  return nodeCrypto().createHash('sha256');
}

export function digestOf(bytes: Uint8Array): { sha256: string; bytes: number } {
  return { sha256: sha256().update(bytes).digest('hex'), bytes: bytes.length };
}

/** Whether stdin is hashed as it is read in this run (set from the command line before the command runs). */
export function stdinDigestWanted(): boolean {
  return currentRun().hashStdin;
}

/** Hashes stdin chunk by chunk as it streams; done() keeps the digest with the run. */
export function stdinHasher(): { update(chunk: Uint8Array): void; done(): void } {
  const hash = sha256();
  let bytes = 0;
  return {
    update(chunk) {
      hash.update(chunk);
      bytes += chunk.length;
    },
    done() {
      currentRun().stdinDigest = { sha256: hash.digest('hex'), bytes };
    },
  };
}

/** The digest of a path as given ("-" is stdin, which must have been read already, in a run that hashes it). */
export function digestOfPath(path: string): { sha256: string; bytes: number } {
  if (path === '-') {
    const digest = currentRun().stdinDigest;
    if (!digest) throw new Error('stdin has not been hashed (not read, or read in a run that asked for no digest)');
    return digest;
  }
  return digestOf(readFileSync(path));
}
