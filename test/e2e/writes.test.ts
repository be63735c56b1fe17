import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runRehab, type Run } from './harness.js';
import { itFull } from '../helpers/tier.js';

/**
 * The output side of safety, end to end: every file the CLI writes goes through one writer that
 * refuses what it must not replace, fails with exit 3 and leaves nothing behind on a full disk,
 * an I/O error or a signal. Faults come from a tmpfs the test mounts itself (root only) or from
 * test/fault/inject.mjs preloaded into the spawned process. No test writes to a real device.
 */
const BIN = join(ROOT, 'bin', 'rehab-stats.js');
const INJECT = join(ROOT, 'test', 'fault', 'inject.mjs');
const dir = mkdtempSync(join(tmpdir(), 'rehab-writes-'));
let n = 0;
const folder = () => {
  const d = join(dir, `t${n++}`);
  mkdirSync(d);
  return d;
};

/** One error line and one hint line, nothing on stdout, no stack trace. */
function expectOneError(r: Run, code: number, message: RegExp): void {
  expect(r.status).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^rehab-stats: error: /);
  expect(lines[0]).toMatch(message);
  expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** A small tmpfs for a full disk, when the test may mount one; otherwise the reason it cannot. */
function smallTmpfs(): { path: string; unmount: () => void } | { skip: string } {
  if (process.getuid?.() !== 0) return { skip: 'not root: cannot mount a tmpfs' };
  const path = mkdtempSync(join(tmpdir(), 'rehab-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(path, { recursive: true, force: true });
    return { skip: `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}` };
  }
  return {
    path,
    unmount: () => {
      spawnSync('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
const tmpfs = smallTmpfs();
afterAll(() => {
  if ('unmount' in tmpfs) tmpfs.unmount();
  rmSync(dir, { recursive: true, force: true });
});
if ('skip' in tmpfs) console.warn(`skipping the full-disk tests on a real tmpfs: ${tmpfs.skip}`);

describe('a full disk (a 64 KiB tmpfs)', () => {
  it.skipIf('skip' in tmpfs)('report --html: exit 3, no "wrote", no file and no temporary file left', async () => {
    const full = (tmpfs as { path: string }).path;
    // Fill it to the last block so the report's first write is already short.
    spawnSync('dd', ['if=/dev/zero', `of=${join(full, 'filler')}`, 'bs=4k'], { encoding: 'utf8' });
    try {
      const r = await runRehab(['report', '--html', join(full, 'report.html')]);
      expectOneError(r, 3, /report\.html: cannot be written: no space left on the device/);
      expect(r.stderr).not.toMatch(/wrote/);
      expect(readdirSync(full)).toEqual(['filler']);
    } finally {
      rmSync(join(full, 'filler'), { force: true });
    }
  });

  it.skipIf('skip' in tmpfs)('a report larger than the disk: exit 3 and the old report intact', async () => {
    const full = (tmpfs as { path: string }).path;
    writeFileSync(join(full, 'report.html'), 'the old report');
    // Fill all but about 20 KiB: the report (about 100 KiB) starts, then runs out of space.
    spawnSync('dd', ['if=/dev/zero', `of=${join(full, 'filler')}`, 'bs=4k', 'count=10'], { encoding: 'utf8' });
    try {
      const r = await runRehab(['report', '--html', join(full, 'report.html'), '--markdown', join(full, 'report.md')]);
      expectOneError(r, 3, /no space left on the device/);
      expect(readFileSync(join(full, 'report.html'), 'utf8')).toBe('the old report');
      expect(readdirSync(full).sort()).toEqual(['filler', 'report.html']);
    } finally {
      rmSync(join(full, 'filler'), { force: true });
      rmSync(join(full, 'report.html'), { force: true });
    }
  });

  it.skipIf('skip' in tmpfs)('stdout redirected to a file on it: exit 3, one message, no stack trace', () => {
    const full = (tmpfs as { path: string }).path;
    spawnSync('dd', ['if=/dev/zero', `of=${join(full, 'filler')}`, 'bs=4k'], { encoding: 'utf8' });
    const fd = openSync(join(full, 'out.csv'), 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'rank', '--method', 'KBT', '--format', 'csv'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LANG: 'C' },
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
      });
      expectOneError({ stdout: '', stderr: r.stderr, status: r.status }, 3, /^rehab-stats: error: stdout: cannot be written: no space left on the device$/);
    } finally {
      closeSync(fd);
      rmSync(join(full, 'filler'), { force: true });
      rmSync(join(full, 'out.csv'), { force: true });
    }
  });
});

/** Runs the CLI with a fault injected into its file writes (see test/fault/inject.mjs). */
function runFaulty(args: string[], env: Record<string, string>, stdout?: number): Run {
  const r = spawnSync(process.execPath, ['--import', INJECT, BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LANG: 'C', NO_COLOR: '1', ...env },
    stdio: ['ignore', stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as a string, but null when stdout goes to a file descriptor.
  return { stdout: r.stdout ?? '', stderr: r.stderr, status: r.status };
}

// The faults in files a command writes are slow here (a process each) and in the full tier only:
// the quick tier meets them in this process, a real full disk above (as root) and injected ones in
// test/unit/write.test.ts. The faults on stdout, which only a process has, run in both tiers.
describe('injected write faults', () => {
  for (const [fault, words] of [
    ['ENOSPC', /no space left on the device/],
    ['EIO', /input\/output error/],
  ] as const) {
    itFull(`${fault} after a short write: report exits 3, says no "wrote", keeps the old files`, () => {
      const d = folder();
      writeFileSync(join(d, 'r.html'), 'old html');
      const r = runFaulty(['report', '--html', join(d, 'r.html'), '--markdown', join(d, 'r.md')], { REHAB_FAULT: fault });
      expectOneError(r, 3, words);
      expect(r.stderr).not.toMatch(/wrote/);
      expect(readFileSync(join(d, 'r.html'), 'utf8')).toBe('old html');
      expect(readdirSync(d)).toEqual(['r.html']);
    });

    itFull(`${fault} on rank --output and convert --output: exit 3, nothing left behind`, () => {
      const d = folder();
      for (const args of [
        ['rank', '--method', 'KBT', '--format', 'csv', '--output', join(d, 'rank.csv')],
        ['convert', 'fixtures/kolada.csv', '--output', join(d, 'tidy.csv')],
      ]) {
        expectOneError(runFaulty(args, { REHAB_FAULT: fault }), 3, words);
      }
      expect(readdirSync(d)).toEqual([]);
    });

    it(`${fault} on stdout redirected to a file: exit 3, one message, no stack trace`, () => {
      const fd = openSync(join(folder(), 'out.csv'), 'w');
      try {
        expectOneError(runFaulty(['rank', '--method', 'KBT'], { REHAB_FAULT_STDOUT: fault }, fd), 3, new RegExp(`stdout: cannot be written: ${words.source}`));
      } finally {
        closeSync(fd);
      }
    });
  }
});

describe('a signal in the middle of a write', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: the process dies of it, no temporary file, the old file intact`, async () => {
      const d = folder();
      const target = join(d, 'r.html');
      writeFileSync(target, 'the original report');
      chmodSync(target, 0o640);
      // The injected write never completes: the process is held mid-write until signalled.
      const child = spawn(process.execPath, ['--import', INJECT, BIN, 'report', '--html', target], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LANG: 'C', REHAB_FAULT: 'STALL' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
      // Wait (without a clock, and without spinning on the folder while the process starts) until the temporary file exists: the write has begun.
      await new Promise<void>((begun, failed) => {
        const writing = () => readdirSync(d).some((f) => f.endsWith('.tmp'));
        const watcher = watch(d, () => {
          if (!writing()) return;
          watcher.close();
          begun();
        });
        child.once('exit', () => {
          watcher.close();
          failed(new Error(`exited before writing: ${stderr}`));
        });
        if (writing()) {
          watcher.close();
          begun();
        }
      });
      child.kill(signal);
      const end = await exited;
      expect(end.signal).toBe(signal);
      expect(readdirSync(d)).toEqual(['r.html']);
      expect(readFileSync(target, 'utf8')).toBe('the original report');
      expect(statSync(target).mode & 0o777).toBe(0o640);
      expect(stderr).not.toMatch(/wrote/);
    });
  }
});

describe('a reader that closes the pipe early (EPIPE)', () => {
  it('is not an error: a 100 KB output, the reader takes one chunk and goes; exit 0, stderr empty', async () => {
    // More than a pipe buffer (64 KiB), so the writer is still writing when the reader leaves.
    const child = spawn(process.execPath, [BIN, 'convert', 'src/data/population.csv', '--kind', 'population', '--quiet'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const first = await new Promise<Buffer>((done) => child.stdout.once('data', done));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(first.toString('utf8')).toMatch(/^region_code,region,year,sex,age,population\n/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('--output and report files: what is refused (exit 2, nothing written)', () => {
  it('a symbolic link: refused, the link and its file unchanged', async () => {
    const d = folder();
    writeFileSync(join(d, 'real.csv'), 'real');
    symlinkSync('real.csv', join(d, 'link.csv'));
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--output', join(d, 'link.csv')]), 2, /link\.csv: is a symbolic link/);
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toBe('real');
    expect(readdirSync(d).sort()).toEqual(['link.csv', 'real.csv']);
  });

  // The refusal comes from the path alone, before any file-system call (see test/unit/write.test.ts).
  for (const path of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']) {
    it(`${path}: refused with a hint to use stdout`, async () => {
      const r = await runRehab(['rank', '--method', 'KBT', '--format', 'csv', '--output', path]);
      expectOneError(r, 2, /system path/);
      expect(r.stderr).toMatch(/hint: to write to stdout, leave out the option or give -/);
    });
  }

  it('- means stdout', async () => {
    const r = await runRehab(['rank', '--method', 'KBT', '--format', 'csv', '--output', '-', '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^year,method,rank,region_code/);
  });

  it('a read-only file: refused and unchanged', async () => {
    const f = join(folder(), 'ro.csv');
    writeFileSync(f, 'keep');
    chmodSync(f, 0o444);
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--output', f]), 2, /is read-only/);
    expect(readFileSync(f, 'utf8')).toBe('keep');
  });

  it('a 0600 file keeps mode 0600 when replaced', async () => {
    const f = join(folder(), 'private.csv');
    writeFileSync(f, 'old');
    chmodSync(f, 0o600);
    expect((await runRehab(['rank', '--method', 'KBT', '--format', 'csv', '--output', f, '--quiet'])).status).toBe(0);
    expect(readFileSync(f, 'utf8')).toMatch(/^year,method,rank,region_code/);
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('--markdown x --html x: refused, nothing written', async () => {
    const d = folder();
    expectOneError(await runRehab(['report', '--markdown', join(d, 'x'), '--html', join(d, '.', 'x')]), 2, /two outputs/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('a config whose outputs.markdown is the config file itself: refused, config intact', async () => {
    const d = folder();
    const config = '{"outputs": {"markdown": "rehab-stats.config.json"}}\n';
    writeFileSync(join(d, 'rehab-stats.config.json'), config);
    // Named with --config, and found by default in the current folder.
    expectOneError(await runRehab(['report', '--config', join(d, 'rehab-stats.config.json')]), 2, /is the config file/);
    const r = spawnSync(process.execPath, [BIN, 'report'], { cwd: d, env: { PATH: process.env.PATH, LANG: 'C' }, encoding: 'utf8' });
    expectOneError({ stdout: r.stdout, stderr: r.stderr, status: r.status }, 2, /is the config file/);
    expect(readFileSync(join(d, 'rehab-stats.config.json'), 'utf8')).toBe(config);
    expect(readdirSync(d)).toEqual(['rehab-stats.config.json']);
  });

  it('a bundled data file, existing or new: refused', async () => {
    const bundled = join(ROOT, 'src', 'data', 'treatments.csv');
    const before = readFileSync(bundled);
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--format', 'csv', '--output', bundled]), 2, /bundled data/);
    expect(readFileSync(bundled).equals(before)).toBe(true);
    const fresh = join(ROOT, 'src', 'data', 'not-bundled.csv');
    try {
      expectOneError(await runRehab(['convert', 'fixtures/kolada.csv', '--output', 'src/data/not-bundled.csv']), 2, /bundled data/);
      expect(existsSync(fresh)).toBe(false);
    } finally {
      rmSync(fresh, { force: true });
    }
  });

  it('an input, also through a symbolic link to it', async () => {
    const d = folder();
    writeFileSync(join(d, 'in.csv'), readFileSync(join(ROOT, 'fixtures', 'kolada.csv')));
    symlinkSync('in.csv', join(d, 'alias.csv'));
    expectOneError(await runRehab(['convert', join(d, 'alias.csv'), '--output', join(d, 'in.csv')]), 2, /in\.csv: is an input of this command/);
    expect(readFileSync(join(d, 'in.csv')).equals(readFileSync(join(ROOT, 'fixtures', 'kolada.csv')))).toBe(true);
  });
});

describe('errors a user can cause are not internal errors', () => {
  it('an output path under a regular file (ENOTDIR): exit 3', async () => {
    const d = folder();
    writeFileSync(join(d, 'file'), '');
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--output', join(d, 'file', 'x.csv')]), 3, /a part of the path is a file, not a folder/);
  });

  it('a symbolic link loop as input (ELOOP): exit 3', async () => {
    const d = folder();
    symlinkSync('loop', join(d, 'loop'));
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--input', join(d, 'loop')]), 3, /too many levels of symbolic links/);
  });

  it('an over-long file name (ENAMETOOLONG): exit 3', async () => {
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--output', join(folder(), 'a'.repeat(300))]), 3, /the file name is too long/);
  });

  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`a config key "${key}": exit 4, named as an unknown key`, async () => {
      const f = join(folder(), 'c.json');
      writeFileSync(f, `{"${key}": {"x": 1}}`);
      expectOneError(await runRehab(['report', '--config', f]), 4, new RegExp(`unknown key "${key}"`));
    });
  }

  it('--per 1e400 (infinite): exit 2 on the command line, exit 4 in a config', async () => {
    expectOneError(await runRehab(['rank', '--method', 'KBT', '--per', '1e400']), 2, /--per 1e400/);
    expectOneError(await runRehab(['report', '--per', '1e400']), 2, /--per 1e400/);
    const f = join(folder(), 'c.json');
    writeFileSync(f, '{"per": 1e400}');
    expectOneError(await runRehab(['report', '--config', f]), 4, /"per" must be a positive number/);
  });

  it('a method absent in the report year: exit 4 naming the years it has', async () => {
    const d = folder();
    const rows = readFileSync(join(ROOT, 'src', 'data', 'treatments.csv'), 'utf8').split('\n');
    writeFileSync(join(d, 'counts.csv'), [rows[0], ...rows.filter((l) => /,(2013|2014),KBT,|,2013,IPT,/.test(l))].join('\n') + '\n');
    const r = await runRehab(['report', '--input', join(d, 'counts.csv'), '--year', '2014', '--markdown', join(d, 'r.md')]);
    expectOneError(r, 4, /no IPT counts for 2014, the report year/);
    expect(r.stderr).toMatch(/hint: years with IPT counts: 2013; methods with 2014 counts: KBT/);
    expect(readdirSync(d)).toEqual(['counts.csv']);
  });

  it('a report year with no data at all: exit 4', async () => {
    const d = folder();
    expectOneError(await runRehab(['report', '--year', '2030', '--markdown', join(d, 'r.md')]), 4, /counts for 2030/);
  });
});
