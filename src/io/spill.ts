import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The bytes of a stream (stdin, a pipe) kept in case they must be read again, without holding
 * them all in memory: the first `inMemory` bytes stay in memory, the rest go to a temporary
 * file (removed by {@link Spill.discard}). A stream cannot be rewound, and the fast path may
 * have to hand a whole input to the general path after streaming most of it.
 */
export class Spill {
  private chunks: Uint8Array[] = [];
  private held = 0;
  private dir: string | undefined;
  private fd: number | undefined;

  constructor(private readonly inMemory = 8 << 20) {}

  add(chunk: Uint8Array): void {
    if (this.fd === undefined && this.held + chunk.length <= this.inMemory) {
      this.chunks.push(chunk);
      this.held += chunk.length;
      return;
    }
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'rehab-stats-stdin-'));
      live.add(this.dir);
      if (live.size === 1) for (const s of SIGNALS) process.on(s, onSignal);
      this.fd = openSync(join(this.dir, 'input'), 'w+', 0o600);
      for (const c of this.chunks) this.write(c);
      this.chunks = [];
    }
    this.write(chunk);
  }

  /** Everything added, in memory (for the general path), and the temporary file removed. */
  take(): Uint8Array {
    if (this.fd === undefined) {
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [];
      return all;
    }
    const all = readFileSync(join(this.dir!, 'input'));
    this.discard();
    return all;
  }

  /** Forgets the bytes and removes the temporary file, if any. */
  discard(): void {
    this.chunks = [];
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) {
      rmSync(this.dir, { recursive: true, force: true });
      live.delete(this.dir);
      if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
    }
    this.fd = undefined;
    this.dir = undefined;
  }

  private write(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length;) at += writeSync(this.fd!, chunk, at, chunk.length - at);
  }
}

// Temporary directories in use, removed if a signal ends the process (as io/write.ts does for its files).
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as if never caught (exit 128 + n).
  process.kill(process.pid, signal);
}
