import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ExitCode, RehabError } from '../errors.js';
import { currentIo, type WriterFs } from './context.js';
import { errorCode, systemErrorText } from './errno.js';
import { nodeCrypto } from './lazy.js';
import { forgetTemporary, rememberTemporary } from './temporaries.js';
import { msg, type Message, type Text } from '../messages/index.js';

/**
 * The one writer for every file rehab-stats writes (--output, report --markdown/--html).
 *
 * A file is written into a temporary file beside the target, flushed to disk (fsync), given
 * the target's mode and owner, and renamed over the target: a reader sees the old file or the
 * whole new one, never half. Every target is checked before anything is written, and refused
 * when it is a folder, a device, FIFO or socket, a symbolic link (the rename would replace the
 * link), a path under /dev, /proc or /sys (`/dev/stdout`: `-` means stdout), read-only, one of
 * the protected files (inputs, the config) or inside a protected folder (the bundled data).
 * A failed write (ENOSPC, EIO …) or SIGINT/SIGTERM/SIGHUP mid-write removes the temporary
 * files (a signal through removeTemporaryFiles, which bin/ calls) and leaves every target as it was.
 *
 * Not write-file-atomic (npm): its single fs.write call ignores a short write, and on a full
 * disk it renames a truncated file into place and reports success (tried with 7.0.1 on a 64 KiB
 * tmpfs); it also follows a symbolic link to write its target, where we refuse.
 */

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/** Files and folders no output may replace, with what they are for the message ("an input"). */
export interface Protection {
  files: readonly { path: string; what: Text }[];
  folders: readonly { path: string; what: Text }[];
}

export type { WriterFs } from './context.js';

/** Node's fs, looked up at each call (a test preload may replace a function). */
type FsName = 'lstat' | 'stat' | 'realpath' | 'open' | 'write' | 'fchmod' | 'fchown' | 'fsync' | 'close' | 'rename';
const fsCall =
  <R>(name: FsName) =>
  (...args: unknown[]): Promise<R> =>
    new Promise((done, fail) => {
      // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- Node's overloaded callback functions have no one signature to call through.
      const fn = (nodeFs as unknown as Record<FsName, (...a: unknown[]) => void>)[name];
      fn(...args, (err: Error | null, value: R) => (err ? fail(err) : done(value)));
    });

export const realFs: WriterFs = {
  lstat: fsCall('lstat'),
  stat: fsCall('stat'),
  realpath: fsCall('realpath'),
  open: fsCall('open'),
  write: (fd, buffer, offset, length) => fsCall<number>('write')(fd, buffer, offset, length, null),
  fchmod: fsCall('fchmod'),
  fchown: fsCall('fchown'),
  fsync: fsCall('fsync'),
  close: fsCall('close'),
  rename: fsCall('rename'),
  unlinkSync: (path) => nodeFs.unlinkSync(path),
};

/** Bytes written per system call: small enough that a signal is handled between two. */
const CHUNK = 1 << 20;

/** Writes every file or none (as far as a rename can promise): see the module comment. */
export async function writeFiles(files: readonly OutputFile[], protection: Protection, fs: WriterFs = currentIo().writerFs ?? realFs): Promise<void> {
  const targets: Target[] = [];
  const jobs: { target: Target; data: OutputFile['data'] }[] = [];
  for (const f of files) {
    const target = await checkTarget(f.path, protection, targets, fs);
    targets.push(target);
    jobs.push({ target, data: f.data });
  }
  const written: { tmp: string; target: Target }[] = [];
  try {
    for (const { target, data } of jobs) {
      written.push({ tmp: await writeTemp(target, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, fs), target });
    }
    for (const { tmp, target } of written) {
      await fs.rename(tmp, target.path).catch((e: unknown) => {
        throw systemFailure(e, target.shown);
      });
      forgetTemporary(tmp);
    }
  } catch (e) {
    for (const { tmp } of written) removeTemp(tmp, fs);
    throw e;
  } finally {
    for (const { tmp } of written) forgetTemporary(tmp);
  }
}

/** Where a file goes, as checked: the absolute path, the name as given, and the file it replaces. */
interface Target {
  path: string;
  shown: string;
  existing: nodeFs.Stats | undefined;
  /** The real path of the folder and the file name: two outputs to one file are refused. */
  real: string;
}

const SYSTEM_PATH = /^\/(dev|proc|sys)(\/|$)/;

function refuse(shown: string | undefined, message: Message, hint: Message): RehabError {
  return new RehabError(message, { exitCode: ExitCode.usage, ...(shown !== undefined ? { location: { file: shown } } : {}), hint });
}

function systemFailure(e: unknown, shown: string): RehabError {
  if (e instanceof RehabError) return e;
  const code = errorCode(e);
  const text = systemErrorText(code, 'write');
  return new RehabError(msg('error.cannot-write', { reason: text.message }), { exitCode: ExitCode.io, location: { file: shown }, ...(text.hint ? { hint: text.hint } : {}) });
}

const sameFile = (a: nodeFs.Stats, b: nodeFs.Stats) => a.dev === b.dev && a.ino === b.ino;

async function checkTarget(shown: string, protection: Protection, earlier: readonly Target[], fs: WriterFs): Promise<Target> {
  if (shown === '') throw refuse(undefined, msg('write.empty-name'), msg('write.empty-name.hint'));
  const path = resolve(shown);
  const toStdout = msg('write.to-stdout.hint');
  if (SYSTEM_PATH.test(path)) throw refuse(shown, msg('write.system-path'), toStdout);
  let existing: nodeFs.Stats | undefined;
  try {
    existing = await fs.lstat(path);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw systemFailure(e, shown);
  }
  if (existing) {
    if (existing.isSymbolicLink()) throw refuse(shown, msg('write.symlink'), msg('write.symlink.hint'));
    if (existing.isDirectory()) throw refuse(shown, msg('errno.EISDIR'), msg('errno.EISDIR.hint'));
    if (!existing.isFile()) throw refuse(shown, msg('write.not-regular', { kind: kindOf(existing) }), toStdout);
    if ((existing.mode & 0o222) === 0 || !writable(path)) throw refuse(shown, msg('write.read-only'), msg('write.read-only.hint'));
  }
  let folder: string;
  try {
    folder = await fs.realpath(dirname(path));
  } catch (e) {
    throw systemFailure(e, shown);
  }
  if (SYSTEM_PATH.test(folder)) throw refuse(shown, msg('write.system-path'), toStdout);
  const real = join(folder, basename(path));
  for (const p of protection.folders) {
    const guarded = await fs.realpath(p.path).catch(() => resolve(p.path));
    if (real === guarded || real.startsWith(guarded + sep)) throw refuse(shown, msg('write.protected', { what: p.what }), msg('write.protected-folder.hint'));
  }
  if (existing) {
    for (const p of protection.files) {
      if (p.path === '-') continue;
      const s = await fs.stat(p.path).catch(() => undefined);
      if (s && sameFile(s, existing)) throw refuse(shown, msg('write.protected', { what: p.what }), msg('write.protected-file.hint'));
    }
  }
  const twice = earlier.find((t) => t.real === real || (t.existing && existing && sameFile(t.existing, existing)));
  if (twice) throw refuse(shown, msg('write.twice', { other: twice.shown }), msg('write.twice.hint'));
  return { path, shown, existing, real };
}

function kindOf(s: nodeFs.Stats): Message {
  if (s.isCharacterDevice() || s.isBlockDevice()) return msg('write.kind.device');
  if (s.isFIFO()) return msg('write.kind.fifo');
  if (s.isSocket()) return msg('write.kind.socket');
  return msg('write.kind.special');
}

function writable(path: string): boolean {
  try {
    nodeFs.accessSync(path, nodeFs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes the whole buffer into a new temporary file beside the target; returns its path. */
async function writeTemp(target: Target, bytes: Uint8Array, fs: WriterFs): Promise<string> {
  // Short enough that a long target name still leaves room for the suffix (255 bytes a name).
  const stem = Buffer.from(basename(target.path))
    .subarray(0, 120)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  const tmp = join(dirname(target.path), `.${stem}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 0600 until the target's own mode is set: nobody reads a half-written file.
    // Known before it exists: a signal between creating and registering it would leave it behind.
    // Removed by bin/ if a signal ends the process before its rename (io/temporaries.ts).
    rememberTemporary(tmp, () => removeTemp(tmp, fs));
    fd = await fs.open(tmp, 'wx', target.existing ? 0o600 : 0o666);
    for (let offset = 0; offset < bytes.length;) {
      const n = await fs.write(fd, bytes, offset, Math.min(CHUNK, bytes.length - offset));
      // A short write is normal near a full disk: the next call reports why (ENOSPC).
      if (n <= 0) throw Object.assign(new Error('write returned 0'), { code: 'EIO' });
      offset += n;
    }
    if (target.existing) {
      await fs.fchmod(fd, target.existing.mode & 0o7777);
      // Only root can give a file to another owner; for anyone else it already is theirs.
      await fs.fchown(fd, target.existing.uid, target.existing.gid).catch(() => undefined);
    }
    await fs.fsync(fd);
    const closing = fd;
    fd = undefined;
    await fs.close(closing);
    return tmp;
  } catch (e) {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
    // EEXIST on open: the name belongs to someone else's file, which stays.
    if (fd === undefined && errorCode(e) === 'EEXIST') forgetTemporary(tmp);
    else removeTemp(tmp, fs);
    throw systemFailure(e, target.shown);
  }
}

function removeTemp(tmp: string, fs: WriterFs): void {
  try {
    fs.unlinkSync(tmp);
  } catch {
    // Already gone (or never created): nothing to leave behind.
  }
  forgetTemporary(tmp);
}
