import { currentIo, type Io, type OutStream } from './context.js';

/**
 * A progress bar on stderr for long reads: only on a TTY (never in CI logs or pipes), only
 * once a read has taken more than a second, and wiped when done.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };

export function progressBar(total: number, label: string, stream: OutStream = currentIo().stderr, env: Io['env'] = currentIo().env): Progress {
  if (!stream.isTTY || env.CI || env.TERM === 'dumb' || total <= 0) return SILENT;
  // REHAB_STATS_PROGRESS_DELAY_MS lets the tests see the bar without a file big enough to take a second.
  const delay = Number(env.REHAB_STATS_PROGRESS_DELAY_MS ?? 1000);
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done: number) {
      const now = Date.now();
      if (now - started < delay || (shown && now - lastDraw < 100)) return;
      lastDraw = now;
      shown = true;
      const share = Math.min(1, done / total);
      const width = 24;
      const filled = Math.round(share * width);
      const mbps = done / 1e6 / ((now - started) / 1000);
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(share * 100)}%  ${mbps.toFixed(0)} MB/s`);
    },
    finish() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
