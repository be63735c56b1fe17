import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../scripts/fingerprint.mjs';

/**
 * npm test skips the build and the type check when their inputs' fingerprint is the one of the
 * last good run (scripts/fingerprint.mjs): a change the fingerprint missed would skip work that
 * had to be done, and test a stale build.
 */
describe('the fingerprint of a build or type check', () => {
  const root = mkdtempSync(join(tmpdir(), 'rehab-fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src', 'parse'), { recursive: true });
  writeFileSync(join(root, 'src', 'run.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'parse', 'scan.wat'), '(module)\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  const paths = ['src', 'package.json', 'node_modules/.package-lock.json'];
  const print = () => fingerprint(paths, ['v20'], root);

  it('is the same while nothing changes', () => {
    expect(print()).toBe(print());
    expect(print()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any byte of any file, deep in a folder too', () => {
    const before = print();
    writeFileSync(join(root, 'src', 'parse', 'scan.wat'), '(module) \n');
    expect(print()).not.toBe(before);
    writeFileSync(join(root, 'src', 'parse', 'scan.wat'), '(module)\n');
    expect(print()).toBe(before);
  });

  it('changes when a file is added, renamed or removed, and when a missing path appears', () => {
    const before = print();
    writeFileSync(join(root, 'src', 'new.ts'), '');
    const added = print();
    expect(added).not.toBe(before);
    renameSync(join(root, 'src', 'new.ts'), join(root, 'src', 'other.ts'));
    expect(print()).not.toBe(added);
    rmSync(join(root, 'src', 'other.ts'));
    expect(print()).toBe(before);
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}');
    expect(print()).not.toBe(before);
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(print()).toBe(before);
  });

  it('changes with what else the result depends on (Node, a switch), and a byte moved between files', () => {
    expect(fingerprint(paths, ['v22'], root)).not.toBe(print());
    expect(fingerprint(paths, [], root)).not.toBe(print());
    writeFileSync(join(root, 'a'), 'xy');
    writeFileSync(join(root, 'b'), '');
    const one = fingerprint(['a', 'b'], [], root);
    writeFileSync(join(root, 'a'), 'x');
    writeFileSync(join(root, 'b'), 'y');
    expect(fingerprint(['a', 'b'], [], root)).not.toBe(one);
  });
});
