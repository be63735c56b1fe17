#!/usr/bin/env node
// npm test and npm run test:full, after the build: the type check and vitest at the same time.
// tsc is one process on one core, so alongside vitest's workers it adds little wall time where
// before them it added all of its own. tsc's report is printed after vitest's; the exit code is
// vitest's, or tsc's if vitest passed. Arguments go to vitest (npm test passes --mode quick).
//
// The type check is skipped when nothing it reads changed since it last passed (see
// fingerprint.mjs): the TypeScript sources, the configs, the installed packages and Node.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fingerprint, stamp, stamped } from './fingerprint.mjs';

const require = createRequire(import.meta.url);

/** Runs a command to its end; its exit code (1 when it could not start or was killed). */
function finished(child) {
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// What tsconfig.test.json includes, its configs, and what the installed packages are.
const typed = fingerprint(
  [
    'src',
    'test',
    'bench',
    'tsconfig.json',
    'tsconfig.test.json',
    'vitest.config.ts',
    'vitest.mutate.config.ts',
    'vitest.install.config.ts',
    'package.json',
    'node_modules/.package-lock.json',
  ],
  [process.version],
);
const tscOutput = [];
let tscDone = Promise.resolve(0);
if (stamped('typecheck', typed)) {
  console.log('type check: nothing it reads changed since it last passed');
} else {
  // The typecheck script of package.json, run without npm in between.
  const tsc = spawn(process.execPath, [
    join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'),
    '-p',
    'tsconfig.test.json',
    '--noEmit',
    '--incremental',
    '--tsBuildInfoFile',
    'node_modules/.cache/rehab-stats/typecheck.tsbuildinfo',
  ]);
  tsc.stdout.on('data', (chunk) => tscOutput.push(chunk));
  tsc.stderr.on('data', (chunk) => tscOutput.push(chunk));
  tscDone = finished(tsc);
}
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const vitest = spawn(process.execPath, [vitestBin, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [vitestCode, tscCode] = await Promise.all([finished(vitest), tscDone]);
if (tscCode !== 0) process.stderr.write(`\nnpm run typecheck failed:\n${Buffer.concat(tscOutput).toString()}`);
else stamp('typecheck', typed);
process.exitCode = vitestCode || tscCode;
