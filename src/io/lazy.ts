import { createRequire } from 'node:module';

// Built-in modules loaded on first use rather than at start-up, where most runs never need them.
const load = createRequire(import.meta.url);

/** node:crypto: for a digest, the snapshot check or a temporary file's name. */
export function nodeCrypto(): typeof import('node:crypto') {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require() is untyped; this is node:crypto's own type.
  return load('node:crypto') as typeof import('node:crypto');
}
