import { loadTable, type LoadedTable } from './load.js';
import type { ReadOptions } from './options.js';
import type { Observation } from '../domain/observation.js';
import type { RegionIndex } from '../domain/regions.js';
import { canonicalMethod, parseAge, parseSex, parseYear } from '../domain/vocabulary.js';
import { RecordCounter, type FastPlan, type FastResult } from '../parse/fast-records.js';
import type { WasmModule } from '../parse/kernel.js';
import { LIMITS } from './source.js';

/**
 * Deciding whether a file can take the fast record-level path, from a sample of its first
 * bytes read by the general path. Pure: the caller reads the bytes.
 */
export interface FastStart {
  plan: FastPlan;
  /** Byte offset where the data rows begin (after BOM, title lines and header). */
  dataOffset: number;
  /** Bytes of the sample the plan was made from (whole rows). */
  sampleBytes: number;
  /** What the general path understood of the sample: encoding, delimiter, columns … */
  sample: LoadedTable;
}

const LF = 0x0a;
const CR = 0x0d;

/** How the fast path reads a distinct cell: the general path's own functions. */
export function interpreters(regions: RegionIndex): FastPlan['interpret'] {
  return {
    region: (t) => regions.resolve(t)?.code,
    year: parseYear,
    method: (t) => canonicalMethod(t) || undefined,
    sex: parseSex,
    age: parseAge,
  };
}

/**
 * A plan for the fast path, or undefined when the file is not a clean table of one of the
 * shapes it reads: record-level, or aggregated (long, years or methods as columns) with a
 * region column. Anything unusual goes the general way.
 */
export function planFastPath(head: Uint8Array, wholeFile: boolean, file: string, regions: RegionIndex, opts: ReadOptions, kernel?: WasmModule): FastStart | undefined {
  // The sample needs 200 data rows (see planFrom); long rows need more bytes, so the sample
  // grows (8 KiB, 32 KiB, 128 KiB …) up to all of `head` until it holds them.
  for (let size = SAMPLE_BYTES; ; size *= 4) {
    const whole = wholeFile && size >= head.length;
    const start = planFrom(head.subarray(0, size), whole, file, regions, opts, kernel);
    if (start !== 'more rows' || size >= head.length) return start === 'more rows' ? undefined : start;
  }
}

function planFrom(sample: Uint8Array, wholeFile: boolean, file: string, regions: RegionIndex, opts: ReadOptions, kernel?: WasmModule): FastStart | 'more rows' | undefined {
  if (opts.collectProblems || opts.categoryColumn !== undefined) return undefined;
  if (opts.encoding && !/^(utf-?8|windows-1252|cp1252|latin-?1|iso-8859-1)$/i.test(opts.encoding)) return undefined;
  const cut = wholeFile ? sample.length : sample.lastIndexOf(LF) + 1;
  if (cut <= 0) return undefined;
  const head = sample.subarray(0, cut);
  // A lone CR (old Mac line ends, or a stray one) is left to the general path: its split
  // (src/parse/csv.ts) may take it as the line break, and it counts as one in line numbers.
  for (let i = head.indexOf(CR); i >= 0; i = head.indexOf(CR, i + 1)) if (head[i + 1] !== LF) return undefined;
  const firstLf = head.indexOf(LF);
  const firstCr = head.indexOf(CR);
  let table: LoadedTable;
  try {
    table = loadTable(head, file, 'count', regions, { ...opts, collectProblems: true });
  } catch {
    return undefined;
  }
  if (table.national || table.problems.length || table.skippedLines.some((l) => l.line > table.headerLine)) return undefined;
  if (table.columns.some((c) => c.header.includes('\n'))) return undefined;
  const encoding = table.encoding === 'utf-8' ? 'utf-8' : table.encoding === 'windows-1252' || /^(latin-?1|cp1252|iso-8859-1)$/i.test(table.encoding) ? 'windows-1252' : undefined;
  if (!encoding) return undefined;
  let offset = 0;
  for (let line = 0; line < table.headerLine; line++) {
    const lf = head.indexOf(LF, offset);
    if (lf < 0) return undefined;
    offset = lf + 1;
  }
  const aggregated = table.shape !== 'record-level';
  // Columns are given roles from the first 200 data rows; the sample must hold them all, or the
  // whole file could be planned differently.
  if (!wholeFile && table.rowsRead < 200) return 'more rows';
  const col = (role: string) => table.columns.find((c) => c.use === role)?.index;
  const values = aggregated
    ? table.columns
        .filter((c) => c.use === (table.shape === 'wide-years' ? 'year-values' : table.shape === 'wide-methods' ? 'method-values' : 'value'))
        .map((c) => ({ column: c.index, ...(c.year !== undefined ? { year: c.year } : {}), ...(c.method !== undefined ? { method: c.method } : {}) }))
    : undefined;
  const region = col('region');
  if (region === undefined) return undefined;
  const plan: FastPlan = {
    delimiter: table.delimiter.charCodeAt(0),
    lineEnd: firstCr >= 0 && firstCr === firstLf - 1 ? 'crlf' : 'lf',
    encoding,
    columns: { region, year: col('year'), method: col('method'), sex: col('sex'), age: col('age') },
    ...(opts.defaultYear !== undefined ? { defaultYear: opts.defaultYear } : {}),
    ...(opts.defaultMethod !== undefined ? { defaultMethod: opts.defaultMethod } : {}),
    ...(values ? { values, sumDuplicates: opts.sumDuplicates === true } : {}),
    firstLine: table.headerLine + 1,
    width: table.columns.length,
    maxRowBytes: LIMITS.cellChars,
    // The WebAssembly kernel reads the rows (and an aggregated table's counts); the JavaScript scanner what it hands back.
    ...(kernel ? { kernel } : {}),
    interpret: interpreters(regions),
  };
  return { plan, dataOffset: offset, sampleBytes: cut, sample: table };
}

/**
 * Runs the fast path over a whole in-memory file: the same answer as {@link loadTable}, or
 * undefined when the general path must decide. Used by the property tests and small callers;
 * the CLI streams big files through {@link RecordCounter} chunk by chunk instead.
 */
export function loadRecordsFast(bytes: Uint8Array, file: string, regions: RegionIndex, opts: ReadOptions = {}, kernel?: WasmModule): LoadedTable | undefined {
  const start = planFastPath(bytes, true, file, regions, opts, kernel);
  if (!start) return undefined;
  const counter = new RecordCounter(start.plan);
  // In chunks, as the CLI reads: the kernel's input buffer holds 4 MiB.
  const data = bytes.subarray(start.dataOffset);
  for (let at = 0; at < data.length && !counter.failed; at += 1 << 20) counter.push(data.subarray(at, at + (1 << 20)), at + (1 << 20) >= data.length);
  return fastTable(start, counter.result(), opts.keep);
}

/**
 * How much of a file's start the general path reads first to plan the fast path: 200 rows of a
 * typical record file (about 35 bytes each). It is parsed cold, before anything else can start,
 * so it costs start-up time: 8 KiB about 25 ms, 32 KiB about 60 ms.
 */
export const SAMPLE_BYTES = 1 << 13;

/** The fast path's counts as the table the general path would have made, or undefined when it gave up. */
export function fastTable(start: FastStart, result: FastResult, keep?: ReadOptions['keep']): LoadedTable | undefined {
  if (!result.ok) return undefined;
  const readBy: LoadedTable['readBy'] = start.plan.kernel ? 'fast-wasm' : 'fast';
  const groups = result.groups;
  const base = { ...start.sample, rowsRead: result.rowsRead, missing: [], problems: [], readBy };
  const observations: Observation[] = [];
  if (!keep) {
    for (let i = 0; i < groups.size; i++) observations.push(groups.at(i));
    return { ...base, observations };
  }
  // Objects only for the groups asked for (decided once per method and year); the rest stay in
  // the typed arrays, given as columns.
  const { method, year } = groups.dictionaries;
  const decided = new Int8Array(method.length * year.length).fill(-1);
  for (let i = 0; i < groups.size; i++) {
    const pair = groups.methodId(i) * year.length + groups.yearId(i);
    const m = method[groups.methodId(i)];
    const y = year[groups.yearId(i)];
    if (decided[pair] === -1) decided[pair] = m !== undefined && y !== undefined && keep(m, y) ? 1 : 0;
    if (decided[pair] === 1) observations.push(groups.at(i));
  }
  return { ...base, observations, all: groups };
}
