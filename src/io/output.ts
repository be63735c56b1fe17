/**
 * Writing results. Output goes to stdout in one write; a reader that closes the pipe early
 * (`| head`) is not an error. Exit codes are set with process.exitCode, never process.exit(),
 * so buffered output is flushed.
 */
let pipeClosed = false;

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') {
    pipeClosed = true;
    return;
  }
  throw err;
});

export function writeStdout(text: string): void {
  if (!pipeClosed) process.stdout.write(text);
}

export function writeStderr(text: string): void {
  process.stderr.write(text);
}
