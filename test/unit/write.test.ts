import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RehabError } from '../../src/errors.js';
import { realFs, writeFiles, type Protection, type WriterFs } from '../../src/io/write.js';

const root = mkdtempSync(join(tmpdir(), 'rehab-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh empty folder per test. */
const folder = () => {
  const d = join(root, `t${n++}`);
  mkdirSync(d);
  return d;
};
const NONE: Protection = { files: [], folders: [] };

/** The error a write fails with (the test fails if it does not fail). */
async function failure(p: Promise<void>): Promise<RehabError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RehabError);
    return e as RehabError;
  }
  throw new Error('expected the write to fail');
}

/** Real fs, with the calls made recorded and any of them replaced. */
function spyFs(overrides: Partial<WriterFs> = {}): { fs: WriterFs; calls: string[] } {
  const calls: string[] = [];
  const fs = Object.fromEntries(
    Object.entries({ ...realFs, ...overrides }).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name), (fn as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as WriterFs;
  return { fs, calls };
}

/** A file system no call may reach: the refusal must come first. */
const untouchable = new Proxy({} as WriterFs, {
  get: (_t, name) => () => {
    throw new Error(`fs.${String(name)} called before the refusal`);
  },
});

const fakeStats = (kind: 'char' | 'fifo' | 'socket' | 'block'): Stats =>
  ({
    isSymbolicLink: () => false,
    isDirectory: () => false,
    isFile: () => false,
    isCharacterDevice: () => kind === 'char',
    isBlockDevice: () => kind === 'block',
    isFIFO: () => kind === 'fifo',
    isSocket: () => kind === 'socket',
    mode: 0o666,
  }) as unknown as Stats;

describe('writeFiles', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const d = folder();
    await writeFiles([{ path: join(d, 'out.csv'), data: 'a,b\n1,2\n' }], NONE);
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(d)).toEqual(['out.csv']);
  });

  it("keeps the replaced file's mode (0600 stays 0600, 0640 stays 0640)", async () => {
    const d = folder();
    for (const mode of [0o600, 0o640]) {
      const f = join(d, `m${mode.toString(8)}`);
      writeFileSync(f, 'old');
      chmodSync(f, mode);
      await writeFiles([{ path: f, data: 'new' }], NONE);
      expect(readFileSync(f, 'utf8')).toBe('new');
      expect(statSync(f).mode & 0o777).toBe(mode);
    }
  });

  it('writes everything through short writes (a nearly full disk writes a part per call)', async () => {
    const d = folder();
    const { fs } = spyFs({ write: (fd, buf, off, len) => realFs.write(fd, buf, off, Math.min(len, 3)) });
    const text = 'x'.repeat(1000) + 'é\n';
    await writeFiles([{ path: join(d, 'out.txt'), data: text }], NONE, fs);
    expect(readFileSync(join(d, 'out.txt'), 'utf8')).toBe(text);
  });

  for (const code of ['ENOSPC', 'EIO', 'EDQUOT']) {
    it(`${code} after a short write: exit 3, the old file intact, no temporary file`, async () => {
      const d = folder();
      const f = join(d, 'out.html');
      writeFileSync(f, 'original');
      let calls = 0;
      const { fs } = spyFs({
        write: (fd, buf, off, len) => (++calls === 1 ? realFs.write(fd, buf, off, Math.floor(len / 2)) : Promise.reject(Object.assign(new Error(code), { code }))),
      });
      const e = await failure(writeFiles([{ path: f, data: 'y'.repeat(5000) }], NONE, fs));
      expect(e.exitCode).toBe(3);
      expect(e.location?.file).toBe(f);
      expect(readFileSync(f, 'utf8')).toBe('original');
      expect(readdirSync(d)).toEqual(['out.html']);
    });
  }

  it('EIO on fsync: exit 3, nothing left behind', async () => {
    const d = folder();
    const { fs } = spyFs({ fsync: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) });
    const e = await failure(writeFiles([{ path: join(d, 'new.csv'), data: 'a\n' }], NONE, fs));
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/input\/output error/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('two files: when the second fails, neither replaces its target', async () => {
    const d = folder();
    writeFileSync(join(d, 'a.md'), 'old a');
    let opened = 0;
    const { fs } = spyFs({ open: (p, f, m) => (++opened === 2 ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) : realFs.open(p, f, m)) });
    const e = await failure(
      writeFiles(
        [
          { path: join(d, 'a.md'), data: 'new a' },
          { path: join(d, 'b.html'), data: 'new b' },
        ],
        NONE,
        fs,
      ),
    );
    expect(e.exitCode).toBe(3);
    expect(readFileSync(join(d, 'a.md'), 'utf8')).toBe('old a');
    expect(readdirSync(d)).toEqual(['a.md']);
  });

  describe('refuses, before writing anything (exit 2)', () => {
    const refused = async (path: string, fs: WriterFs, protection = NONE) => {
      const e = await failure(writeFiles([{ path, data: 'x' }], protection, fs));
      expect(e.exitCode).toBe(2);
      expect(e.hint).toBeTruthy();
      return e;
    };

    for (const path of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', '/dev/null', '/dev/full', '/sys/kernel/x']) {
      it(`${path} (no file-system call is made)`, async () => {
        const e = await refused(path, untouchable);
        expect(e.message).toMatch(/system path/);
        expect(e.hint).toMatch(/stdout/);
      });
    }

    for (const kind of ['char', 'block', 'fifo', 'socket'] as const) {
      it(`a ${kind} special file (stat injected; nothing opened)`, async () => {
        const { fs, calls } = spyFs({ lstat: () => Promise.resolve(fakeStats(kind)) });
        await refused(join(folder(), 'special'), fs);
        expect(calls).toEqual(['lstat']);
      });
    }

    it('a symbolic link, which stays as it was', async () => {
      const d = folder();
      writeFileSync(join(d, 'real.csv'), 'real');
      symlinkSync('real.csv', join(d, 'link.csv'));
      const e = await refused(join(d, 'link.csv'), realFs);
      expect(e.message).toMatch(/symbolic link/);
      expect(readFileSync(join(d, 'real.csv'), 'utf8')).toBe('real');
      expect(readdirSync(d).sort()).toEqual(['link.csv', 'real.csv']);
    });

    it('a symbolic link that points to itself', async () => {
      const d = folder();
      symlinkSync('loop', join(d, 'loop'));
      await refused(join(d, 'loop'), realFs);
    });

    it('a folder', async () => {
      const e = await refused(folder(), realFs);
      expect(e.message).toMatch(/folder/);
    });

    it('a read-only file (even for root)', async () => {
      const f = join(folder(), 'ro.csv');
      writeFileSync(f, 'keep');
      chmodSync(f, 0o444);
      const e = await refused(f, realFs);
      expect(e.message).toMatch(/read-only/);
      expect(readFileSync(f, 'utf8')).toBe('keep');
    });

    it('an input, also by another name (hard link, symbolic link)', async () => {
      const d = folder();
      writeFileSync(join(d, 'in.csv'), 'input');
      linkSync(join(d, 'in.csv'), join(d, 'hard.csv'));
      symlinkSync('in.csv', join(d, 'soft.csv'));
      for (const input of ['in.csv', 'hard.csv', 'soft.csv']) {
        const e = await refused(join(d, 'in.csv'), realFs, { files: [{ path: join(d, input), what: 'an input of this command' }], folders: [] });
        expect(e.message).toBe('is an input of this command');
      }
      expect(readFileSync(join(d, 'in.csv'), 'utf8')).toBe('input');
    });

    it('a file in a protected folder, existing or new', async () => {
      const d = folder();
      writeFileSync(join(d, 'population.csv'), 'bundled');
      const protection = { files: [], folders: [{ path: d, what: "rehab-stats' bundled data" }] };
      await refused(join(d, 'population.csv'), realFs, protection);
      await refused(join(d, 'new.csv'), realFs, protection);
      expect(readdirSync(d)).toEqual(['population.csv']);
    });

    it('one file given for two outputs, by the same or another spelling', async () => {
      const d = folder();
      for (const other of [join(d, 'x'), join(d, '.', 'x'), join(d, '..', `${d.split('/').pop()}`, 'x')]) {
        const e = await failure(
          writeFiles(
            [
              { path: join(d, 'x'), data: 'md' },
              { path: other, data: 'html' },
            ],
            NONE,
          ),
        );
        expect(e.exitCode).toBe(2);
        expect(e.message).toMatch(/two outputs/);
      }
      expect(readdirSync(d)).toEqual([]);
    });
  });

  describe('paths the system cannot use: exit 3 with the reason in words', () => {
    it('a path under a regular file (ENOTDIR)', async () => {
      const d = folder();
      writeFileSync(join(d, 'file'), '');
      const e = await failure(writeFiles([{ path: join(d, 'file', 'out.csv'), data: 'x' }], NONE));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/part of the path is a file/);
    });

    it('a folder that is a symbolic link loop (ELOOP)', async () => {
      const d = folder();
      symlinkSync('loop', join(d, 'loop'));
      const e = await failure(writeFiles([{ path: join(d, 'loop', 'out.csv'), data: 'x' }], NONE));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/symbolic links/);
    });

    it('an over-long file name (ENAMETOOLONG)', async () => {
      const e = await failure(writeFiles([{ path: join(folder(), 'a'.repeat(300)), data: 'x' }], NONE));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/too long/);
    });

    for (const [code, words] of [
      ['EACCES', /permission denied/],
      ['EROFS', /read-only/],
      ['EPERM', /not permitted/],
    ] as const) {
      it(`a folder the writer may not create files in (${code}, injected: root may write anywhere)`, async () => {
        const d = folder();
        const { fs } = spyFs({ open: () => Promise.reject(Object.assign(new Error(code), { code })) });
        const e = await failure(writeFiles([{ path: join(d, 'out.csv'), data: 'x' }], NONE, fs));
        expect(e.exitCode).toBe(3);
        expect(e.message).toMatch(words);
        expect(e.hint).toBeTruthy();
        expect(readdirSync(d)).toEqual([]);
      });
    }

    it('a folder that does not exist (ENOENT)', async () => {
      const e = await failure(writeFiles([{ path: join(folder(), 'missing', 'out.csv'), data: 'x' }], NONE));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/folder does not exist/);
    });

    it('a long but legal name still leaves room for the temporary name', async () => {
      const d = folder();
      const name = 'å'.repeat(120) + '.csv'; // 244 bytes in UTF-8
      await writeFiles([{ path: join(d, name), data: 'ok' }], NONE);
      expect(readdirSync(d)).toEqual([name]);
    });
  });
});
