import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readTable } from '../../src/ingest/index.js';
import { CHUNK_BYTES } from '../../src/ingest/source.js';
import { RecordCounter } from '../../src/parse/fast-records.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { withIo } from '../../src/io/context.js';
import { Spill } from '../../src/io/spill.js';
import { descriptorReader, redirectedFile } from '../../src/io/stdin.js';
import { PipeThread } from '../../src/io/pipe-thread.js';
import { RehabError } from '../../src/errors.js';
import { itFull } from '../helpers/tier.js';
import { runRehab, testEnv } from '../e2e/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'rehab-stdin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOWHERE = { write: () => true, on: () => undefined };
const EMPTY = (async function* () {})();

/** A record-level table of about `bytes` bytes. */
function records(bytes: number): Buffer {
  const names = ['Stockholm', 'Uppsala', 'Skåne', 'Västra Götaland', 'Norrbotten'];
  const rows = ['region;år;metod;kön;ålder'];
  let size = rows[0]!.length + 1;
  for (let i = 0; size < bytes; i++) {
    const row = `${names[i % 5]};${2010 + (i % 6)};${i % 3 ? 'KBT' : 'IPT'};${i % 2 ? 'K' : 'M'};${20 + (i % 50)}`;
    rows.push(row);
    size += Buffer.byteLength(row) + 1;
  }
  return Buffer.from(rows.join('\n') + '\n');
}

/**
 * A pipe read from its descriptor: a FIFO whose writer (a process of its own) writes `bytes`
 * in pieces of 4 KiB, as a slow producer would. Undefined where there is no mkfifo.
 */
function pipeOf(bytes: Buffer, name: string, pauseAfter?: number): { fd: number; writer: ChildProcess } | undefined {
  const source = join(dir, `${name}.src`);
  const fifo = join(dir, `${name}.fifo`);
  writeFileSync(source, bytes);
  if (spawnSync('mkfifo', [fifo]).status !== 0) return undefined;
  // With `pauseAfter`, the writer pauses a fifth of a second after that many bytes (a thread that reads on has started by then).
  const write =
    pauseAfter === undefined
      ? `dd if='${source}' of='${fifo}' bs=4096 status=none`
      : `{ head -c ${pauseAfter} '${source}'; sleep 0.2; tail -c +${pauseAfter + 1} '${source}'; } > '${fifo}'`;
  const writer = spawn('sh', ['-c', write]);
  // Opening a FIFO's reading end waits for its writer, which the shell above opens.
  return { fd: openSync(fifo, 'r'), writer };
}

describe('stdin from its descriptor', () => {
  it('reaches the kernel in chunks of at most 1 MiB, each full but the last, whatever the writer writes at once', async () => {
    const bytes = records(5.5 * 2 ** 20);
    const pipe = pipeOf(bytes, 'chunks');
    if (!pipe) return;
    const regions = bundledRegions();
    // Sizes as pushed: a chunk the reading thread read goes back to it once counted (and is empty here then).
    const sizes: number[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the counter it was called on.
    const original = RecordCounter.prototype.push;
    const push = vi.spyOn(RecordCounter.prototype, 'push').mockImplementation(function (this: RecordCounter, chunk: Uint8Array, last?: boolean) {
      sizes.push(chunk.length);
      original.call(this, chunk, last);
    });
    try {
      const io = { stdin: EMPTY, stdout: NOWHERE, stderr: NOWHERE, env: {}, cwd: dir, now: () => new Date(0) };
      const fromPipe = await withIo(io, () => readTable('-', 'count', regions, {}, { stdin: EMPTY, stdinFd: pipe.fd }));
      push.mockRestore();
      const path = join(dir, 'chunks.csv');
      writeFileSync(path, bytes);
      const fromFile = await withIo(io, () => readTable(path, 'count', regions));
      expect(fromPipe.observations).toEqual(fromFile.observations);
      // The first MiB is planned from (its rows pushed after the header), then one push per MiB read.
      expect(Math.max(...sizes)).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(sizes.slice(1, -1).every((n) => n === CHUNK_BYTES)).toBe(true);
      expect(sizes.length).toBe(Math.ceil(bytes.length / CHUNK_BYTES));
    } finally {
      push.mockRestore();
      closeSync(pipe.fd);
      pipe.writer.kill();
    }
  }, 60_000);

  it('hands on every byte in order, in chunks of the size asked for', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_001 }, (_, i) => (i * 31) % 251));
    const pipe = pipeOf(bytes, 'order');
    if (!pipe) return;
    try {
      const reader = descriptorReader(pipe.fd, 65_536, () => EMPTY);
      expect(reader).toBeDefined();
      const chunks: Uint8Array[] = [];
      for (let c = await reader!.next(); c; c = await reader!.next()) chunks.push(c);
      expect(chunks.map((c) => c.length)).toEqual([65_536, 65_536, 65_536, 65_536, 300_001 - 4 * 65_536]);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      expect(await reader!.next()).toBeUndefined();
    } finally {
      closeSync(pipe.fd);
      pipe.writer.kill();
    }
  }, 30_000);
});

describe('a pipe read on by a thread of its own', () => {
  const ENTRY = join(import.meta.dirname, '..', '..', 'dist', 'count-worker.mjs');
  const io = { stdin: EMPTY, stdout: NOWHERE, stderr: NOWHERE, cwd: dir, now: () => new Date(0) };

  it('hands on every byte in order, in full chunks, the thread taking over after its first bytes; a chunk handed back moves to it', async () => {
    const bytes = Buffer.from(Array.from({ length: 1_000_003 }, (_, i) => (i * 37) % 253));
    const pipe = pipeOf(bytes, 'thread-order', 100_000);
    if (!pipe) return;
    const go = vi.spyOn(PipeThread.prototype, 'go');
    try {
      const reader = descriptorReader(pipe.fd, 65_536, () => EMPTY, { entry: ENTRY, after: 65_536 });
      expect(reader, 'the thread needs dist/count-worker.mjs: npm run build').toBeDefined();
      const chunks: Buffer[] = [];
      for (let c = await reader!.next(); c; c = await reader!.next()) {
        chunks.push(Buffer.from(c));
        reader!.recycle?.(c);
        // A chunk of the thread's, handed back, is moved to it: nothing here can see it again.
        if (go.mock.calls.length > 0 && chunks.length > 10) expect(c.byteLength).toBe(0);
      }
      expect(go).toHaveBeenCalledTimes(1);
      expect(chunks.slice(0, -1).every((c) => c.length === 65_536)).toBe(true);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      expect(await reader!.next()).toBeUndefined();
      await reader!.stop();
    } finally {
      go.mockRestore();
      closeSync(pipe.fd);
      pipe.writer.kill();
    }
  }, 60_000);

  // Damaged before the thread takes over, after it, in the last row; a CRLF row among LF ones,
  // which the fast path leaves to the general path: that reads the kept copy, in memory, then
  // the temporary file, the part after the hand-over written by the thread that read it.
  const SHORT = 'Uppsala;2014;KBT;K\n';
  for (const [name, at, inserted, tier] of [
    ['clean', -1, '', it],
    ['damaged early', 0.1, SHORT, itFull],
    ['damaged late', 0.9, SHORT, it],
    ['damaged at the end', 1, SHORT, itFull],
    ['a CRLF row late', 0.9, 'Uppsala;2014;KBT;K;30\r\n', itFull],
  ] as const) {
    tier(
      `gives the file's observations or error, naming stdin (${name})`,
      async () => {
        const table = records(2.5 * 2 ** 20);
        const cut = at < 0 ? table.length : table.indexOf('\n', Math.floor(at * (table.length - 1))) + 1 || table.length;
        const bytes = Buffer.concat([table.subarray(0, cut), Buffer.from(inserted), table.subarray(cut)]);
        const path = join(dir, `thread-${name.replaceAll(' ', '-')}.csv`);
        writeFileSync(path, bytes);
        const pipe = pipeOf(bytes, `thread-${name.replaceAll(' ', '-')}`, 1_200_000);
        if (!pipe) return;
        const regions = bundledRegions();
        const outcome = async (read: () => Promise<{ observations: unknown }>) => {
          try {
            return { observations: (await read()).observations };
          } catch (e) {
            if (e instanceof RehabError) return { error: e.message, exitCode: e.exitCode, location: e.location };
            throw e;
          }
        };
        const go = vi.spyOn(PipeThread.prototype, 'go');
        const handOff = vi.spyOn(Spill.prototype, 'handOff');
        try {
          const env = { REHAB_STATS_PIPE_THREAD_BYTES: '0', REHAB_STATS_STDIN_MEMORY_BYTES: String(2 ** 20) };
          const fromPipe = await withIo({ ...io, env }, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: EMPTY, stdinFd: pipe.fd })));
          expect(go).toHaveBeenCalledTimes(1);
          // Linux: the thread wrote the copy from where it took over (while the fast path still ran: not after an early failure).
          if (process.platform === 'linux' && at !== 0.1) expect(handOff.mock.results.map((r) => r.value as unknown)).toEqual([expect.objectContaining({ limit: 256 << 20 })]);
          const fromFile = await withIo({ ...io, env: {} }, () => outcome(() => readTable(path, 'count', regions)));
          const named = JSON.parse(JSON.stringify(fromFile).replaceAll(JSON.stringify(path).slice(1, -1), 'stdin')) as unknown;
          expect(fromPipe).toEqual(named);
          expect(fromPipe).toHaveProperty(inserted === SHORT ? 'error' : 'observations');
        } finally {
          go.mockRestore();
          handOff.mockRestore();
          closeSync(pipe.fd);
          pipe.writer.kill();
        }
      },
      60_000,
    );
  }
});

describe('a pipe into the binary, read on by a thread of its own', () => {
  const BIN = join(import.meta.dirname, '..', '..', 'bin', 'rehab-stats.js');
  const RANK = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv'];
  for (const [name, inserted, tier] of [
    ['clean', '', it],
    ['a CRLF row late (the general path reads the copy the thread kept)', 'Uppsala;2014;KBT;K;30\r\n', itFull],
    ['a short row late', 'Uppsala;2014;KBT;K\n', itFull],
  ] as const) {
    tier(
      `gives the file's output, notes, errors and exit code, naming stdin (${name})`,
      async () => {
        const table = records(3 * 2 ** 20);
        const cut = table.indexOf('\n', Math.floor(0.9 * table.length)) + 1;
        const bytes = Buffer.concat([table.subarray(0, cut), Buffer.from(inserted), table.subarray(cut)]);
        const path = join(dir, `binary-thread-${name.length}.csv`);
        writeFileSync(path, bytes);
        // The environment of the in-process run beside it (testEnv): no population cache of the account's.
        const env = testEnv();
        // The writer pauses after its first MiB: the reading thread has started by then and reads the rest.
        const piped = spawnSync(
          'sh',
          ['-c', `{ head -c 1200000 '${path}'; sleep 0.2; tail -c +1200001 '${path}'; } | '${process.execPath}' '${BIN}' ${RANK.join(' ')} --input -`],
          {
            encoding: 'utf8',
            env: { ...env, REHAB_STATS_PIPE_THREAD_BYTES: '0', REHAB_STATS_STDIN_MEMORY_BYTES: '0' },
          },
        );
        // The file read in this process: the same program, without a process start.
        const fromFile = await runRehab([...RANK, '--input', path]);
        expect(fromFile.status === 0).toBe(inserted !== 'Uppsala;2014;KBT;K\n');
        expect({ status: piped.status, stdout: piped.stdout, stderr: piped.stderr }).toEqual({
          status: fromFile.status,
          stdout: fromFile.stdout,
          stderr: fromFile.stderr.replaceAll(path, 'stdin'),
        });
      },
      60_000,
    );
  }
});

/** Runs `f` with TMPDIR set to a new empty folder (where a spill makes its temporary file), then sets it back. */
async function inTmpdir(f: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = mkdtempSync(join(dir, 'tmp-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await f(tmp);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

describe('the spill of a stream', () => {
  it('gives back every byte added, from memory and from its temporary file, and leaves no file behind', async () => {
    await inTmpdir(async (tmp) => {
      const spill = new Spill(1000);
      const parts = Array.from({ length: 40 }, (_, i) => Buffer.alloc(777 + i, i));
      for (const p of parts) await spill.add(p);
      // Unlinked as soon as it is open: nothing there even while it is in use.
      expect(readdirSync(tmp)).toEqual([]);
      expect(Buffer.from(await spill.take()).equals(Buffer.concat(parts))).toBe(true);
      const small = new Spill(1000);
      await small.add(Buffer.from('abc'));
      expect(Buffer.from(await small.take()).toString()).toBe('abc');
      expect(small.handOff(3)).toBeUndefined();
    });
  });

  it('takes the bytes a reading thread wrote itself from where it was handed the copy, holding none of them', async () => {
    const spill = new Spill(1000, undefined, 5000);
    const parts = Array.from({ length: 12 }, (_, i) => Buffer.alloc(500 + i, i + 1));
    let at = 0;
    for (const p of parts.slice(0, 3)) {
      expect(await spill.add(p)).toBe(true);
      at += p.length;
    }
    const target = spill.handOff(at);
    if (process.platform !== 'linux') {
      expect(target).toBeUndefined();
      return;
    }
    expect(target).toEqual({ fd: expect.any(Number) as number, position: at, limit: 5000 });
    // What the thread does: each piece written at its place, below the limit, before the chunk is handed on.
    for (const p of parts.slice(3)) {
      const upTo = Math.max(0, Math.min(p.length, target!.limit - at));
      if (upTo > 0) writeSync(target!.fd, p, 0, upTo, at);
      at += p.length;
      expect(await spill.add(p)).toBe(false);
    }
    closeSync(target!.fd);
    // Past the limit nothing was written: the copy says so rather than give other bytes.
    await expect(spill.take()).rejects.toThrow(/shorter/);
    const whole = new Spill(0, undefined, 1 << 20);
    let position = 0;
    await whole.add(parts[0]!);
    position += parts[0]!.length;
    const t = whole.handOff(position)!;
    for (const p of parts.slice(1)) {
      writeSync(t.fd, p, 0, p.length, position);
      position += p.length;
      await whole.add(p);
    }
    closeSync(t.fd);
    expect(Buffer.from(await whole.take()).equals(Buffer.concat(parts))).toBe(true);
    // A chunk that crosses the point of the hand-over cannot be: it is refused, not kept half.
    const crossed = new Spill(1000);
    await crossed.add(Buffer.alloc(10));
    const c = crossed.handOff(15);
    if (c) closeSync(c.fd);
    await expect(crossed.add(Buffer.alloc(10))).rejects.toThrow(/crosses/);
    await crossed.discard();
  });
});

describe('the spill of a stream handed to a reading thread', () => {
  it('leaves no file in the temporary folder', async () => {
    await inTmpdir(async (tmp) => {
      const spill = new Spill(0);
      await spill.add(Buffer.alloc(10));
      const t = spill.handOff(10);
      if (t) closeSync(t.fd);
      expect(readdirSync(tmp)).toEqual([]);
      await spill.discard();
    });
  });
});

describe('the digest of stdin', () => {
  const BIN = join(import.meta.dirname, '..', '..', 'bin', 'rehab-stats.js');
  it('is recorded by --provenance from a pipe the binary reads in 1 MiB chunks, as sha256sum has it', () => {
    const bytes = records(3 * 2 ** 20);
    const record = join(dir, 'provenance.json');
    const r = spawnSync(process.execPath, [BIN, 'rank', '--method', 'KBT', '--year', '2014', '--input', '-', '--format', 'csv', '--quiet', '--provenance', record], {
      input: bytes,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1', LANG: 'C' },
    });
    expect(r.status, r.stderr).toBe(0);
    const sha = spawnSync('sha256sum', [], { input: bytes, encoding: 'utf8' });
    const expected = sha.status === 0 ? sha.stdout.split(' ')[0] : createHash('sha256').update(bytes).digest('hex');
    const p = JSON.parse(readFileSync(record, 'utf8')) as { inputs: { name: string; sha256: string; bytes: number }[] };
    expect(p.inputs[0]).toEqual({ role: 'counts', name: 'stdin', sha256: expected, bytes: bytes.length });
  }, 60_000);

  it("is in report's method notes, which always carry the inputs' digests", async () => {
    const bytes = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'data', 'treatments.csv'));
    const out = mkdtempSync(join(dir, 'report-'));
    const r = await runRehab(['report', '--input', '-', '--method', 'KBT', '--markdown', join(out, 'r.md'), '--html', join(out, 'r.html')], { stdin: bytes });
    expect(r.status, r.stderr).toBe(0);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(readFileSync(join(out, 'r.md'), 'utf8')).toContain(`- Input (counts): stdin, ${bytes.length} bytes, SHA-256 ${sha}`);
  }, 60_000);
});

describe('stdin redirected from a file (`< file`)', () => {
  const BIN = join(import.meta.dirname, '..', '..', 'bin', 'rehab-stats.js');
  const ENV = testEnv();
  const RANK = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv'];

  it('is read as that file from where the descriptor stands (split in two), with the digest of the bytes from there', async () => {
    const skipped = Buffer.from('bytes a reader before took\n');
    const table = records(3 * 2 ** 20);
    const path = join(dir, 'redirected.csv');
    writeFileSync(path, Buffer.concat([skipped, table]));
    const rest = join(dir, 'rest.csv');
    writeFileSync(rest, table);
    const fd = openSync(path, 'r');
    try {
      // As a shell's `read` leaves it: the descriptor moved past what it took.
      expect(readSync(fd, Buffer.alloc(skipped.length), 0, skipped.length, null)).toBe(skipped.length);
      expect(redirectedFile(fd)).toEqual(process.platform === 'linux' ? { position: skipped.length, size: table.length } : undefined);
      const record = join(dir, 'redirected.json');
      const fromFd = spawnSync(process.execPath, [BIN, ...RANK, '--input', '-', '--provenance', record], {
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
        env: { ...ENV, REHAB_STATS_SPLIT_MIN_BYTES: '1' },
      });
      const fromFile = await runRehab([...RANK, '--input', rest]);
      expect(fromFd.status, fromFd.stderr).toBe(0);
      expect(fromFd.stdout).toBe(fromFile.stdout);
      expect(fromFd.stderr).toBe(fromFile.stderr.replaceAll(rest, 'stdin'));
      const p = JSON.parse(readFileSync(record, 'utf8')) as { inputs: { name: string; sha256: string; bytes: number }[] };
      expect(p.inputs[0]).toEqual({ role: 'counts', name: 'stdin', sha256: createHash('sha256').update(table).digest('hex'), bytes: table.length });
    } finally {
      closeSync(fd);
    }
  }, 60_000);

  itFull(
    'stops with the error a pipe gives, naming stdin, line and column the same',
    () => {
      const table = Buffer.concat([records(2 * 2 ** 20), Buffer.from('Uppsala;2014;KBT;K\n'), records(2 ** 20).subarray(25)]);
      const path = join(dir, 'damaged.csv');
      writeFileSync(path, table);
      const fd = openSync(path, 'r');
      try {
        const fromFd = spawnSync(process.execPath, [BIN, ...RANK, '--input', '-'], {
          stdio: [fd, 'pipe', 'pipe'],
          encoding: 'utf8',
          env: { ...ENV, REHAB_STATS_SPLIT_MIN_BYTES: '1' },
        });
        const fromPipe = spawnSync(process.execPath, [BIN, ...RANK, '--input', '-'], { input: table, encoding: 'utf8', env: ENV });
        expect(fromPipe.status).not.toBe(0);
        expect(fromPipe.stderr).toContain('stdin');
        expect({ status: fromFd.status, stdout: fromFd.stdout, stderr: fromFd.stderr }).toEqual({ status: fromPipe.status, stdout: fromPipe.stdout, stderr: fromPipe.stderr });
      } finally {
        closeSync(fd);
      }
    },
    60_000,
  );
});
