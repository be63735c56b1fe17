import { fstatSync, writeSync } from 'node:fs';
import { ExitCode, RehabError } from '../errors.js';
import { currentIo, type Io } from './context.js';
import { errorCode, stdoutHint, systemErrorText } from './errno.js';
import { msg } from '../messages/index.js';
import { printable } from './printable.js';

/**
 * Writing results to stdout and messages to stderr of the run's Io. A reader that closes the
 * pipe early (`| head`) is not an error: the rest of the output is dropped. Any other failure of
 * stdout (a full disk under `> file`, an I/O error) is an error with exit 3, never a stack trace.
 */
interface StdoutState {
  pipeClosed: boolean;
  failure: RehabError | undefined;
  /** A file or device on stdout, written here in full (see writeStdout). */
  direct: boolean | undefined;
}
const states = new WeakMap<Io, StdoutState>();

function stdoutFailure(e: unknown): RehabError {
  const text = systemErrorText(errorCode(e), 'write');
  return new RehabError(msg('error.cannot-write', { reason: text.message }), {
    exitCode: ExitCode.io,
    location: { file: 'stdout' },
    ...(text.hint ? { hint: stdoutHint(text.hint) } : {}),
  });
}

function stateOf(io: Io): StdoutState {
  const known = states.get(io);
  if (known) return known;
  const state: StdoutState = { pipeClosed: false, failure: undefined, direct: undefined };
  io.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') state.pipeClosed = true;
    else state.failure ??= stdoutFailure(err);
  });
  // Nothing can be said about a failing stderr; it must not crash the program either.
  io.stderr.on('error', () => undefined);
  states.set(io, state);
  return state;
}

/**
 * A file or device on stdout (`> out.csv`): Node writes those with one write(2) and ignores a
 * short count, so a full disk would lose the tail silently. Written here in a loop instead,
 * where the next call reports the reason.
 */
function directFd(io: Io, s: StdoutState): number | undefined {
  if (io.stdoutFd === undefined) return undefined;
  if (s.direct === undefined) {
    try {
      const st = fstatSync(io.stdoutFd);
      s.direct = st.isFile() || (st.isCharacterDevice() && !io.stdout.isTTY);
    } catch {
      s.direct = false;
    }
  }
  return s.direct ? io.stdoutFd : undefined;
}

export function writeStdout(text: string | Uint8Array): void {
  const io = currentIo();
  const s = stateOf(io);
  if (s.pipeClosed) return;
  const fd = directFd(io, s);
  if (fd === undefined) {
    io.stdout.write(text);
    return;
  }
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  try {
    for (let offset = 0; offset < bytes.length;) {
      const n = writeSync(fd, bytes, offset, bytes.length - offset);
      if (n <= 0) throw Object.assign(new Error('write returned 0'), { code: 'EIO' });
      offset += n;
    }
  } catch (e) {
    if (errorCode(e) === 'EPIPE') {
      s.pipeClosed = true;
      return;
    }
    throw stdoutFailure(e);
  }
}

/** A stdout failure reported after the write returned (a pipe or socket); undefined when none. */
export function stdoutFailed(): RehabError | undefined {
  return stateOf(currentIo()).failure;
}

/** Messages for a person: notes and errors quote the data, so controls are shown, never obeyed. */
export function writeStderr(text: string): void {
  const io = currentIo();
  stateOf(io);
  io.stderr.write(printable(text));
}
