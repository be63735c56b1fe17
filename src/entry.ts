import { exitCodeFor, main } from './cli.js';

/** The program as a process runs it; tests import `main` from cli.ts and call it in-process. */

// An error thrown outside a command (in an event handler) still gets one message and an exit code.
process.on('uncaughtException', (e) => {
  process.exitCode = exitCodeFor(e);
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
