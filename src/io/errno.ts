/**
 * What a system error code means to a user, and what to do about it: the one place errno
 * codes become words. Reading and writing share it, so the same failure reads the same.
 */
import { msg, type Message } from '../messages/index.js';

export interface SystemErrorText {
  message: Message;
  hint?: Message;
}

export type Doing = 'read' | 'write';

const permissions = (d: Doing) => (d === 'read' ? msg('errno.permissions.read.hint') : msg('errno.permissions.write.hint'));
const TEXT: Record<string, (doing: Doing) => SystemErrorText> = {
  ENOENT: (d) =>
    d === 'read' ? { message: msg('errno.ENOENT.read'), hint: msg('errno.ENOENT.read.hint') } : { message: msg('errno.ENOENT.write'), hint: msg('errno.ENOENT.write.hint') },
  EISDIR: () => ({ message: msg('errno.EISDIR'), hint: msg('errno.EISDIR.hint') }),
  ENOTDIR: () => ({ message: msg('errno.ENOTDIR'), hint: msg('errno.ENOTDIR.hint') }),
  EACCES: (d) => ({ message: msg('errno.EACCES'), hint: permissions(d) }),
  EPERM: (d) => ({ message: msg('errno.EPERM'), hint: permissions(d) }),
  ELOOP: () => ({ message: msg('errno.ELOOP'), hint: msg('errno.ELOOP.hint') }),
  ENAMETOOLONG: () => ({ message: msg('errno.ENAMETOOLONG'), hint: msg('errno.ENAMETOOLONG.hint') }),
  ENOSPC: () => ({ message: msg('errno.ENOSPC'), hint: msg('errno.full.hint') }),
  EDQUOT: () => ({ message: msg('errno.EDQUOT'), hint: msg('errno.full.hint') }),
  EFBIG: () => ({ message: msg('errno.EFBIG'), hint: msg('errno.EFBIG.hint') }),
  EIO: () => ({ message: msg('errno.EIO'), hint: msg('errno.EIO.hint') }),
  EROFS: () => ({ message: msg('errno.EROFS'), hint: msg('errno.EROFS.hint') }),
  EPIPE: () => ({ message: msg('errno.EPIPE'), hint: msg('errno.EPIPE.hint') }),
  EMFILE: () => ({ message: msg('errno.EMFILE'), hint: msg('errno.EMFILE.hint') }),
  ENFILE: () => ({ message: msg('errno.ENFILE'), hint: msg('errno.ENFILE.hint') }),
  EBUSY: () => ({ message: msg('errno.EBUSY'), hint: msg('errno.EBUSY.hint') }),
  ETXTBSY: () => ({ message: msg('errno.ETXTBSY'), hint: msg('errno.ETXTBSY.hint') }),
  EAGAIN: () => ({ message: msg('errno.EAGAIN'), hint: msg('errno.EAGAIN.hint') }),
  ENXIO: () => ({ message: msg('errno.ENXIO'), hint: msg('errno.regular-file.hint') }),
  ENODEV: () => ({ message: msg('errno.ENODEV'), hint: msg('errno.regular-file.hint') }),
  EINVAL: () => ({ message: msg('errno.EINVAL'), hint: msg('errno.regular-file.hint') }),
};

/**
 * The same hint for stdout, where "nothing was written" may not hold (part of the output
 * may already have gone out).
 */
export function stdoutHint(hint: Message): Message {
  if (hint.id === 'errno.full.hint') return msg('errno.full.stdout.hint');
  if (hint.id === 'errno.EIO.hint') return msg('errno.EIO.stdout.hint');
  return hint;
}

/** The words for a system error code (e.g. "ENOSPC"); unknown codes are shown as they are. */
export function systemErrorText(code: string | undefined, doing: Doing): SystemErrorText {
  const known = code ? TEXT[code] : undefined;
  if (known) return known(doing);
  const shown = code ?? msg('errno.unknown-code');
  return { message: doing === 'read' ? msg('errno.unknown.read', { code: shown }) : msg('errno.unknown.write', { code: shown }) };
}

/** A thrown value's `code` ("ENOENT", "EPIPE" …) if it has a string one: a catch clause gets `unknown`. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  return typeof e.code === 'string' ? e.code : undefined;
}

/** A thrown value's `message` if it has a string one. */
export function messageOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('message' in e)) return undefined;
  return typeof e.message === 'string' ? e.message : undefined;
}

/** True for an error raised by a system call (has an errno code such as "ENOSPC"). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  const code = errorCode(e);
  return e instanceof Error && code !== undefined && /^E[A-Z0-9]+$/.test(code);
}
