#!/usr/bin/env node
// npm test and npm run test:full: the type check from the start, the build (scripts/build.mjs)
// meanwhile, then vitest, which needs the build. Alongside the build and vitest's workers the
// checker adds little wall time where before them it added all of its own. Its report is printed
// after vitest's; the exit code is the build's if it failed, else vitest's, or the checker's if
// vitest passed. Arguments go to vitest (npm test passes --mode quick).
//
// The type check is skipped when nothing it reads changed since it last passed (see
// fingerprint.mjs): the TypeScript sources, the configs, the installed packages and Node.
//
// Its checker: for the quick tier (npm test), TypeScript's native compiler (tsgo, of
// @typescript/native-preview: the same checks, in Go; under 2 s of CPU here where tsc takes 12);
// for the full tier (npm run test:full, which CI runs) tsc itself, the compiler the lint and
// editors use. The quick tier also skips when tsc passed on the same inputs; the full tier only then.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fingerprint, stamp, stamped, STAMPS } from './fingerprint.mjs';

const require = createRequire(import.meta.url);

/** Runs a command to its end; its exit code (1 when it could not start or was killed). */
function finished(child) {
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// What tsconfig.test.json includes (and the scripts' declarations the tests import), its configs,
// and what the installed packages are. Not bench/out: the benchmark's generated files (a
// gigabyte), which the type check never reads, were hashed on every run.
const typed = fingerprint(
  [
    'src',
    'test',
    ...readdirSync('bench')
      .filter((name) => name !== 'out')
      .map((name) => join('bench', name)),
    'scripts/fingerprint.d.mts',
    'scripts/readme-tour.d.mts',
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
const args = process.argv.slice(2);
const quick = args.some((a, i) => a === '--mode=quick' || (a === '--mode' && args[i + 1] === 'quick'));
/** The native checker's launcher, or undefined where it is not installed (tsc is used then). */
function tsgoBin() {
  try {
    return join(dirname(require.resolve('@typescript/native-preview/package.json')), 'bin', 'tsgo');
  } catch {
    return undefined;
  }
}
const tsgo = quick ? tsgoBin() : undefined;
// One checker thread, not four: less CPU in all, and the check runs beside the build and vitest, which need the cores more.
const ONE_CHECKER = ['--checkers', '1'];
const stampName = tsgo ? 'typecheck-native' : 'typecheck';
const tscOutput = [];
let tscDone = Promise.resolve(0);
if (stamped('typecheck', typed) || (tsgo && stamped(stampName, typed))) {
  console.log('type check: nothing it reads changed since it last passed');
} else {
  // The typecheck script of package.json (or the same check by tsgo), run without npm in between,
  // at the lowest priority (nice 19) where `nice` is found: the checker then runs on what the
  // build and vitest's workers leave of the cores (they wait on files, pipes and processes now
  // and then) instead of taking a core from them, and at full speed once they are done.
  const nice = ['/usr/bin/nice', '/bin/nice'].find((path) => existsSync(path));
  const tsc = spawn(
    nice ?? process.execPath,
    (nice ? ['-n', '19', process.execPath] : []).concat(
      tsgo
        ? [tsgo, '-p', 'tsconfig.test.json', '--noEmit', ...ONE_CHECKER]
        : [
            join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'),
            '-p',
            'tsconfig.test.json',
            '--noEmit',
            '--incremental',
            '--tsBuildInfoFile',
            join(STAMPS, 'typecheck.tsbuildinfo'),
          ],
    ),
  );
  tsc.stdout.on('data', (chunk) => tscOutput.push(chunk));
  tsc.stderr.on('data', (chunk) => tscOutput.push(chunk));
  tscDone = finished(tsc);
}
const built = await finished(spawn(process.execPath, [join(import.meta.dirname, 'build.mjs')], { stdio: 'inherit' }));
// Without a build there is nothing to test; the type check still reports (a failed build is often a type error).
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const vitestDone = built === 0 ? finished(spawn(process.execPath, [vitestBin, 'run', ...args], { stdio: 'inherit' })) : Promise.resolve(built);

const [vitestCode, tscCode] = await Promise.all([vitestDone, tscDone]);
if (tscCode !== 0) process.stderr.write(`\n${tsgo ? 'the type check (tsgo)' : 'npm run typecheck'} failed:\n${Buffer.concat(tscOutput).toString()}`);
else stamp(stampName, typed);
process.exitCode = vitestCode || tscCode;
