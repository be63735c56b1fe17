// What lets npm test skip work whose inputs have not changed since it last succeeded (the build,
// the type check): a SHA-256 over the names and bytes of every input file, and a stamp file in
// node_modules/.cache/rehab-stats holding the fingerprint of the last good run. A fresh clone,
// `npm ci` (which replaces node_modules) or any changed byte gives a new fingerprint and the work
// is done again; a failed run writes no stamp.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const STAMPS = join('node_modules', '.cache', 'rehab-stats');

/** Every file under `path` (or `path` itself), sorted; none when it does not exist. */
function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The fingerprint of `paths` (files or folders, relative to `root`) and of `extra` (anything
 * else the result depends on: Node's version, an environment variable). A missing path counts
 * too, so creating it changes the fingerprint.
 */
export function fingerprint(paths, extra = [], root = '.') {
  const hash = createHash('sha256');
  for (const value of extra) hash.update(`extra\0${value}\0`);
  for (const path of paths) {
    const files = filesUnder(join(root, path));
    hash.update(`path\0${path}\0${files.length}\0`);
    for (const file of files) {
      const bytes = readFileSync(file);
      hash.update(`file\0${relative(root, file)}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

/** Whether the stamp `name` holds exactly `print`. */
export function stamped(name, print) {
  const file = join(STAMPS, name);
  return existsSync(file) && readFileSync(file, 'utf8') === print;
}

/** Records `print` as the last good run of `name`. */
export function stamp(name, print) {
  const file = join(STAMPS, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, print);
}

/** Forgets the last good run of `name` (before work that may fail half-way). */
export function unstamp(name) {
  rmSync(join(STAMPS, name), { force: true });
}
