import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ExitCode, RehabError } from '../errors.js';
import { errorCode, systemErrorText } from '../io/errno.js';
import { ioFailure } from '../io/read.js';
import { msg, t, type Lang } from '../messages/index.js';

/** The report's files on disk: the folder made for them, and what `--check` finds changed. */

/** Creates the folder a report goes into (report/ by default); a failure is a write error (exit 3). */
export function makeFolder(folder: string, shown: (p: string) => string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = errorCode(e);
    const text = systemErrorText(code, 'write');
    const why = code === 'EEXIST' ? { message: msg('report.folder-is-file'), hint: msg('report.folder-is-file.hint') } : text;
    throw new RehabError(msg('report.cannot-create-folder', { why: why.message }), {
      exitCode: ExitCode.io,
      location: { file: shown(folder) },
      ...(why.hint ? { hint: why.hint } : {}),
    });
  }
}

/** A short account of how two texts differ: line counts and the first differing line. */
export function diffSummary(file: string, old: string, fresh: string, lang: Lang = 'en'): string {
  const a = old.split('\n');
  const b = fresh.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const changed = Math.max(a.length, b.length) - i;
  const cut = (s: string | undefined) => (s === undefined ? t(lang, 'report.end-of-file') : s.length > 100 ? `${s.slice(0, 99)}…` : s);
  return `${t(lang, 'report.differs', { file, line: i + 1, changed })}\n  - ${cut(a[i])}\n  + ${cut(b[i])}`;
}

/**
 * `report --check`: for each file the report would write, what differs on disk (a missing file,
 * or where the text first differs); empty when every file is up to date.
 */
export function staleFiles(files: readonly (readonly [string, string])[], shown: (p: string) => string, lang: Lang): string[] {
  return files
    .filter(([path]) => path !== '-')
    .map(([path, text]) => {
      if (!existsSync(path)) return t(lang, 'report.file-missing', { file: shown(path) });
      let old: string;
      try {
        old = readFileSync(path, 'utf8');
      } catch (e) {
        throw ioFailure(e, shown(path));
      }
      return old === text ? undefined : diffSummary(shown(path), old, text, lang);
    })
    .filter((x): x is string => x !== undefined);
}
