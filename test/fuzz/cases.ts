import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { runInProcess } from './in-process.js';
import { testEnv } from '../e2e/harness.js';
import { runs } from '../helpers/tier.js';

/**
 * The fuzz suite's cases: every data command over inputs that mix random bytes with structured
 * mutations of real-shaped files (the fixtures): ragged rows, unknown and misleading headers,
 * fractional, huge and negative counts, no-break spaces, huge cells, mixed encodings. Each case
 * runs the CLI in-process and checks what must hold whatever the input:
 * - the exit code is a documented one (never 1, an internal error);
 * - on error stdout is empty and stderr is one error line and at most a hint;
 * - on error no file is written.
 */

const ROOT = join(import.meta.dirname, '..', '..');
/** Every real-shaped export in fixtures/: PxWeb, Kolada, Excel, wide, long, record-level, population. */
const FIXTURES = readdirSync(join(ROOT, 'fixtures'))
  .filter((name) => name.endsWith('.csv'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'fixtures', name)));

/** What a user might put where a count, a header or any cell goes. */
const CELLS = [
  '12.5',
  '12,5',
  '9007199254740993',
  '1e308',
  '-4',
  '0',
  '1\u00a0234',
  '1 234',
  '..',
  '',
  'NaN',
  '0x10',
  '١٢',
  '"',
  '1,234',
  'Stockholm',
  'Skone',
  '2014M01',
  '2014',
  'KBT',
  'K',
  '=1+1',
  '<script>',
  '|',
  '\u00ff',
];
const HEADERS = ['cnt', 'Antal patienter (st)', 'andel', 'rate per 100000', 'per 100 000 inv', 'x', '', 'år', 'region', 'antal', 'population', '%', 'kön', 'metod'];

type Mutation =
  | { kind: 'ragged'; line: number; more: boolean }
  | { kind: 'header'; cell: number; text: string }
  | { kind: 'cell'; line: number; cell: number; text: string }
  | { kind: 'huge-cell'; line: number; size: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'latin1-line'; line: number }
  | { kind: 'blank'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'crlf' }
  | { kind: 'bom' }
  | { kind: 'utf16' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('ragged' as const), line: fc.nat(), more: fc.boolean() }),
  fc.record({ kind: fc.constant('header' as const), cell: fc.nat(), text: fc.constantFrom(...HEADERS) }),
  fc.record({ kind: fc.constant('cell' as const), line: fc.nat(), cell: fc.nat(), text: fc.constantFrom(...CELLS) }),
  fc.record({ kind: fc.constant('huge-cell' as const), line: fc.nat(), size: fc.constantFrom(200, 9_999, 10_001, 50_000) }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('latin1-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('blank' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.constant({ kind: 'crlf' as const }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'utf16' as const }),
);

function delimiterOf(line: string): string {
  return [';', '\t', ','].find((d) => line.includes(d)) ?? ';';
}

/** Applies mutations to a fixture's bytes (latin-1 files are read as latin-1, so mutations keep their encoding). */
export function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  const utf8 = Buffer.from(base).toString('utf8');
  const latin1 = utf8.includes('\ufffd');
  let text = latin1 ? iconv.decode(Buffer.from(base), 'windows-1252') : utf8;
  let extra: ((b: Buffer) => Buffer)[] = [];
  for (const m of mutations) {
    const lines = text.split('\n');
    const pick = (n: number) => n % Math.max(1, lines.length);
    const d = delimiterOf(lines.find((l) => l.trim() !== '') ?? '');
    switch (m.kind) {
      case 'ragged': {
        const i = pick(m.line);
        lines[i] = m.more ? `${lines[i]}${d}1` : lines[i]!.split(d).slice(0, -1).join(d);
        break;
      }
      case 'header': {
        const h = lines.findIndex((l) => l.split(d).length > 1);
        if (h >= 0) {
          const cells = lines[h]!.split(d);
          cells[m.cell % cells.length] = m.text;
          lines[h] = cells.join(d);
        }
        break;
      }
      case 'cell': {
        const i = pick(m.line);
        const cells = lines[i]!.split(d);
        cells[m.cell % cells.length] = m.text;
        lines[i] = cells.join(d);
        break;
      }
      case 'huge-cell': {
        const i = pick(m.line);
        lines[i] = `${lines[i]}${d}${'x'.repeat(m.size)}`;
        break;
      }
      case 'blank':
        lines.splice(pick(m.line), 0, '');
        break;
      case 'duplicate': {
        const i = pick(m.line);
        lines.splice(i, 0, lines[i]!);
        break;
      }
      case 'latin1-line': {
        const i = pick(m.line);
        const marker = `\u0000LATIN1:${i}\u0000`;
        const original = lines[i]!;
        lines[i] = marker;
        extra.push((b) => {
          const at = b.indexOf(marker);
          return at < 0 ? b : Buffer.concat([b.subarray(0, at), iconv.encode(`${original}åäö`, 'windows-1252'), b.subarray(at + Buffer.byteLength(marker))]);
        });
        break;
      }
      case 'bytes':
        extra.push((b) => {
          const at = m.at % (b.length + 1);
          return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
        });
        break;
      case 'truncate':
        extra.push((b) => b.subarray(0, m.at % (b.length + 1)));
        break;
      case 'crlf':
        text = lines.join('\r\n');
        continue;
      case 'bom':
        extra.push((b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]));
        break;
      case 'utf16':
        extra = [...extra, (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(b.toString('utf8'), 'utf-16le')])];
        break;
    }
    text = lines.join('\n');
  }
  let bytes: Buffer = latin1 ? iconv.encode(text, 'windows-1252') : Buffer.from(text, 'utf8');
  for (const f of extra) bytes = f(bytes);
  return bytes;
}

/** An input: a mutated fixture most of the time, random bytes sometimes. */
export const input: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat(FIXTURES.length - 1), fc.array(mutation, { minLength: 0, maxLength: 4 })).map(([i, ms]) => mutate(FIXTURES[i]!, ms)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(FIXTURES.length - 1), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat()).map(([i, junk, at]) => {
      const b = FIXTURES[i]!;
      const p = at % (b.length + 1);
      return Buffer.concat([b.subarray(0, p), Buffer.from(junk), b.subarray(p)]);
    }),
  },
);

/** The data commands, each with IN where the input goes and OUT where a written file goes. */
const COMMANDS: string[][] = [
  ['rank', '--method', 'KBT', '--input', 'IN'],
  ['rank', '--method', 'KBT', '--year', '2014', '--input', 'IN', '--output', 'OUT'],
  ['rank', '--method', 'KBT', '--population', 'IN', '--year', '2014'],
  ['rank', '--method', 'KBT', '--by', 'mottagning', '--input', 'IN'],
  ['growth', '--method', 'KBT', '--input', 'IN'],
  ['share', '--by', 'method', '--input', 'IN'],
  ['share', '--by', 'vårdgivare', '--input', 'IN', '--format', 'json'],
  ['trend', '--method', 'KBT', '--input', 'IN'],
  ['summary', '--method', 'KBT', '--input', 'IN', '--format', 'csv'],
  ['tally', '--input', 'IN'],
  ['check', 'IN'],
  ['check', '--kind', 'population', 'IN'],
  ['convert', 'IN', '--output', 'OUT'],
  ['convert', 'IN', '--kind', 'population'],
  ['report', '--input', 'IN', '--markdown', 'OUT'],
];
const OPTIONS: string[][] = [
  [],
  [],
  [],
  ['--records'],
  ['--skip-invalid'],
  ['--sum-duplicates'],
  ['--delimiter', ';'],
  ['--delimiter', ','],
  ['--delimiter', 'tab'],
  ['--delimiter', 'x'],
  ['--encoding', 'latin1'],
  ['--encoding', 'utf-16le'],
  ['--encoding', 'bogus'],
  ['--map', 'count=antal'],
  ['--map', 'region=2'],
  ['--map', 'nonsense'],
];

export const invocation = fc.record({
  command: fc.nat(COMMANDS.length - 1),
  option: fc.nat(OPTIONS.length - 1),
  stdin: fc.boolean(),
  input,
});

export type Invocation = typeof invocation extends fc.Arbitrary<infer T> ? T : never;

const OK_CODES = new Set([0, 2, 3, 4, 5, 6]);

export function makeWorkspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-fuzz-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one case and checks the properties every run must have. */
export async function checkCase(c: Invocation, dir: string, lang: string, n: number): Promise<number> {
  const inPath = join(dir, `in-${n}.csv`);
  const outPath = join(dir, `out-${n}`, 'result.txt');
  const template = COMMANDS[c.command]!;
  const option = OPTIONS[c.option]!;
  // report and check do not take --skip-invalid / --records everywhere: commander refuses them (exit 2), which is fine.
  const args = [...template, ...option].map((a) => (a === 'IN' ? (c.stdin ? '-' : inPath) : a === 'OUT' ? outPath : a));
  if (!c.stdin) writeFileSync(inPath, c.input);
  const r = await runInProcess(args, { ...(c.stdin ? { stdin: c.input } : {}), env: testEnv({ LANG: lang, NO_COLOR: undefined }) });
  const context = `${args.join(' ')}\n--- input (${c.input.length} bytes): ${JSON.stringify(Buffer.from(c.input.subarray(0, 300)).toString('latin1'))}\n--- stderr: ${r.stderr}`;
  expect(OK_CODES.has(r.code), `exit ${r.code}: ${context}`).toBe(true);
  const checkReport = template[0] === 'check' && r.code === 6;
  if (r.code !== 0 && !checkReport) {
    expect(r.stdout, `stdout on error: ${context}`).toBe('');
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines[0], context).toMatch(/^rehab-stats: (error|fel): \S/);
    expect(lines.length, `more than an error line and a hint: ${context}`).toBeLessThanOrEqual(2);
    if (lines[1] !== undefined) expect(lines[1], context).toMatch(/^(hint|tips): \S/);
    expect(existsSync(outPath), `a file written on error: ${context}`).toBe(false);
  }
  expect(r.stderr, context).not.toMatch(/internal error/);
  rmSync(join(dir, `out-${n}`), { recursive: true, force: true });
  return r.code;
}

/** Cases per language: together 10 000 in CI (the full tier; 120 each in npm test's quick tier; FUZZ_RUNS overrides). */
export const RUNS_PER_LANG = Number(process.env.FUZZ_RUNS ?? runs(5_000, 120));
