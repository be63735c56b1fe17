import { currentIo, type Io, type OutStream } from './context.js';

/**
 * A progress bar on stderr for long reads: only on a TTY (never in CI logs or pipes), only
 * once a read has taken more than a second, and wiped when done. Without a total (a pipe)
 * it shows how much has been read.
 */
export interface Progress {
  /** `done` of `total` (the total given at the start unless another is given). */
  update(done: number, total?: number): void;
  finish(): void;
  /** False when nothing will ever be drawn (not a terminal): callers may then skip the work of measuring progress. */
  readonly live: boolean;
}

const SILENT: Progress = { update() {}, finish() {}, live: false };

export function progressBar(total: number | undefined, label: string, stream: OutStream = currentIo().stderr, env: Io['env'] = currentIo().env): Progress {
  if (!stream.isTTY || env.CI || env.TERM === 'dumb') return SILENT;
  // REHAB_STATS_PROGRESS_DELAY_MS lets the tests see the bar without a file big enough to take a second.
  const delay = Number(env.REHAB_STATS_PROGRESS_DELAY_MS ?? 1000);
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    live: true,
    update(done: number, of = total) {
      const now = Date.now();
      if (now - started < delay || (shown && now - lastDraw < 100)) return;
      lastDraw = now;
      shown = true;
      const mbps = done / 1e6 / ((now - started) / 1000);
      if (of === undefined || of <= 0) {
        stream.write(`\r${label} ${(done / 1e6).toFixed(0)} MB  ${mbps.toFixed(0)} MB/s\u001b[K`);
        return;
      }
      const share = Math.min(1, done / of);
      const width = 24;
      const filled = Math.round(share * width);
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(share * 100)}%  ${mbps.toFixed(0)} MB/s\u001b[K`);
    },
    finish() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
