/**
 * What a system error code means to a user, and what to do about it: the one place errno
 * codes become words. Reading and writing share it, so the same failure reads the same.
 */
export interface SystemErrorText {
  message: string;
  hint?: string;
}

export type Doing = 'read' | 'write';

const TEXT: Record<string, (doing: Doing) => SystemErrorText> = {
  ENOENT: (d) => (d === 'read' ? { message: 'no such file', hint: 'check the path; use - to read from stdin' } : { message: 'the folder does not exist', hint: 'create the folder first, or check the path' }),
  EISDIR: () => ({ message: 'is a folder, not a file', hint: 'give a file name inside the folder' }),
  ENOTDIR: () => ({ message: 'a part of the path is a file, not a folder', hint: 'check the path: every part before the file name must be a folder' }),
  EACCES: (d) => ({ message: 'permission denied', hint: d === 'read' ? 'check the file\'s permissions' : 'check the permissions of the file and its folder, or write somewhere else' }),
  EPERM: (d) => ({ message: 'operation not permitted', hint: d === 'read' ? 'check the file\'s permissions' : 'check the permissions of the file and its folder, or write somewhere else' }),
  ELOOP: () => ({ message: 'too many levels of symbolic links (a link that points to itself?)', hint: 'check where the symbolic links in the path point (ls -l)' }),
  ENAMETOOLONG: () => ({ message: 'the file name is too long', hint: 'use a shorter name: at most 255 bytes for each part of the path' }),
  ENOSPC: () => ({ message: 'no space left on the device', hint: 'free some space or write to another disk; nothing was written' }),
  EDQUOT: () => ({ message: 'disk quota exceeded', hint: 'free some space or write to another disk; nothing was written' }),
  EFBIG: () => ({ message: 'the file is too large for this file system', hint: 'write to another disk' }),
  EIO: () => ({ message: 'input/output error (the disk or network share failed)', hint: 'check the device; nothing was written' }),
  EROFS: () => ({ message: 'the file system is read-only', hint: 'write to another folder' }),
  EPIPE: () => ({ message: 'the reader closed the pipe before everything was written', hint: 'nothing was written' }),
  EMFILE: () => ({ message: 'too many open files', hint: 'raise the limit (ulimit -n) or close other programs' }),
  ENFILE: () => ({ message: 'too many open files in the system', hint: 'close other programs and try again' }),
  EBUSY: () => ({ message: 'the file is busy (in use by another program)', hint: 'close the program using it and try again' }),
  ETXTBSY: () => ({ message: 'the file is busy (a running program)', hint: 'write to another file' }),
  EAGAIN: () => ({ message: 'the file is not ready (non-blocking input with nothing to read)', hint: 'give a regular file, or pipe the data in' }),
  ENXIO: () => ({ message: 'no such device or address (a FIFO with no reader, or a missing device)', hint: 'give a regular file' }),
  ENODEV: () => ({ message: 'no such device', hint: 'give a regular file' }),
  EINVAL: () => ({ message: 'the system refused the operation (invalid argument)', hint: 'give a regular file' }),
};

/** The words for a system error code (e.g. "ENOSPC"); unknown codes are shown as they are. */
export function systemErrorText(code: string | undefined, doing: Doing): SystemErrorText {
  const known = code ? TEXT[code] : undefined;
  if (known) return known(doing);
  return { message: `cannot be ${doing === 'read' ? 'read' : 'written'} (${code ?? 'unknown system error'})` };
}

/** True for an error raised by a system call (has an errno code such as "ENOSPC"). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}
