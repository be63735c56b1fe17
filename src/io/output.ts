import { fstatSync, writeSync } from 'node:fs';
import { ExitCode, RehabError } from '../errors.js';
import { systemErrorText } from './errno.js';
import { printable } from './printable.js';

/**
 * Writing results to stdout and messages to stderr. A reader that closes the pipe early
 * (`| head`) is not an error: the rest of the output is dropped. Any other failure of stdout
 * (a full disk under `> file`, an I/O error) is an error with exit 3, never a stack trace.
 * Exit codes are set with process.exitCode, never process.exit(), so buffered output is flushed.
 */
let pipeClosed = false;
let streamFailure: RehabError | undefined;

function stdoutFailure(e: unknown): RehabError {
  const text = systemErrorText((e as NodeJS.ErrnoException).code, 'write');
  return new RehabError(`cannot be written: ${text.message}`, { exitCode: ExitCode.io, location: { file: 'stdout' }, ...(text.hint ? { hint: text.hint.replace('; nothing was written', '') } : {}) });
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') pipeClosed = true;
  else streamFailure ??= stdoutFailure(err);
});

/**
 * A file or device on stdout (`> out.csv`): Node writes those with one write(2) and ignores a
 * short count, so a full disk would lose the tail silently. Written here in a loop instead,
 * where the next call reports the reason.
 */
let stdoutIsFile: boolean | undefined;
function directStdout(): boolean {
  if (stdoutIsFile === undefined) {
    try {
      const s = fstatSync(1);
      stdoutIsFile = s.isFile() || (s.isCharacterDevice() && !process.stdout.isTTY);
    } catch {
      stdoutIsFile = false;
    }
  }
  return stdoutIsFile;
}

export function writeStdout(text: string | Uint8Array): void {
  if (pipeClosed) return;
  if (!directStdout()) {
    process.stdout.write(text);
    return;
  }
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  try {
    for (let offset = 0; offset < bytes.length; ) {
      const n = writeSync(1, bytes, offset, bytes.length - offset);
      if (n <= 0) throw Object.assign(new Error('write returned 0'), { code: 'EIO' });
      offset += n;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
      pipeClosed = true;
      return;
    }
    throw stdoutFailure(e);
  }
}

/** A stdout failure reported after the write returned (a pipe or socket); undefined when none. */
export function stdoutFailed(): RehabError | undefined {
  return streamFailure;
}

// Nothing can be said about a failing stderr; it must not crash the program either.
process.stderr.on('error', () => undefined);

/** Messages for a person: notes and errors quote the data, so controls are shown, never obeyed. */
export function writeStderr(text: string): void {
  process.stderr.write(printable(text));
}
