/* Node's global WebAssembly, typed for what the kernel uses (TypeScript's ES2022 lib has none). */
interface WasmGlobal {
  value: number;
}
/** A compiled kernel module (opaque). */
export interface WasmModule {
  readonly __compiledWasm?: never;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
};

/** Compiles the kernel's bytes (dist/scan.wasm). */
export function compileKernel(bytes: Uint8Array): WasmModule {
  return new WebAssembly.Module(bytes);
}

/**
 * The WebAssembly scanning kernel (src/parse/scan.wat, built to dist/scan.wasm): its memory
 * layout, mirrored from the .wat, and a thin wrapper. RecordCounter keeps its byte automata
 * in this memory so the kernel reads what the JavaScript path teaches them.
 */
export const LAYOUT = {
  IN: 0,
  IN_CAPACITY: 4 << 20,
  OUT: 4194304,
  OUT_ROWS: 65536,
  ROWIDS: 5505024,
  /** A dense count table's kernel writes a row's line here when its group is not new (a store instead of a branch). */
  SCRATCH: 5505056,
  SKIP: 5505088,
  KIND: 5505344,
  ACC: 5505600,
  NEXT: 5636096,
  /** Aggregated tables: the value column number of each field whose kind is VALUE_KIND. */
  VIDX: 26607616,
  /** Record files: the count table, slots of [key + 1: i64][count: f64]; at LINES each slot's first line (f64). */
  HT: 26607872,
  HT_SLOT_BYTES: 16,
  LINES: 60162304,
  /** Record files: per column, 4096 slots of 64 bytes holding known plain spellings (up to 32 bytes) and their ids, for the SIMD path. */
  INDEX: 76939520,
  /** A spelling handed to the kernel's `index`. */
  SPELL: 78250304,
  /** The longest spelling INDEX holds; a longer one is walked through the automaton. */
  INDEX_MAX_BYTES: 32,
  INDEX_COLUMN_BYTES: 4096 * 64,
  /** Per column, how many spellings its INDEX holds (i32). */
  INDEX_COUNT: 78250240,
  /** Slots the count table may grow to (it stops at three quarters full): 1.5 million groups. */
  HT_MAX_SLOTS: 1 << 21,
  HT_FIRST_SLOTS: 1 << 12,
  /** A dense count table has 2^bits entries (8 bytes each at HT, 8 at LINES), bits the five columns' together: at most this many. */
  DENSE_MAX_BITS: 20,
  /** OUT's size in bytes (OUT_ROWS records of 20 bytes for record files). */
  OUT_BYTES: 65536 * 20,
  /** The kind byte of a field that holds a count (aggregated tables). */
  VALUE_KIND: 5,
  /** Where a record's counts begin, in bytes (after the five ids, 8-aligned). */
  OUT_VALUES: 24,
  /** States per column automaton; the kernel's tables are this size. */
  MAX_STATES: 4096,
  MAX_FIELDS: 256,
} as const;

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  scan(pos: number, end: number, out: number, outEnd: number): number;
  put(hi: number, lo: number, n: number, line: number): number;
  index(k: number, s: number, len: number, quoted: number, id: number): number;
  listDense(entries: number): number;
  merge(from: number, n: number, offset: number): number;
  sortByLine(n: number, base: number): number;
  count: WasmGlobal;
  htMask: WasmGlobal;
  htUsed: WasmGlobal;
  htLimit: WasmGlobal;
  htShift: { value: bigint };
  dense: WasmGlobal;
  bitsR: WasmGlobal;
  bitsY: WasmGlobal;
  bitsM: WasmGlobal;
  bitsS: WasmGlobal;
  bitsA: WasmGlobal;
  line: WasmGlobal;
  maxRow: WasmGlobal;
  delim: WasmGlobal;
  crlf: WasmGlobal;
  maxField: WasmGlobal;
  needed: WasmGlobal;
  width: WasmGlobal;
  rows: WasmGlobal;
  stop: WasmGlobal;
  stride: WasmGlobal;
}

/** The globals scan.wat exports (each a WebAssembly.Global, read and set through `value`). */
const GLOBALS = [
  'count',
  'htMask',
  'htUsed',
  'htLimit',
  'htShift',
  'dense',
  'bitsR',
  'bitsY',
  'bitsM',
  'bitsS',
  'bitsA',
  'line',
  'maxRow',
  'delim',
  'crlf',
  'maxField',
  'needed',
  'width',
  'rows',
  'stop',
  'stride',
] as const;

/** The dense table's bit globals, in key order (region, year, method, sex, age). */
const DENSE_BITS = ['bitsR', 'bitsY', 'bitsM', 'bitsS', 'bitsA'] as const;

/** Bits that hold the ids 0 .. n - 1. */
function bitsFor(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** Whether an instance's exports are the kernel's (TypeScript cannot read the .wat; this checks what it says). */
function isKernelExports(exports: unknown): exports is KernelExports {
  if (typeof exports !== 'object' || exports === null) return false;
  const has = (name: string, type: string) => {
    const value: unknown = Reflect.get(exports, name);
    return typeof value === type;
  };
  return (
    has('memory', 'object') &&
    has('scan', 'function') &&
    has('put', 'function') &&
    has('index', 'function') &&
    has('listDense', 'function') &&
    has('merge', 'function') &&
    has('sortByLine', 'function') &&
    GLOBALS.every((g) => has(g, 'object'))
  );
}

export const enum KernelStop {
  /** OUT is full: count and call again. */
  OutFull = 0,
  /** The row at the returned position needs the JavaScript path. */
  NeedsJs = 1,
  /** The data ran out (the returned position is the start of an unfinished row, or the end). */
  End = 2,
  /** The count table is full: make it bigger ({@link ScanKernel.growCounts}) and call again. */
  CountsFull = 3,
}

/** The kernel's stop code as a KernelStop; an unknown one hands the row to JavaScript, which decides. */
function stopOf(code: number): KernelStop {
  switch (code) {
    case 0:
      return KernelStop.OutFull;
    case 2:
      return KernelStop.End;
    case 3:
      return KernelStop.CountsFull;
    default:
      return KernelStop.NeedsJs;
  }
}

/** An instance's exported globals as it started: a reused instance starts from them again. */
type GlobalValues = Map<(typeof GLOBALS)[number], number | bigint>;

/**
 * Instances given back by counters done with them ({@link ScanKernel.release}), per compiled
 * module, for the next counter in this thread: a new instance costs a memory of 73 MiB and, in
 * a process that has made many (a test worker), a garbage collection of the heap (~14 ms).
 * A few at most, so memory that a big file touched is not kept for long.
 */
const idle = new WeakMap<WasmModule, { exports: KernelExports; initial: GlobalValues }[]>();
const MAX_IDLE = 2;

/** Sets each exported global back to its value in `initial`. */
function restore(exports: KernelExports, initial: GlobalValues): void {
  for (const [name, value] of initial) {
    if (name === 'htShift') exports.htShift.value = BigInt(value);
    else exports[name].value = Number(value);
  }
}

/** Groups as typed arrays: combined keys, counts and first lines, `size` of each. */
export interface GroupArrays {
  keys: Float64Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
  lines: Float64Array<ArrayBuffer>;
  size: number;
}

export class ScanKernel {
  private readonly exports: KernelExports;
  private readonly initial: GlobalValues;
  private released = false;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;

  /** Bytes per OUT record: 20 (five ids) for record files; 24 + 8 per value column for aggregated tables. */
  readonly stride: number;

  private readonly module: WasmModule;

  constructor(module: WasmModule, settings: { delimiter: number; crlf: boolean; maxField: number; needed: number; width: number; valueColumns: number; maxRowBytes: number }) {
    // A reused instance's memory holds the last counter's bytes: every table is written before it
    // is read (the count table is cleared by countRows, an automaton's row when it is made).
    const reused = idle.get(module)?.pop();
    if (reused) {
      restore(reused.exports, reused.initial);
      this.exports = reused.exports;
      this.initial = reused.initial;
    } else {
      const exports = new WebAssembly.Instance(module, {}).exports;
      if (!isKernelExports(exports)) throw new Error('dist/scan.wasm does not export what src/parse/scan.wat declares: npm run build');
      this.exports = exports;
      this.initial = new Map(GLOBALS.map((name) => [name, exports[name].value]));
    }
    this.module = module;
    this.bytes = new Uint8Array(this.exports.memory.buffer);
    this.words = new Int32Array(this.exports.memory.buffer);
    this.exports.delim.value = settings.delimiter;
    this.exports.crlf.value = settings.crlf ? 1 : 0;
    this.exports.maxField.value = settings.maxField;
    this.exports.needed.value = settings.needed;
    this.exports.width.value = settings.width;
    this.stride = settings.valueColumns ? LAYOUT.OUT_VALUES + 8 * settings.valueColumns : 20;
    this.exports.stride.value = this.stride;
    this.exports.maxRow.value = settings.maxRowBytes;
  }

  /**
   * Scans IN[pos, end); returns where it stopped, how many rows it wrote to OUT (or counted,
   * once {@link countRows} was called), and why. `line` is the line of the row at `pos`.
   */
  scan(pos: number, end: number, line: number): { pos: number; rows: number; stop: KernelStop } {
    // Whole records only: the kernel stops once the next would not fit.
    const outEnd = LAYOUT.OUT + Math.floor(LAYOUT.OUT_BYTES / this.stride) * this.stride;
    this.exports.line.value = line;
    const next = this.exports.scan(LAYOUT.IN + pos, LAYOUT.IN + end, LAYOUT.OUT, outEnd) - LAYOUT.IN;
    return { pos: next, rows: this.exports.rows.value, stop: stopOf(this.exports.stop.value) };
  }

  /** How many ids each column (region, year, method, sex, age) has given so far: the dense table's columns are made this wide. */
  private idCounts: () => readonly number[] = () => [0, 0, 0, 0, 0];

  /**
   * From now on the kernel counts the rows of a record file per group in its own table, instead
   * of writing them to OUT: a dense one while the columns' ids fit in {@link LAYOUT.DENSE_MAX_BITS}
   * bits together, a hash table past that. `idCounts` says how many ids each column has.
   */
  countRows(idCounts: () => readonly number[]): void {
    this.idCounts = idCounts;
    this.exports.count.value = 1;
    if (!this.setDense([0, 0, 0, 0, 0])) this.setSlots(LAYOUT.HT_FIRST_SLOTS);
  }

  /** How the count table is kept now (for the tests). */
  get countTable(): 'dense' | 'hashed' {
    return this.exports.dense.value === 1 ? 'dense' : 'hashed';
  }

  /** Adds n (> 0) to the count of `key` (below 2^50), first seen on `line`; false when the table is full (grow it and add again). */
  put(key: number, n: number, line: number): boolean {
    return this.exports.put(Math.floor(key / 2 ** 32), key >>> 0, n, line) === 1;
  }

  /**
   * Adds the groups of a part counted apart (keys of its own ids, counts, first lines), each
   * id mapped through `maps` (per column, the part's id → this table's), `offset` added to each
   * line; a group already here keeps the earlier line. In the kernel, a batch at a time: a loop
   * over tens of thousands of groups, run once, is slow in cold JavaScript. False when an id
   * maps to none (a negative id or one past its map) or the table has no room.
   */
  merge(keys: Float64Array, values: Float64Array, lines: Float64Array, size: number, maps: readonly Int32Array[], offset: number): boolean {
    const words = this.words;
    const at = LAYOUT.OUT / 4;
    words.fill(-1, at, at + 5 * 1024);
    for (const [k, map] of maps.entries()) words.set(map.subarray(0, 1024), at + k * 1024);
    const f64 = new Float64Array(this.exports.memory.buffer, LAYOUT.IN, LAYOUT.IN_CAPACITY / 8);
    const batch = Math.floor(LAYOUT.IN_CAPACITY / 24);
    for (let start = 0; start < size; start += batch) {
      const n = Math.min(batch, size - start);
      f64.set(keys.subarray(start, start + n), 0);
      f64.set(values.subarray(start, start + n), n);
      f64.set(lines.subarray(start, start + n), 2 * n);
      for (let from = 0; from < n;) {
        from = this.exports.merge(from, n, offset);
        if (from < 0) return false;
        if (from < n && !this.growCounts()) return false;
      }
    }
    return true;
  }

  /**
   * Makes room in the count table, keeping its groups: a dense table as wide as every column's
   * ids need (a hash table when that is too big), a hash table twice as big. False when the
   * hash table has its largest size already.
   */
  growCounts(): boolean {
    const { keys, values, lines, size } = this.counts();
    if (this.exports.dense.value === 1) {
      const ids = this.idCounts();
      const bits = DENSE_BITS.map((name, k) => Math.max(this.exports[name].value, bitsFor(ids[k] ?? 0)));
      // The table is full only when some id is too wide for its column (ids are counted before
      // the kernel or `put` meets them); should none be, a hash table does not depend on widths.
      const wider = bits.some((b, k) => b > this.exports[DENSE_BITS[k] ?? 'bitsR'].value);
      if (!wider || !this.setDense(bits)) {
        let slots = LAYOUT.HT_FIRST_SLOTS;
        // Room for every group and a batch (64) below three quarters full.
        while ((slots / 4) * 3 < size + 64 + 1) slots *= 2;
        if (slots > LAYOUT.HT_MAX_SLOTS) return false;
        this.setSlots(slots);
      }
    } else {
      const slots = this.exports.htMask.value + 1;
      if (slots * 2 > LAYOUT.HT_MAX_SLOTS) return false;
      this.setSlots(slots * 2);
    }
    for (let i = 0; i < size; i++) if (!this.put(keys[i] ?? 0, values[i] ?? 0, lines[i] ?? 0)) return false;
    return true;
  }

  /**
   * The groups of the count table in order of first line (the general path's order), sorted in
   * the kernel — sorting tens of thousands of groups once, in cold JavaScript, took about 10 ms —
   * in the count table's memory: the table is spent after this (its counter has its result).
   * `groups`: the table's groups when the caller has listed them already. Undefined when they are
   * too many to sort there.
   */
  countsByLine(groups: GroupArrays = this.counts()): GroupArrays | undefined {
    const { keys, values, lines, size } = groups;
    // 56 bytes a group from HT up to INDEX (about 900 000 groups); JavaScript sorts more. Lines are whole numbers from 0.
    if (LAYOUT.HT + 56 * size + 8192 > LAYOUT.INDEX) return undefined;
    const f64 = new Float64Array(this.exports.memory.buffer, LAYOUT.HT, 3 * size);
    f64.set(keys, 0);
    f64.set(values, size);
    f64.set(lines, 2 * size);
    const out = this.exports.sortByLine(size, LAYOUT.HT);
    const run = (k: number) => new Float64Array(this.exports.memory.buffer, out + 8 * k * size, size).slice();
    return { keys: run(0), values: run(1), lines: run(2), size };
  }

  /** The groups of the count table, in slot (or dense index) order. */
  counts(): GroupArrays {
    if (this.exports.dense.value === 1) return this.denseCounts();
    const slots = this.exports.htMask.value + 1;
    const size = this.exports.htUsed.value;
    const keys = new Float64Array(size);
    const values = new Float64Array(size);
    const lines = new Float64Array(size);
    const f64 = new Float64Array(this.exports.memory.buffer, LAYOUT.HT, slots * 2);
    const u32 = new Uint32Array(this.exports.memory.buffer, LAYOUT.HT, slots * 4);
    const firstLines = new Float64Array(this.exports.memory.buffer, LAYOUT.LINES, slots);
    let n = 0;
    for (let s = 0; s < slots && n < size; s++) {
      const lo = u32[s * 4] ?? 0;
      const hi = u32[s * 4 + 1] ?? 0;
      if (lo === 0 && hi === 0) continue;
      keys[n] = hi * 2 ** 32 + lo - 1;
      values[n] = f64[s * 2 + 1] ?? 0;
      lines[n] = firstLines[s] ?? 0;
      n++;
    }
    return { keys, values, lines, size: n };
  }

  /** The groups of the dense count table, in index order (listed by the kernel: a loop this long, run a few times, is slow in JavaScript). */
  private denseCounts(): GroupArrays {
    const e = this.exports;
    const entries = 2 ** (e.bitsR.value + e.bitsY.value + e.bitsM.value + e.bitsS.value + e.bitsA.value);
    const size = e.listDense(entries);
    const at = (run: number) => new Float64Array(e.memory.buffer, LAYOUT.HT + 8 * entries * (1 + run), size).slice();
    return { keys: at(0), values: at(1), lines: at(2), size };
  }

  /** An empty dense count table whose columns' ids have these bits (region, year, method, sex, age); false, and nothing changed, when they are too many. */
  private setDense(bits: readonly number[]): boolean {
    const total = bits.reduce((a, b) => a + b, 0);
    if (total > LAYOUT.DENSE_MAX_BITS) return false;
    this.bytes.fill(0, LAYOUT.HT, LAYOUT.HT + 2 ** total * 8);
    DENSE_BITS.forEach((name, k) => (this.exports[name].value = bits[k] ?? 0));
    this.exports.dense.value = 1;
    return true;
  }

  /** An empty hash count table of `slots` slots (a power of two), filled to three quarters at most. */
  private setSlots(slots: number): void {
    this.exports.dense.value = 0;
    this.bytes.fill(0, LAYOUT.HT, LAYOUT.HT + slots * LAYOUT.HT_SLOT_BYTES);
    this.exports.htMask.value = slots - 1;
    this.exports.htShift.value = BigInt(64 - Math.log2(slots));
    this.exports.htLimit.value = (slots / 4) * 3;
    this.exports.htUsed.value = 0;
  }

  /**
   * Gives the instance back for the next ScanKernel of this thread: called once its owner has
   * read all it needs from it, nothing of which may read the memory after (its views included).
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const list = idle.get(this.module) ?? [];
    idle.set(this.module, list);
    if (list.length < MAX_IDLE) list.push({ exports: this.exports, initial: this.initial });
  }

  /**
   * The transition and accept tables of column `k`, as views into the kernel's memory, and
   * `index`, which adds a spelling the automaton has learnt to the column's INDEX (emptied here)
   * for the SIMD path: bytes[start, end), a plain field or what is between a quoted one's quotes.
   */
  automatonStorage(k: number): { next: Int32Array; accept: Int32Array; index: (bytes: Uint8Array, start: number, end: number, id: number, quoted: boolean) => void } {
    const buffer = this.exports.memory.buffer;
    this.bytes.fill(0, LAYOUT.INDEX + k * LAYOUT.INDEX_COLUMN_BYTES, LAYOUT.INDEX + (k + 1) * LAYOUT.INDEX_COLUMN_BYTES);
    this.words[LAYOUT.INDEX_COUNT / 4 + k] = 0;
    return {
      next: new Int32Array(buffer, LAYOUT.NEXT + k * LAYOUT.MAX_STATES * 256 * 4, LAYOUT.MAX_STATES * 256),
      accept: new Int32Array(buffer, LAYOUT.ACC + k * LAYOUT.MAX_STATES * 4, LAYOUT.MAX_STATES),
      index: (bytes, start, end, id, quoted) => {
        if (end - start > LAYOUT.INDEX_MAX_BYTES) return;
        this.bytes.set(bytes.subarray(start, end), LAYOUT.SPELL);
        this.exports.index(k, LAYOUT.SPELL, end - start, quoted ? 1 : 0, id);
      },
    };
  }
}
