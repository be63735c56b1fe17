// Types of bench/generate.mjs, a plain ES module shared by `npm run bench` and test/e2e/large.test.ts.

/** Writes `rows` deterministic record-level rows (region, year, method, sex, age) to `path`. */
export function generate(rows: number, path: string, seed?: number): Promise<void>;

/** Writes a deterministic aggregated table of about `rows` counts to `path`, long or with years as columns. */
export function generateAggregated(rows: number, path: string, layout?: 'long' | 'wide', seed?: number): Promise<void>;

/** The same rows written another way: every field quoted, CRLF, a UTF-8 byte-order mark, or Windows-1252. */
export function generateVariant(source: string, path: string, kind: 'quoted' | 'crlf' | 'bom' | 'latin1'): Promise<void>;
