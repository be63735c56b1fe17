// Types of scripts/fingerprint.mjs, shared by the build, scripts/test.mjs and test/unit/fingerprint.test.ts.

/** The folder of the stamps, relative to the repository. */
export const STAMPS: string;

/** The SHA-256 of the names and bytes of every file under `paths` (relative to `root`, default the current folder) and of `extra`. */
export function fingerprint(paths: readonly string[], extra?: readonly string[], root?: string): string;

/** Whether the stamp `name` holds exactly `print`. */
export function stamped(name: string, print: string): boolean;

/** Records `print` as the last good run of `name`. */
export function stamp(name: string, print: string): void;

/** Forgets the last good run of `name`. */
export function unstamp(name: string): void;
