import { afterEach, describe, expect, it } from 'vitest';
import { HttpFailure, postJson } from '../../src/io/http-json.js';
import { sendJson, startScbServer, type ScbServer } from '../e2e/scb-server.js';

/**
 * HTTP 429: postJson waits as long as Retry-After says before asking again (the wait is
 * recorded here, not slept; test/e2e/fetch.test.ts runs the whole command with a 0 s wait),
 * and gives up at once on a wait longer than it will sit through.
 */
let server: ScbServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = { class: 'dataset' };
/** A sleep that only notes how long it was asked to sleep. */
const record = (waits: number[]) => (ms: number) => {
  waits.push(ms);
  return Promise.resolve();
};

describe('postJson after HTTP 429', () => {
  it('sleeps the Retry-After seconds, then asks again', async () => {
    const s = await startScbServer((_, res, n) => (n === 1 ? sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '7' }) : sendJson(res, 200, ok)));
    server = s;
    const waits: number[] = [];
    const got = await postJson(`${s.base}/tables/TAB638/data`, {}, { timeoutMs: 30_000, retries: 3, maxRetryWaitS: 60, sleep: record(waits) });
    expect(got).toEqual(ok);
    expect(waits).toEqual([7000]);
    expect(s.requests).toHaveLength(2);
  });

  it('does not wait longer than maxRetryWaitS, nor more than `retries` times', async () => {
    const s = await startScbServer((_, res) => sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '120' }));
    server = s;
    const waits: number[] = [];
    const failure = await postJson(`${s.base}/x`, {}, { timeoutMs: 30_000, retries: 3, maxRetryWaitS: 60, sleep: record(waits) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HttpFailure);
    expect(failure).toMatchObject({ kind: 'rate-limited', retryAfter: 120 });
    expect(waits).toEqual([]);
    expect(s.requests).toHaveLength(1);

    const again = await startScbServer((_, res) => sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '2' }));
    await s.close();
    server = again;
    waits.length = 0;
    await expect(postJson(`${again.base}/x`, {}, { timeoutMs: 30_000, retries: 3, maxRetryWaitS: 60, sleep: record(waits) })).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(again.requests).toHaveLength(4);
  });
});
