/**
 * The one place rehab-stats uses the network: a JSON POST for `rehab-stats population fetch`.
 * Every way it can fail becomes an {@link HttpFailure} with a kind the command turns into a
 * message; nothing is retried except HTTP 429 with a Retry-After SCB asks us to honour.
 */

import { errorCode, messageOf } from './errno.js';
import { english, msg, type Text } from '../messages/index.js';

export type FailureKind = 'network' | 'timeout' | 'rate-limited' | 'http' | 'truncated' | 'not-json';

export class HttpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** What went wrong, for people (the message is its English). */
    readonly detail: Text,
    readonly status?: number,
    /** Seconds the server asked us to wait (HTTP 429 Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(english(detail));
    this.name = 'HttpFailure';
  }
}

export interface PostOptions {
  /** Per request, from sending to the last byte of the body. */
  timeoutMs: number;
  /** How many times to retry after HTTP 429 … */
  retries: number;
  /** … when the server's Retry-After is at most this many seconds. */
  maxRetryWaitS: number;
  /** How long the name lookup may take: without a network it can hang far longer than it should. */
  lookupMs?: number;
  /** For tests: when to retry. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export async function postJson(url: string, body: unknown, opts: PostOptions): Promise<unknown> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  await resolvable(new URL(url).hostname, Math.min(opts.lookupMs ?? 5000, opts.timeoutMs));
  for (let attempt = 0; ; attempt++) {
    const signal = AbortSignal.timeout(opts.timeoutMs);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
    } catch (e) {
      throw classify(e, signal, opts.timeoutMs);
    }
    if (res.status === 429) {
      const wait = parseRetryAfter(res.headers.get('retry-after'), now());
      await res.body?.cancel().catch(() => undefined);
      if (attempt < opts.retries && wait !== undefined && wait <= opts.maxRetryWaitS) {
        await sleep(wait * 1000);
        continue;
      }
      throw new HttpFailure('rate-limited', wait !== undefined ? msg('http.too-many-retry', { seconds: wait }) : msg('http.too-many'), 429, wait);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      const failure = classify(e, signal, opts.timeoutMs);
      throw failure.kind === 'network' ? new HttpFailure('truncated', msg('http.cut-off', { detail: failure.detail }), res.status) : failure;
    }
    if (!res.ok) throw new HttpFailure('http', msg('http.status', { status: res.status, reason: res.statusText, problem: problemTitle(text) }), res.status);
    const declared = Number(res.headers.get('content-length'));
    if (declared > 0 && Buffer.byteLength(text) < declared) throw new HttpFailure('truncated', msg('http.cut-off-bytes', { got: Buffer.byteLength(text), declared }), res.status);
    try {
      const value: unknown = JSON.parse(text);
      return value;
    } catch (e) {
      throw new HttpFailure('not-json', msg('http.not-json', { detail: messageOf(e) ?? '', bytes: Buffer.byteLength(text) }), res.status);
    }
  }
}

/** Fails fast, as a network failure, when the host name cannot be resolved within `ms`. */
async function resolvable(host: string, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new HttpFailure('network', msg('http.cannot-resolve-within', { host, seconds: ms / 1000 }))), ms);
  });
  try {
    // node:dns is loaded only here: most runs fetch nothing.
    const { lookup } = await import('node:dns/promises');
    await Promise.race([lookup(host.replace(/^\[|\]$/g, '')), late]);
  } catch (e) {
    if (e instanceof HttpFailure) throw e;
    const code = errorCode(e);
    throw new HttpFailure('network', msg('http.cannot-resolve', { code: code ?? msg('http.lookup-failed'), host }));
  } finally {
    clearTimeout(timer);
  }
}

/** A PxWebApi error body is an RFC 9457 problem: {"title": …, "detail": …}. */
function problemTitle(text: string): string {
  try {
    const p: unknown = JSON.parse(text);
    if (typeof p !== 'object' || p === null) return '';
    const said = ['title' in p ? p.title : undefined, 'detail' in p ? p.detail : undefined].filter((x): x is string => typeof x === 'string' && x !== '');
    return said.length ? `: ${said.join(' — ')}` : '';
  } catch {
    return '';
  }
}

function classify(e: unknown, signal: AbortSignal, timeoutMs: number): HttpFailure {
  if (signal.aborted) return new HttpFailure('timeout', msg('http.timeout', { seconds: timeoutMs / 1000 }));
  // fetch() fails with a TypeError whose cause is the system error (ECONNREFUSED …).
  const cause = typeof e === 'object' && e !== null && 'cause' in e ? e.cause : undefined;
  const code = errorCode(cause) ?? errorCode(e);
  const causeMessage = messageOf(cause);
  // The system's own words (ECONNREFUSED …) are quoted as they are.
  const said = code ? `${code}${causeMessage && !causeMessage.includes(code) ? ` ${causeMessage}` : ''}` : (causeMessage ?? messageOf(e));
  return new HttpFailure('network', said || msg('http.network-error'));
}
