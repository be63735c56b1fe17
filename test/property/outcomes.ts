import { RehabError } from '../../src/errors.js';
import type { RegionIndex } from '../../src/domain/regions.js';
import { loadTable } from '../../src/ingest/load.js';

/**
 * What the fast paths are compared with, in the shape every property test compares: the
 * observations and rows read, or the error's message (a RehabError; anything else is a defect
 * and is thrown on).
 */
export type GeneralOutcome = { observations: unknown; rowsRead: number } | { error: string };

/** The general path's outcome for a whole table in memory. */
export function generalOutcome(bytes: Uint8Array, regions: RegionIndex): GeneralOutcome {
  try {
    const t = loadTable(bytes, 'p.csv', 'count', regions);
    return { observations: t.observations, rowsRead: t.rowsRead };
  } catch (e) {
    if (e instanceof RehabError) return { error: e.message };
    throw e;
  }
}

/** A whole read's outcome, with the error's exit code and location (its file named 'input', so that a file and stdin compare). */
export type ReadOutcome = { observations: unknown; rowsRead: number } | { error: string; exitCode: number; location: unknown };

export async function readOutcome(read: () => Promise<{ observations: unknown; rowsRead: number }>): Promise<ReadOutcome> {
  try {
    const t = await read();
    return { observations: t.observations, rowsRead: t.rowsRead };
  } catch (e) {
    if (e instanceof RehabError) return { error: e.message, exitCode: e.exitCode, location: e.location ? { ...e.location, file: 'input' } : undefined };
    throw e;
  }
}
