import { describe, expect, it } from 'vitest';
import { runCli, runRehab } from './harness.js';

/**
 * The built binary (bin/ loading dist/rehab-stats.cjs with its code cache) against the same run
 * in this process from src/: the bundle must behave as the source does, down to the Swedish in
 * its regular expressions ("15-19 år", "källa", en dashes), which a wrong decoding of the script
 * would break.
 */
describe('the built binary', () => {
  it.each([
    ['age groups written "15-19 år"', ['check', 'fixtures/age-counts.csv']],
    ['a PxWeb export with its title and source notes', ['check', 'fixtures/population-pxweb-sex-sv.csv']],
    ['Latin-1 records', ['rank', '--method', 'KBT', '--input', 'fixtures/records-latin1.csv', '--format', 'csv']],
  ])(
    'reads %s as the source does',
    async (_, args) => {
      const spawned = runCli(args);
      const inProcess = await runRehab(args);
      expect(spawned.status).toBe(inProcess.status);
      expect(spawned.stdout).toBe(inProcess.stdout);
      expect(spawned.stderr).toBe(inProcess.stderr);
    },
    60_000,
  );
});
