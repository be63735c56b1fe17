import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, FAST_PATH_MIN_BYTES } from '../../src/ingest/index.js';
import { splitSearchStart } from '../../src/ingest/split.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { readOutcome, type ReadOutcome } from './outcomes.js';
import { withIo } from '../../src/io/context.js';
import { FULL, itFull, runs, sweep } from '../helpers/tier.js';

/**
 * The whole ingest pipeline on inputs built against its thresholds: files and streams of
 * exactly the fast path's threshold (1 MiB) and a byte either side, a row unlike the first 200
 * (the sample the fast path is planned from) before the head, after it and after the part of a
 * stream kept in memory, the split between two threads falling inside a quoted field, between
 * CR and LF or on a damaged row, and stdin in pieces of 1, 63, 64 and 65 bytes. Every way in
 * gives the general path's observations or error byte for byte.
 */
const regions = bundledRegions();
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-adversarial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = 300_000;

type Outcome = ReadOutcome;
const outcome = readOutcome;

const NOWHERE = { write: () => true, on: () => undefined };
function withEnv<T>(env: Record<string, string>, f: () => Promise<T>): Promise<T> {
  return withIo({ stdin: (async function* () {})(), stdout: NOWHERE, stderr: NOWHERE, env, cwd: process.cwd(), now: () => new Date(0) }, f);
}

/** stdin in pieces whose lengths cycle through `sizes`. */
function stdinIn(bytes: Uint8Array, sizes: readonly number[]): AsyncIterable<Uint8Array> {
  return Readable.from(
    (function* () {
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const n = sizes[k % sizes.length] ?? 1;
        yield bytes.subarray(at, at + n);
        at += n;
      }
    })(),
  );
}

let files = 0;
/**
 * The outcome of every way in, each beside the general path's (read from the file): the file by one thread and by two,
 * stdin in pieces of `pieces` kept in memory or in a temporary file, and stdin redirected from the file.
 */
async function everyWay(bytes: Uint8Array, pieces: readonly number[] = [65_536]): Promise<void> {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, bytes);
  const general = await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => outcome(() => readTable(path, 'count', regions)));
  const ways: [string, Record<string, string>, () => Promise<Outcome>][] = [
    ['file', {}, () => outcome(() => readTable(path, 'count', regions))],
    ['file in two parts', { REHAB_STATS_SPLIT_MIN_BYTES: '1' }, () => outcome(() => readTable(path, 'count', regions))],
    ['stdin kept in memory', {}, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: stdinIn(bytes, pieces) }))],
    ['stdin kept in a temporary file', { REHAB_STATS_STDIN_MEMORY_BYTES: '0' }, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: stdinIn(bytes, pieces) }))],
    [
      'stdin redirected from the file, in two parts',
      { REHAB_STATS_SPLIT_MIN_BYTES: '1' },
      async () => {
        const fd = openSync(path, 'r');
        try {
          return await outcome(() => readTable('-', 'count', regions, {}, { stdin: (async function* () {})(), stdinFd: fd }));
        } finally {
          closeSync(fd);
        }
      },
    ],
  ];
  // The quick tier takes every other way (a different half each run); the full tier all of them.
  for (const [way, env, read] of sweep(ways, 2)) expect(await withEnv(env, read), way).toEqual(general);
}

const HEAD = 'region;år;metod;kön;ålder;anteckning\n';
const NAMES = ['Uppsala', 'Stockholm', 'Gotland', 'Blekinge', '14 Västra Götalands län', 'Region Skåne'];
/** Clean rows up to `bytes` bytes (whole rows, the last ending in a line break), then `end` exactly filling to `bytes`. */
function rowsOf(bytes: number, eol = '\n'): string {
  const rows: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const row = `${NAMES[i % NAMES.length]};201${2 + (i % 4)};KBT;${i % 3 ? 'K' : 'M'};${20 + (i % 60)};n${i % 97}${eol}`;
    if (size + Buffer.byteLength(row) > bytes) break;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  // Pad the last row's note so the rows are exactly `bytes` long (all ASCII).
  const short = bytes - size;
  const last = rows.pop() ?? '';
  rows.push(short > 0 ? last.replace(eol, 'p'.repeat(short) + eol) : last);
  return rows.join('');
}

describe('inputs of exactly the fast path threshold, and a byte either side', () => {
  it(
    'give the general path outcome clean, ending without a line break, or with a damaged last row',
    async () => {
      const cases = [-1, 0, 1, 65].flatMap((delta) => ['no line break', 'damaged'].map((end) => ({ delta, end })));
      for (const { delta, end } of sweep(cases, 8)) {
        const target = FAST_PATH_MIN_BYTES + delta;
        let text = HEAD + rowsOf(target - Buffer.byteLength(HEAD));
        if (end === 'no line break') text = text.slice(0, -1) + 'q';
        if (end === 'damaged')
          text =
            text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1) + 'Atlantis;2014;KBT;K;30;' + 'z'.repeat(text.length - text.lastIndexOf('\n', text.length - 2) - 25) + '\n';
        const bytes = Buffer.from(text);
        expect(bytes.length).toBe(target);
        await everyWay(bytes, [65_536]);
      }
    },
    SLOW,
  );
});

describe('a row unlike the sample, before the 1 MiB head, after it, after the part of a stream kept in memory', () => {
  const LATE = [
    'Uppsala;2014;MMR;kvinnor;30;x\n',
    'Uppsala;2014;KBT;K;30;x;y\n',
    'Uppsala,2014,KBT,K,30,x\n',
    'Uppsala;2014;KBT;K;30;"a\nb"\n',
    'Uppsala;2014;KBT;K;30;a"b\n',
    'Uppsala;2014;KBT;K;30;a\rb\n',
    'Uppsala;2014;KBT;K;30;x\r\n',
    '\n',
    'Atlantis;2014;KBT;K;30;x\n',
    'Uppsala;2014;KBT;K;30;\u0000\n',
    'Uppsala;2014;KBT;K;30;"x""y"\n',
  ];
  itFull(
    'gives the general path outcome every way in',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...LATE),
          fc.constantFrom(20_000, FAST_PATH_MIN_BYTES - 10, FAST_PATH_MIN_BYTES + 40, 1_400_000),
          fc.constantFrom([65_536], [63, 64, 65, 65_535], [1_000_003]),
          async (late, at, pieces) => {
            const before = rowsOf(at - Buffer.byteLength(HEAD));
            const bytes = Buffer.from(HEAD + before + late + rowsOf(1_600_000 - at));
            await everyWay(bytes, pieces);
          },
        ),
        { numRuns: runs(10, 1), endOnFailure: true },
      );
    },
    SLOW,
  );
});

describe('the split between two threads', () => {
  /** A file whose split search starts at `middle`, with `at(middle)` inserted there: a quoted field, a CRLF, a damaged row. */
  function around(size: number, shift: number, insert: string, eol = '\n'): Buffer {
    const head = HEAD.replace('\n', eol);
    const bytes = Buffer.from(head + rowsOf(size - Buffer.byteLength(head), eol));
    const middle = splitSearchStart(Buffer.byteLength(head), bytes.length) + shift;
    const lf = bytes.indexOf(0x0a, middle - 200) + 1;
    return Buffer.concat([bytes.subarray(0, lf), Buffer.from(insert), bytes.subarray(lf)]);
  }
  const INSERTS = [
    // A quoted field whose line breaks fall where the split is looked for.
    'Uppsala;2014;KBT;K;30;"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\nq\nr\ns\nt\nu\nv\nw\nx\ny\nz\n' + 'w\n'.repeat(200) + '"\n',
    'Uppsala;2014;KBT;K;30;"' + 'w'.repeat(400) + '"\n',
    'Atlantis;2014;KBT;K;30;x\n',
    'Uppsala;2014;KBT;K;30\n',
    '\n',
    'Uppsala;2014;KBT;K;30;x\r\n',
  ];
  it(
    'falling inside a quoted field, on a damaged row, or a row either side of it: the one-thread outcome',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...INSERTS),
          fc.integer({ min: -150, max: 600 }),
          fc.constantFrom(...(FULL ? [1_200_000, 2_500_000] : [1_200_000])),
          async (insert, shift, size) => {
            await everyWay(around(size, shift, insert));
          },
        ),
        { numRuns: runs(10, 1), endOnFailure: true },
      );
    },
    SLOW,
  );
  it(
    'in a CRLF file, between CR and LF or just after: the one-thread outcome',
    async () => {
      for (const shift of sweep([-2, -1, 0, 1, 2], 5)) await everyWay(around(1_200_000, shift, 'Uppsala;2014;KBT;K;30;x\r\n', '\r\n'));
    },
    SLOW,
  );
  itFull(
    'just under and just over REHAB_STATS_SPLIT_MIN_BYTES: the same outcome either way',
    async () => {
      const bytes = around(1_200_000, 0, 'Atlantis;2014;KBT;K;30;x\n');
      const path = join(dir, 'threshold.csv');
      writeFileSync(path, bytes);
      const general = await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => outcome(() => readTable(path, 'count', regions)));
      for (const min of [bytes.length - 1, bytes.length, bytes.length + 1])
        expect(await withEnv({ REHAB_STATS_SPLIT_MIN_BYTES: String(min) }, () => outcome(() => readTable(path, 'count', regions)))).toEqual(general);
    },
    SLOW,
  );
});

describe('stdin', () => {
  it('empty, or one header line without a line break: the general path outcome', async () => {
    for (const text of ['', HEAD, HEAD.trimEnd(), '\n', '\ufeff']) {
      const general = await withEnv({ REHAB_STATS_GENERAL_PATH: '1' }, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: stdinIn(Buffer.from(text), [1]) })));
      const fast = await withEnv({}, () => outcome(() => readTable('-', 'count', regions, {}, { stdin: stdinIn(Buffer.from(text), [1]) })));
      expect(fast).toEqual(general);
    }
  });
});

describe('a file of 63 630 groups, each met twice far apart', () => {
  itFull(
    'counted as the general path counts them, the count table growing past 3 072, 6 144 and 12 288 groups mid-batch, by one thread, two and from stdin',
    async () => {
      const codes = regions.regions.map((r) => r.code);
      const n = 21 * 2 * 101 * 5 * 3;
      const rows: string[] = [];
      for (let round = 0; round < 2; round++)
        for (let i = 0; i < n; i++) {
          // A permutation of the groups, so new ones come in the middle of every 64 rows the kernel looks up together.
          let g = (i * 7919 + round * 13) % n;
          const cells: string[] = [codes[g % 21] ?? ''];
          g = Math.floor(g / 21);
          const sex = g % 2 ? 'K' : 'M';
          g = Math.floor(g / 2);
          const age = String(g % 101);
          g = Math.floor(g / 101);
          cells.push(String(2010 + (g % 5)), ['KBT', 'IPT', 'MMR'][Math.floor(g / 5) % 3] ?? '', sex, age);
          rows.push(cells.join(';'));
        }
      await everyWay(Buffer.from(`region;år;metod;kön;ålder\n${rows.join('\n')}\n`), [1_234_567]);
    },
    SLOW,
  );
});
