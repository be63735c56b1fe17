import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ScanKernel } from '../../src/parse/kernel.js';
import { RecordCounter } from '../../src/parse/fast-records.js';
import { readTable } from '../../src/ingest/index.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { readOutcome } from './outcomes.js';
import { withIo } from '../../src/io/context.js';
import { FULL, runs } from '../helpers/tier.js';

/**
 * The whole ingest pipeline, not only the scanners: a file read by path and the same bytes on
 * stdin, through the fast path where it may go and through the general path forced, give
 * identical observations or identical errors — for tables below and above the fast path's
 * threshold (1 MiB) and the kernel's buffer (4 MiB), clean or damaged anywhere, also far past
 * the sample the fast path is planned from.
 */
const regions = bundledRegions();
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['Stockholm', 'Uppsala', 'Region Skåne', '14 Västra Götalands län', 'Gotland', 'Norrbotten'];
const DAMAGE = [
  'Stockholm;2014;KBT;K;1,5\n',
  'Skone;2014;KBT;K;x\n',
  '\n',
  'Uppsala;2014;KBT\n',
  'Uppsala;2014;KBT;K;x;extra\n',
  '"x\n',
  `Uppsala;2014;KBT;K;${'y'.repeat(10_001)}\n`,
  'Uppsala;2014M01;KBT;K;x\n',
  '\u0000',
];

const rowsOf = fc.array(fc.record({ region: fc.nat(NAMES.length - 1), year: fc.integer({ min: 2012, max: 2015 }), sex: fc.constantFrom('K', 'M') }), {
  minLength: 5,
  maxLength: 40,
});
const scenario = fc.record({
  rows: rowsOf,
  targetBytes: fc.constantFrom(2_000, 300_000, 1_300_000, 4_700_000),
  damage: fc.option(fc.record({ what: fc.constantFrom(...DAMAGE), at: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: undefined }),
  // Quoted line breaks in an unneeded column: where a stream or file is cut, some fall inside quotes.
  breaks: fc.boolean(),
  // stdin in pieces this long, its copy for the general path in a temporary file past this many bytes.
  piece: fc.integer({ min: 97, max: 300_000 }),
  memory: fc.constantFrom(0, 100_000, 8 << 20),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): Buffer {
  const note = (i: number) => (s.breaks && i % 3 === 0 ? `"note\n${i}"` : `note ${i}`);
  const block = s.rows.map((r, i) => `${NAMES[r.region]};${r.year};KBT;${r.sex};${note(i)}\n`).join('');
  const lines: string[] = ['region;år;metod;kön;anteckning\n'];
  let size = lines[0]!.length;
  while (size < s.targetBytes) {
    lines.push(block);
    size += Buffer.byteLength(block);
  }
  let text = lines.join('');
  if (s.damage) {
    const nl = text.indexOf('\n', Math.floor(s.damage.at * text.length));
    const at = nl < 0 ? text.length : nl + 1;
    text = text.slice(0, at) + s.damage.what + text.slice(at);
  }
  return Buffer.from(text, 'utf8');
}

const outcome = readOutcome;

/** stdin handed over in pieces of `piece` bytes. */
function stdinIn(bytes: Uint8Array, piece: number): AsyncIterable<Uint8Array> {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
    })(),
  );
}

/** stdin in pieces of `piece` bytes and 64 KiB − `piece` in turn: cuts of a few bytes apart all through a long input, without a million pieces. */
function stdinInMixed(bytes: Uint8Array, piece: number): AsyncIterable<Uint8Array> {
  return Readable.from(
    (function* () {
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const n = k % 2 ? 65_536 - piece : piece;
        yield bytes.subarray(at, at + n);
        at += n;
      }
    })(),
  );
}

/** Runs f as part of a run whose environment is env (the general path is chosen by REHAB_STATS_GENERAL_PATH). */
function withEnv<T>(env: Record<string, string>, f: () => Promise<T>, takeCountWorker?: () => Worker | undefined): Promise<T> {
  return withIo(
    { stdin: (async function* () {})(), stdout: NOWHERE, stderr: NOWHERE, env, cwd: process.cwd(), now: () => new Date(0), ...(takeCountWorker ? { takeCountWorker } : {}) },
    f,
  );
}
/** bin/count-worker.js (CommonJS, untyped: `as` gives its signature): the worker bin/ starts before the bundle loads, for an --input file big enough to split. */
const { standbyCountWorker } = createRequire(import.meta.url)('../../bin/count-worker.js') as {
  standbyCountWorker: (args: string[], env: Record<string, string>, entry?: string, exited?: () => void) => (() => Worker | undefined) | undefined;
};
/** Two threads, the second one started as bin/ starts it, before the split: waiting for its job. */
function withWaitingWorker<T>(path: string, f: () => Promise<T>): Promise<T> {
  const env = { REHAB_STATS_SPLIT_MIN_BYTES: '1' };
  const take = standbyCountWorker(['rank', '--input', path], env);
  expect(take, 'bin/count-worker.js should start a worker for a file this big').toBeDefined();
  return withEnv(env, f, take);
}
const NOWHERE = { write: () => true, on: () => undefined };
const EMPTY = (async function* () {})();

/** A record file of about 1.3 MB, one row over and over: read by the fast path, and split in two when REHAB_STATS_SPLIT_MIN_BYTES allows. */
function bigFile(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, build({ rows: [{ region: 0, year: 2014, sex: 'K' }], targetBytes: 1_300_000, damage: undefined, breaks: false, piece: 1, memory: 0 }));
  return path;
}
/** The file's observations as the general path reads them. */
async function generalObservations(path: string): Promise<unknown> {
  return (await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => readTable(path, 'count', regions))).observations;
}
/** The file read in `env`, and how many parts a worker counted were merged into this thread's (RecordCounter.absorb). */
async function readAbsorbing(path: string, env: Record<string, string>, takeCountWorker?: () => Worker | undefined) {
  const absorb = vi.spyOn(RecordCounter.prototype, 'absorb');
  try {
    const read = await withEnv(env, () => readTable(path, 'count', regions), takeCountWorker);
    return { read, absorbed: absorb.mock.calls.length };
  } finally {
    absorb.mockRestore();
  }
}

describe('fast and general paths through the whole pipeline', () => {
  it("are chosen by the run's REHAB_STATS_GENERAL_PATH (so the property below compares two paths)", async () => {
    const path = bigFile('chosen.csv');
    const scan = vi.spyOn(ScanKernel.prototype, 'scan');
    await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => readTable(path, 'count', regions));
    const general = scan.mock.calls.length;
    await withEnv({}, () => readTable(path, 'count', regions));
    const fast = scan.mock.calls.length - general;
    scan.mockRestore();
    expect(general).toBe(0);
    expect(fast).toBeGreaterThan(0);
  });
  it('split a file in two, one part per thread, when REHAB_STATS_SPLIT_MIN_BYTES allows (so the property below compares that too)', async () => {
    const path = bigFile('split.csv');
    const { read: split, absorbed } = await readAbsorbing(path, { REHAB_STATS_SPLIT_MIN_BYTES: '1' });
    expect(absorbed, 'the worker thread needs dist/count-worker.mjs: npm run build').toBe(1);
    expect(split.observations).toEqual(await generalObservations(path));
  });
  it('a worker bin/ started that failed before its job is not given one: the split starts its own', async () => {
    const path = bigFile('split-failed.csv');
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('a worker that fails as it starts');\n");
    const env = { REHAB_STATS_SPLIT_MIN_BYTES: '1' };
    let exited: (() => void) | undefined;
    const stopped = new Promise<void>((resolve) => {
      exited = resolve;
    });
    const take = standbyCountWorker(['rank', '--input', path], env, broken, () => exited?.());
    expect(take).toBeDefined();
    // its failure and exit seen before the split asks for it
    await stopped;
    const { read: split, absorbed } = await readAbsorbing(path, env, take);
    expect(absorbed, 'split in two all the same, by a worker of its own').toBe(1);
    expect(split.observations).toEqual(await generalObservations(path));
  });
  it('a waiting worker that stops after the split takes it, before its job: the file is read in one piece, not waited on for ever', async () => {
    const path = bigFile('split-stopping.csv');
    // A worker whose exit is reported as soon as it is taken, while the split reads for the middle
    // of the file (a real one's comes when it stops, any time): Node then drops the job posted to it.
    class StoppingWorker extends EventEmitter {
      readonly threadId = 1;
      postMessage(): void {}
      ref(): void {}
      unref(): void {}
      terminate(): Promise<number> {
        return Promise.resolve(1);
      }
    }
    const take = () => {
      const worker = new StoppingWorker();
      queueMicrotask(() => worker.emit('exit', 1));
      // Only the Worker methods the split uses; the test stands in for Node's.
      return worker as unknown as Worker;
    };
    const read = await withEnv({ REHAB_STATS_SPLIT_MIN_BYTES: '1' }, () => readTable(path, 'count', regions), take);
    expect(read.observations).toEqual(await generalObservations(path));
  }, 20_000);
  it('split a file in two with the worker bin/ started before the bundle loaded, waiting for its job', async () => {
    const path = bigFile('split-waiting.csv');
    const env = { REHAB_STATS_SPLIT_MIN_BYTES: '1' };
    const take = standbyCountWorker(['rank', '--input', path], env);
    const taken: (Worker | undefined)[] = [];
    const { read: split, absorbed } = await readAbsorbing(path, env, () => {
      taken.push(take?.());
      return taken.at(-1);
    });
    expect(absorbed).toBe(1);
    // The split asked for the waiting worker once and was given it (not a worker of its own).
    expect(taken.length).toBe(1);
    expect(taken[0]).toBeInstanceOf(Worker);
    expect(split.observations).toEqual(await generalObservations(path));
  });
  it('count a stream once, as it comes, by one thread: each byte after the header pushed once, none counted again', async () => {
    const bytes = build({
      rows: [
        { region: 0, year: 2014, sex: 'K' },
        { region: 3, year: 2013, sex: 'M' },
      ],
      targetBytes: 4_700_000,
      damage: undefined,
      breaks: false,
      piece: 1,
      memory: 0,
    });
    const push = vi.spyOn(RecordCounter.prototype, 'push');
    const absorb = vi.spyOn(RecordCounter.prototype, 'absorb');
    try {
      const piped = await withEnv({ REHAB_STATS_STDIN_MEMORY_BYTES: '0' }, () => readTable('-', 'count', regions, {}, { stdin: stdinIn(bytes, 65_536) }));
      const pushed = push.mock.calls.reduce((sum, [chunk]) => sum + chunk.length, 0);
      expect(pushed).toBe(bytes.length - bytes.indexOf('\n') - 1);
      expect(new Set(push.mock.contexts).size).toBe(1);
      expect(absorb).not.toHaveBeenCalled();
      const path = join(dir, 'once.csv');
      writeFileSync(path, bytes);
      expect(piped.observations).toEqual(await generalObservations(path));
    } finally {
      push.mockRestore();
      absorb.mockRestore();
    }
  });
  it('give identical observations and identical errors, from a file and from stdin, at every size', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const bytes = build(s);
        const path = join(dir, `t${n++}.csv`);
        writeFileSync(path, bytes);
        const stdin = (chunk: number) => ({ stdin: Readable.from(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk))) });
        const general = await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => outcome(() => readTable(path, 'count', regions)));
        const fastFile = await withEnv({}, () => outcome(() => readTable(path, 'count', regions)));
        // Two threads at any size: a damaged row in either part, or a quoted line break at the split, gives the one-thread outcome.
        const twoThreads = await withEnv({ REHAB_STATS_SPLIT_MIN_BYTES: '1' }, () => outcome(() => readTable(path, 'count', regions)));
        // The same with the worker bin/ starts early, waiting for its job (the parts halves, not the first a little longer).
        const twoWaiting = await withWaitingWorker(path, () => outcome(() => readTable(path, 'count', regions)));
        // Pipes deliver 64 KiB at a time; an injected stdin may hand over much more at once.
        const fastStdin = await withEnv({}, () => outcome(() => readTable('-', 'count', regions, {}, stdin(65_536))));
        const bigChunks = await withEnv({}, () => outcome(() => readTable('-', 'count', regions, {}, stdin(5 << 20))));
        // stdin in pieces of any length (rows and quoted line breaks cut anywhere), its copy kept in memory or a temporary file.
        const kept = { REHAB_STATS_STDIN_MEMORY_BYTES: String(s.memory) };
        const inPieces = await withEnv(kept, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: stdinIn(bytes, s.piece) })));
        // stdin redirected from the file (`< file`): read as the file is, by one thread and by two.
        const redirected = (env: Record<string, string>) =>
          withEnv(env, async () => {
            const fd = openSync(path, 'r');
            try {
              return await outcome(() => readTable('-', 'count', regions, {}, { stdin: EMPTY, stdinFd: fd }));
            } finally {
              closeSync(fd);
            }
          });
        const redirectedOne = await redirected({});
        const redirectedTwo = await redirected({ REHAB_STATS_SPLIT_MIN_BYTES: '1' });
        expect(fastFile).toEqual(general);
        expect(twoThreads).toEqual(general);
        expect(twoWaiting).toEqual(general);
        expect(fastStdin).toEqual(general);
        expect(bigChunks).toEqual(general);
        expect(inPieces).toEqual(general);
        expect(redirectedOne).toEqual(general);
        expect(redirectedTwo).toEqual(general);
      }),
      { numRuns: runs(10, 2), seed: 20261130, endOnFailure: true },
    );
  }, 300_000);
  it('give identical observations and identical errors from stdin in pieces of any length, kept in a temporary file', async () => {
    // Pieces of a byte or of a few hundred KiB: rows, quoted line breaks and damaged rows cut anywhere.
    const pieces = fc.record({
      rows: rowsOf,
      targetBytes: fc.constantFrom<1_300_000 | 4_700_000>(...(FULL ? ([1_300_000, 4_700_000] as const) : ([1_300_000] as const))),
      damage: fc.option(fc.record({ what: fc.constantFrom(...DAMAGE), at: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: undefined, freq: 2 }),
      breaks: fc.boolean(),
      piece: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2_000, max: 400_000 })),
      memory: fc.constantFrom(0, 100_000),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(pieces, async (s) => {
        const bytes = build(s);
        const path = join(dir, `s${n++}.csv`);
        writeFileSync(path, bytes);
        const general = await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => outcome(() => readTable(path, 'count', regions)));
        // A piece of a byte comes at most 64 KiB at a time after the first: the rest in pieces of 64 KiB (each cut elsewhere).
        const stdin = s.piece < 64 ? stdinInMixed(bytes, s.piece) : stdinIn(bytes, s.piece);
        const inPieces = await withEnv({ REHAB_STATS_STDIN_MEMORY_BYTES: String(s.memory) }, () => outcome(() => readTable('-', 'count', regions, {}, { stdin })));
        expect(inPieces).toEqual(general);
      }),
      { numRuns: runs(20, 1), seed: 20261201, endOnFailure: true },
    );
  }, 300_000);
});
