import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/ingest/load.js';
import { bundledRegions, snapshotTable, SNAPSHOT_FILES, sourceStamps, type Snapshot } from '../../src/domain/bundled.js';
import { readBundled, SNAPSHOT_PATH } from '../../src/io/bundled.js';

// npm test builds first, so the snapshot the CLI uses exists; it must be the CSV data exactly.
describe.skipIf(!existsSync(SNAPSHOT_PATH))('bundled data snapshot', () => {
  const snapshot = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Snapshot;
  it.each(SNAPSHOT_FILES.filter((f) => f !== 'regions.csv'))('%s matches the CSV as parsed', (name) => {
    const t = loadTable(readBundled(name), `bundled ${name}`, name === 'population.csv' ? 'population' : 'count', bundledRegions());
    expect(snapshot.tables[name]).toEqual(t.observations);
  });
  it('holds every region', () => expect(snapshot.regions).toHaveLength(22));
  // By content, so an install (npm pack / npm install -g), which changes every file's time, keeps it valid.
  it('is recognised by the content of the CSV files, not their times', () => {
    expect(snapshot.sources).toEqual(sourceStamps());
    expect(JSON.stringify(snapshot.sources)).not.toMatch(/mtime|size/);
    expect(snapshotTable('population.csv')).toBeDefined();
  });
});
