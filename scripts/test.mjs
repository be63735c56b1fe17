#!/usr/bin/env node
// npm test and npm run test:full, after the build: the type check and vitest at the same time.
// tsc is one process on one core, so alongside vitest's workers it adds little wall time where
// before them it added all of its own. tsc's report is printed after vitest's; the exit code is
// vitest's, or tsc's if vitest passed. Arguments go to vitest (npm test passes --mode quick).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const npm = process.env.npm_execpath;

/** Runs a command to its end; its exit code (1 when it could not start or was killed). */
function finished(child) {
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const tscOutput = [];
const tsc = npm ? spawn(process.execPath, [npm, 'run', '--silent', 'typecheck']) : spawn('npm', ['run', '--silent', 'typecheck'], { shell: true });
tsc.stdout.on('data', (chunk) => tscOutput.push(chunk));
tsc.stderr.on('data', (chunk) => tscOutput.push(chunk));
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const vitest = spawn(process.execPath, [vitestBin, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [vitestCode, tscCode] = await Promise.all([finished(vitest), finished(tsc)]);
if (tscCode !== 0) process.stderr.write(`\nnpm run typecheck failed:\n${Buffer.concat(tscOutput).toString()}`);
process.exitCode = vitestCode || tscCode;
