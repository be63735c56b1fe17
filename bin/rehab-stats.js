#!/usr/bin/env node
// The only code that touches `process`: it hands the real streams, environment, folder and clock
// to run() and turns what run() returns into the exit code. Everything else is in src/run.ts.
// CommonJS (bin/package.json), as Node starts a CommonJS file without setting up its ES module
// loader: a few milliseconds of every start.
'use strict';
const { loadBundle } = require('./bundle.js');
const { standbyCountWorker } = require('./count-worker.js');

// Before the bundle loads: a big --input file's second worker thread starts meanwhile.
const takeCountWorker = standbyCountWorker(process.argv.slice(2), process.env);

const { removeTemporaryFiles, run, uncaughtExitCode } = loadBundle().exports;

// A signal mid-write: remove the safe writer's temporary files, then die of the same signal as
// if it had not been caught, so the shell sees why (exit 128 + n).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    removeTemporaryFiles();
    process.kill(process.pid, signal);
  });
}

const args = process.argv.slice(2);
const io = {
  // process.stdin is made on first use (a terminal's input); otherwise stdin is read from its descriptor.
  get stdin() {
    return process.stdin;
  },
  stdinFd: 0,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutFd: 1,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  ...(takeCountWorker ? { takeCountWorker } : {}),
};

// An error thrown outside a command (in an event handler) still gets one message and an exit code.
process.on('uncaughtException', (e) => {
  process.exitCode = uncaughtExitCode(e, args, io);
});

// process.exitCode, never process.exit(): buffered output is flushed first.
run(args, io).then((code) => {
  process.exitCode = process.exitCode || code;
});
