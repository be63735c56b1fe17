import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runRehab, testEnv, type Run } from './harness.js';
import { FULL, itFull, sweep } from '../helpers/tier.js';

/**
 * stdin through a real pipe, written in pieces by a writer that waits for each write: a byte at
 * a time around the 1 MiB head the fast path is planned from and where the reading thread takes
 * over, pieces of 63, 64 and 65 bytes across the kernel's 64-byte blocks, pauses on the way, a
 * stream longer than the part kept in memory (so the copy for the general path goes to a
 * temporary file) with a row only the general path can judge after that part. The command's
 * output, errors and exit code are the general path's byte for byte (the same bytes piped with
 * REHAB_STATS_GENERAL_PATH=1, in this process), and the temporary file is gone at the end.
 */
const BIN = join(ROOT, 'bin', 'rehab-stats.js');
const GENERAL = { REHAB_STATS_GENERAL_PATH: '1' };
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = 300_000;

/** Where the writer's pieces are cut: [until byte, piece length] in order; the last piece length holds to the end. */
type Plan = [number, number][];

/** Runs the built binary with `bytes` written into its stdin pipe piece by piece (each write waited for), pausing now and then. */
function piped(args: string[], bytes: Buffer, plan: Plan, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    // The command may stop before it has read everything (an error): the writer then meets EPIPE.
    child.stdin.on('error', () => undefined);
    const state = { closed: false };
    child.on('error', reject);
    child.on('close', (status) => {
      state.closed = true;
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status });
    });
    void (async () => {
      let at = 0;
      let k = 0;
      for (const [until, piece] of plan) {
        while (at < Math.min(until, bytes.length) && !state.closed) {
          const n = Math.min(piece, bytes.length - at);
          await new Promise<void>((done) => child.stdin.write(bytes.subarray(at, at + n), () => done()));
          at += n;
          // A slow writer: the reader finds the pipe empty now and then.
          if (++k % 97 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      }
      child.stdin.end();
    })();
  });
}

const HEAD = 'region;år;metod;kön;ålder;anteckning\n';
const NAMES = ['Uppsala', 'Stockholm', 'Gotland', 'Blekinge', '14 Västra Götalands län', 'Region Skåne', 'Örebro län'];
function rows(bytes: number, from = 0): string {
  const out: string[] = [];
  let size = 0;
  for (let i = from; size < bytes; i++) {
    const row = `${NAMES[i % NAMES.length]};201${2 + (i % 4)};${i % 5 ? 'KBT' : 'IPT'};${i % 3 ? 'K' : 'M'};${20 + (i % 60)};${i % 11 ? 'n'.repeat(i % 70) : `"${'n'.repeat(i % 70)}a\nb"`}\n`;
    out.push(row);
    size += Buffer.byteLength(row);
  }
  return out.join('');
}

const MiB = 1 << 20;
/** A byte at a time around the 1 MiB head; pieces of 63, 64, 65 and 64 KiB + 1 after. */
const PLAN: Plan = [
  [2_000, 1],
  [MiB - 3_000, 65_537],
  [MiB + 3_000, 1],
  [MiB + 200_000, 63],
  [MiB + 400_000, 64],
  [MiB + 600_000, 65],
  [Infinity, 65_537],
];

const RANK = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet', '--input', '-'];
const CONVERT = ['convert', '-'];

/** The general path's run: the same bytes given at once with the fast path off, in this process (the same program as the binary). */
function general(args: string[], bytes: Buffer): Promise<Run> {
  return runRehab(args, { stdin: bytes, env: GENERAL });
}

describe('stdin through a real pipe, in pieces', () => {
  it(
    'a clean stream past the head, ending without a line break: the general path output, the copy kept in a temporary file and removed',
    async () => {
      const plain = (HEAD + rows(1_500_000)).replace(/\n$/, '');
      // Also with a BOM written a byte at a time, and in CRLF (a CR at the end of one piece, its LF the next).
      const variants = sweep([plain, `\ufeff${plain}`, plain.replaceAll('\n', '\r\n')], 3);
      for (const text of variants) {
        const bytes = Buffer.from(text);
        const tmp = mkdtempSync(join(dir, 'tmp-'));
        const fast = await piped(CONVERT, bytes, PLAN, { TMPDIR: tmp, REHAB_STATS_STDIN_MEMORY_BYTES: String(100_000), REHAB_STATS_PIPE_THREAD_BYTES: '0' });
        const slow = await general(CONVERT, bytes);
        expect(slow.status).toBe(0);
        expect(fast).toEqual(slow);
        expect(readdirSync(tmp)).toEqual([]);
      }
      // The comparison is of two paths: the piped run took the fast one.
      const verbose = await piped([...RANK.filter((a) => a !== '--quiet'), '--verbose'], Buffer.from(plain), PLAN, { REHAB_STATS_PIPE_THREAD_BYTES: '0' });
      expect(verbose.stderr).toMatch(/^read stdin: .* fast path \(WebAssembly\)/);
    },
    SLOW,
  );

  itFull(
    'a row only the general path can judge, after the part kept in memory: its error, byte for byte, and no temporary file left',
    async () => {
      const lates = FULL
        ? ['Atlantis;2014;KBT;K;30;x\n', 'Uppsala;2014;KBT;K;30;x;y\n', 'Uppsala;2014;KBT;K;30;a\rb\n', 'Uppsala;2014;KBT;K;30;\u0000\n', 'Uppsala,2014,KBT,K,30,x\n']
        : ['Atlantis;2014;KBT;K;30;x\n'];
      for (const late of lates) {
        const bytes = Buffer.from(HEAD + rows(1_300_000) + late + rows(300_000, 5));
        const tmp = mkdtempSync(join(dir, 'tmp-'));
        const env = { TMPDIR: tmp, REHAB_STATS_STDIN_MEMORY_BYTES: String(200_000) };
        const fast = await piped(RANK, bytes, PLAN, env);
        const slow = await general(RANK, bytes);
        expect(fast, JSON.stringify(late)).toEqual(slow);
        expect(readdirSync(tmp)).toEqual([]);
      }
    },
    SLOW,
  );

  it(
    'a row the fast path hands over but the general path counts, while the reading thread reads ahead: every byte counted once',
    async () => {
      // Riket, a lone CR in a note, a quoted CRLF, a 1024th method: the general path reads the copy and the rest of the pipe.
      const odd = FULL
        ? [
            'Riket;2014;KBT;K;30;x\n',
            'Uppsala;2014;KBT;K;30;a\rb\n',
            'Uppsala;2014;KBT;K;30;"a\r\nb"\n',
            Array.from({ length: 1100 }, (_, i) => `Uppsala;2014;M${i};K;30;x\n`).join(''),
          ]
        : ['Riket;2014;KBT;K;30;x\n'];
      for (const late of odd) {
        const bytes = Buffer.from(HEAD + rows(1_200_000) + late + rows(1_500_000, 3));
        const slow = await general(RANK, bytes);
        expect(slow.status).toBe(0);
        for (const memory of sweep(['0', String(8 * MiB)], 2)) {
          const fast = await piped(RANK, bytes, [[Infinity, 65_536]], { REHAB_STATS_PIPE_THREAD_BYTES: '0', REHAB_STATS_STDIN_MEMORY_BYTES: memory });
          expect(fast, `${JSON.stringify(late.slice(0, 30))}, memory ${memory}`).toEqual(slow);
        }
      }
    },
    SLOW,
  );

  itFull(
    'the reading thread taking over at once, at the head, or never; the copy in memory or in a file: one output',
    async () => {
      const bytes = Buffer.from(HEAD + rows(2_600_000) + 'Uppsala;2014;KBT;K;30;x\n'.repeat(3));
      const slow = await general(RANK, bytes);
      expect(slow.status).toBe(0);
      for (const thread of ['0', String(MiB), String(64 * MiB)])
        for (const memory of ['0', String(8 * MiB)]) {
          const fast = await piped(RANK, bytes, PLAN, { REHAB_STATS_PIPE_THREAD_BYTES: thread, REHAB_STATS_STDIN_MEMORY_BYTES: memory });
          expect(fast, `thread after ${thread}, memory ${memory}`).toEqual(slow);
        }
    },
    SLOW,
  );

  it('empty, a header alone, and a short stream without a line break, a byte at a time: the general path output', async () => {
    for (const text of ['', HEAD, HEAD + 'Uppsala;2014;KBT;K;30;x']) {
      const bytes = Buffer.from(text);
      expect(await piped(CONVERT, bytes, [[Infinity, 1]], {})).toEqual(await general(CONVERT, bytes));
    }
  });
});
