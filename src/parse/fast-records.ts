/* eslint-disable @typescript-eslint/no-non-null-assertion -- The scanner, its hash tables and automata read typed arrays and per-kind tuples at indices their loops and tables keep in range; each read types as number | undefined (noUncheckedIndexedAccess), and a `?? 0` would put a check on every byte and probe of the hot loop. */
import { isUtf8 } from 'node:buffer';
import { iconv } from './iconv.js';
import { KernelStop, LAYOUT, ScanKernel, type GroupArrays, type WasmModule } from './kernel.js';

/** Sex as the observations have it (the same union as the domain's `Sex`). */
type CountedSex = 'total' | 'women' | 'men';

/** One counted group: the shape of a domain `Observation`, declared here so parsing stays below the domain. */
export interface CountedGroup {
  region: string;
  year: number;
  method: string;
  sex: CountedSex;
  age: string;
  value: number;
  /** Line of the group's first row. */
  line: number;
}

/**
 * The hot path for big record-level files (one row per treatment, millions of rows): counts
 * rows per region, year, method, sex and age in one pass over the bytes, chunk by chunk, with
 * memory that does not grow with the file. It never builds a string or an object per row:
 * each needed field is hashed in place and looked up among the few distinct values seen so
 * far; only a new distinct value is decoded and interpreted (by the same functions the
 * general path uses).
 *
 * It handles clean input only. Anything the general path would treat specially — a blank
 * line, a short row, an unknown region, a byte that decoding would reject, bytes that are not
 * UTF-8 in a UTF-8 file — makes it give up (`fallback`) so the caller reruns the general path,
 * which then produces exactly its own result or error. So both paths always agree.
 */

/** Which columns to read and how to interpret their values; made by the general path from a sample. */
export interface FastPlan {
  delimiter: number;
  /** The file's line break as the general path's split detects it (the first one in the file, src/parse/csv.ts); rows must all end so. */
  lineEnd: 'lf' | 'crlf';
  encoding: 'utf-8' | 'windows-1252';
  /** 0-based indices; undefined when the file has no such column. */
  columns: { region: number; year?: number; method?: number; sex?: number; age?: number };
  defaultYear?: number;
  /** Method for a file without a method column ('' when none is given). */
  defaultMethod?: string;
  /** Physical line number of the first data row. */
  firstLine: number;
  /** Cells in the header: a row with more or fewer is left to the general path, which reports it. */
  width: number;
  /** A row longer than this may hold an over-long cell: left to the general path, which decides. */
  maxRowBytes: number;
  /** The compiled WebAssembly kernel (dist/scan.wasm), when available: the hot loop then runs there. */
  kernel?: WasmModule;
  /**
   * Aggregated tables: the columns that hold counts, in the general path's order, each with the
   * year (years as columns) or method (methods as columns) it stands for. Each row then gives
   * one group per value column instead of counting as one treatment. Absent for record files.
   */
  values?: { column: number; year?: number; method?: string }[];
  /** --sum-duplicates: a second row for the same group adds to the first instead of stopping. */
  sumDuplicates?: boolean;
  /** Aggregated tables: about how many groups to expect (from the file's size), so the tables are made big enough once. */
  expectedGroups?: number;
  /**
   * Interpretation of a distinct cell text; undefined means "not clean: fall back". Absent in a
   * counter that reads a part of a split file in a worker thread: it keeps each cell's text, and
   * the counter it is merged into interprets them ({@link RecordCounter.absorb}).
   */
  interpret?: {
    region(text: string): string | undefined;
    year(text: string): number | undefined;
    method(text: string): string | undefined;
    sex(text: string): CountedSex | undefined;
    age(text: string): string | undefined;
  };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const KINDS = ['region', 'year', 'method', 'sex', 'age'] as const;
type Kind = (typeof KINDS)[number];
/** Bits per value id in the combined key: up to 1023 distinct values per column; 5 × 10 bits < 2^53. */
const BITS = 10;
const MAX_IDS = (1 << BITS) - 1;

/**
 * The distinct byte strings of one column and their value ids, in an open-addressing hash
 * table over typed arrays (no object per lookup). Two spellings of one meaning share an id.
 */
class ValueTable {
  private static readonly SLOTS = 4096;
  /** At most half the slots hold entries, so probes stay short. */
  static readonly MAX_ENTRIES = 2048;
  private readonly slotHash = new Int32Array(ValueTable.SLOTS);
  private readonly slotEntry = new Int32Array(ValueTable.SLOTS).fill(-1);
  private readonly entryStart = new Int32Array(ValueTable.MAX_ENTRIES);
  private readonly entryLength = new Int32Array(ValueTable.MAX_ENTRIES);
  private readonly entryId = new Int32Array(ValueTable.MAX_ENTRIES);
  private entries = 0;
  private pool = new Uint8Array(1 << 14);
  private poolUsed = 0;
  readonly values: unknown[] = [];
  /** Ids by meaning: "Region Blekinge" and "10 Blekinge county" are different bytes, one region. */
  private readonly byValue = new Map<unknown, number>();

  /** The id of a meaning that no cell spells (a year or method taken from a header). */
  intern(value: unknown): number {
    let id = this.byValue.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.byValue.set(value, id);
    }
    return id;
  }

  /** The id of bytes[start, end) with this hash, or -1 if not seen yet. */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const mask = ValueTable.SLOTS - 1;
    const len = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = this.slotEntry[slot]!;
      if (e < 0) return -1;
      if (this.slotHash[slot] !== hash || this.entryLength[e] !== len) continue;
      const at = this.entryStart[e]!;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.pool[at + i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.entryId[e]!;
    }
  }

  /** Adds bytes[start, end) meaning `value`; its id, or -1 when the table is full. Copies the bytes: buf may be reused. */
  add(buf: Uint8Array, start: number, end: number, hash: number, value: unknown): number {
    if (this.entries >= ValueTable.MAX_ENTRIES) return -1;
    let id = this.byValue.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.byValue.set(value, id);
    }
    const len = end - start;
    if (this.poolUsed + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    const e = this.entries++;
    this.entryStart[e] = this.poolUsed;
    this.entryLength[e] = len;
    this.entryId[e] = id;
    this.poolUsed += len;
    const mask = ValueTable.SLOTS - 1;
    let slot = hash & mask;
    while (this.slotEntry[slot]! >= 0) slot = (slot + 1) & mask;
    this.slotHash[slot] = hash;
    this.slotEntry[slot] = e;
    return id;
  }
}

/** Counts per combined key, with the line each was first seen on: in JavaScript, or in the kernel's memory. */
interface GroupCounts {
  /** Adds `count` to `key`, first seen on `line`; false when there is no room for another group. */
  add(key: number, line: number, count?: number): boolean;
  /**
   * Adds a part's groups (in any order), each key's five ids mapped through `maps` and `offset`
   * added to its line; a group already here, or two of the part's that map to one, keep the
   * earliest line. False when an id maps to none or there is no room.
   */
  merge(part: GroupArrays, maps: readonly Int32Array[], offset: number): boolean;
  /** The groups in order of first line. */
  byLine(): GroupArrays;
  /** The groups in no particular order (a part merged elsewhere, which does not need the order). */
  unordered(): GroupArrays;
}

/** {@link GroupCounts.merge} one group at a time. */
function mergeEach(counts: GroupCounts, part: GroupArrays, maps: readonly Int32Array[], offset: number): boolean {
  const groups = new CountedGroups(part.keys, part.values, part.lines, part.size, EMPTY_DICTIONARIES);
  const ids = new Int32Array(5);
  const radix = MAX_IDS + 1;
  for (let i = 0; i < groups.size; i++) {
    groups.ids(i, ids);
    let key = 0;
    for (let k = 0; k < 5; k++) {
      const id = maps[k]?.[ids[k]!] ?? -1;
      if (id < 0) return false;
      key = key * radix + id;
    }
    if (!counts.add(key, part.lines[i]! + offset, groups.value(i))) return false;
  }
  return true;
}

/**
 * Groups sorted by first line (the general path's order). Each group's first line is its own
 * (one row, one group), so the order is a plain numeric sort of line × 2^bits + index: no
 * comparator, no object per group — while that stays below 2^53, where doubles are exact;
 * past it (lines beyond about 2^32 with a million groups) the indices are sorted by line.
 */
export function inLineOrder(keys: Float64Array, values: Float64Array, lines: Float64Array, size: number): GroupArrays {
  const radix = 2 ** Math.max(1, Math.ceil(Math.log2(size + 1)));
  let last = 0;
  for (let i = 0; i < size; i++) last = Math.max(last, lines[i] ?? 0);
  const order = new Float64Array(size);
  if (last * radix + size < 2 ** 53) {
    for (let i = 0; i < size; i++) order[i] = (lines[i] ?? 0) * radix + i;
    order.sort();
    for (let j = 0; j < size; j++) order[j] = (order[j] ?? 0) % radix;
  } else {
    const byLine = Array.from({ length: size }, (_, i) => i).sort((a, b) => (lines[a] ?? 0) - (lines[b] ?? 0));
    order.set(byLine);
  }
  const out: GroupArrays = { keys: new Float64Array(size), values: new Float64Array(size), lines: new Float64Array(size), size };
  for (let j = 0; j < size; j++) {
    const i = order[j] ?? 0;
    out.keys[j] = keys[i] ?? 0;
    out.values[j] = values[i] ?? 0;
    out.lines[j] = lines[i] ?? 0;
  }
  return out;
}

/** The kernel's count table (record files): the kernel counts its rows there, the JavaScript scanner the rest. */
class KernelCounts implements GroupCounts {
  /** `idCounts`: how many ids each column (region, year, method, sex, age) has given so far. */
  constructor(
    private readonly kernel: ScanKernel,
    idCounts: () => readonly number[],
  ) {
    kernel.countRows(idCounts);
  }

  add(key: number, line: number, count = 1): boolean {
    return this.kernel.put(key, count, line) || (this.kernel.growCounts() && this.kernel.put(key, count, line));
  }

  merge(part: GroupArrays, maps: readonly Int32Array[], offset: number): boolean {
    return this.kernel.merge(part.keys, part.values, part.lines, part.size, maps, offset);
  }

  /** The last thing asked of the table: it is sorted in the kernel's memory, which it spends. */
  byLine(): GroupArrays {
    // Listed once: sorted in the kernel, or in JavaScript when they are too many for its memory.
    const groups = this.kernel.counts();
    return this.kernel.countsByLine(groups) ?? inLineOrder(groups.keys, groups.values, groups.lines, groups.size);
  }

  unordered(): GroupArrays {
    return this.kernel.counts();
  }
}

/** Counts per combined key (an integer below 2^50) with the line each key was first seen on; open addressing, grows by doubling. */
class KeyCounter implements GroupCounts {
  private keys = new Float64Array(1 << 12).fill(-1);
  private counts = new Float64Array(1 << 12);
  private lines = new Float64Array(1 << 12);
  private used = 0;

  add(key: number, line: number, count = 1): boolean {
    let mask = this.keys.length - 1;
    let slot = KeyCounter.hash(key) & mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) {
        this.counts[slot]! += count;
        // A group keeps its earliest line, whatever order its rows are added in.
        if (line < this.lines[slot]!) this.lines[slot] = line;
        return true;
      }
      if (k < 0) break;
      slot = (slot + 1) & mask;
    }
    if ((this.used + 1) * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      slot = KeyCounter.hash(key) & mask;
      while (this.keys[slot]! >= 0) slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.counts[slot] = count;
    this.lines[slot] = line;
    this.used++;
    return true;
  }

  merge(part: GroupArrays, maps: readonly Int32Array[], offset: number): boolean {
    return mergeEach(this, part, maps, offset);
  }

  /** The keys, counts and first lines in order of first appearance, in typed arrays. */
  byLine(): GroupArrays {
    const { keys, values, lines, size } = this.unordered();
    return inLineOrder(keys, values, lines, size);
  }

  unordered(): GroupArrays {
    const keys = new Float64Array(this.used);
    const values = new Float64Array(this.used);
    const lines = new Float64Array(this.used);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i] ?? -1;
      if (key < 0) continue;
      keys[n] = key;
      values[n] = this.counts[i] ?? 0;
      lines[n] = this.lines[i] ?? 0;
      n++;
    }
    return { keys, values, lines, size: n };
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldLines = this.lines;
    const size = oldKeys.length * 2;
    this.keys = new Float64Array(size).fill(-1);
    this.counts = new Float64Array(size);
    this.lines = new Float64Array(size);
    const mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      if (key < 0) continue;
      let slot = KeyCounter.hash(key) & mask;
      while (this.keys[slot]! >= 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.counts[slot] = oldCounts[i]!;
      this.lines[slot] = oldLines[i]!;
    }
  }

  private static hash(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
  }
}

/**
 * The groups of an aggregated table and their counts in order of first appearance (the
 * general path's order), keyed by the combined id key in an open-addressing table over typed
 * arrays: no object per row.
 */
class GroupSums {
  private slots: Int32Array;
  keys: Float64Array;
  sums: Float64Array;
  lines: Float64Array;
  size = 0;

  /** Room for `expected` groups from the start (at least 2^15): growing copies and rehashes every group. */
  constructor(expected = 0) {
    let capacity = 1 << 15;
    while (capacity < expected && capacity < 1 << 24) capacity *= 2;
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.keys = new Float64Array(capacity);
    this.sums = new Float64Array(capacity);
    this.lines = new Float64Array(capacity);
  }

  /** Adds `value` to the group `key` first seen on `line`; false when the group was there already and `sum` is off. */
  add(key: number, value: number, line: number, sum: boolean): boolean {
    const mask = this.slots.length - 1;
    let slot = keyHash(key) & mask;
    for (;;) {
      const e = this.slots[slot]!;
      if (e < 0) break;
      if (this.keys[e] === key) {
        if (!sum) return false;
        this.sums[e]! += value;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === this.keys.length) {
      this.keys = grown(this.keys);
      this.sums = grown(this.sums);
      this.lines = grown(this.lines);
    }
    const e = this.size++;
    this.keys[e] = key;
    this.sums[e] = value;
    this.lines[e] = line;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = e;
    return true;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let slot = keyHash(this.keys[e]!) & mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = e;
    }
  }
}

function grown(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

function keyHash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}

/** Longest run of digits read as a count: 15 digits stay below 2^53, so every one is exact. */
const MAX_DIGITS = 15;

/**
 * A byte automaton over the known values of one column. Walking a field's bytes from state 0
 * ends, at the field's terminating byte, in a state that names the value's id — one table
 * load per byte, with no hash and no comparison. Bytes that end a field (delimiter, quote,
 * line breaks, control characters) lead to END from every state; an unseen byte sequence
 * leads to UNKNOWN and the field takes the hashing path, which then teaches the automaton.
 */
class FieldAutomaton {
  static readonly MAX_STATES = 4096;
  static readonly UNKNOWN = -1;
  static readonly END = -2;
  next: Int32Array;
  accept: Int32Array;
  private states = 0;
  enabled = true;
  /** A new state's transitions: every terminator to END, every other byte to UNKNOWN (copied, not built byte by byte). */
  private readonly freshRow = new Int32Array(256);

  /** With `storage` (the kernel's memory) the tables have their full size and never move. */
  constructor(
    private readonly terminators: Uint8Array,
    private readonly storage?: { next: Int32Array; accept: Int32Array; index?: (bytes: Uint8Array, start: number, end: number, id: number, quoted: boolean) => void },
  ) {
    this.next = storage?.next ?? new Int32Array(64 * 256);
    this.accept = storage?.accept ?? new Int32Array(64).fill(-1);
    for (let b = 0; b < 256; b++) this.freshRow[b] = this.terminators[b] ? FieldAutomaton.END : FieldAutomaton.UNKNOWN;
    this.newState();
  }

  private newState(): number {
    const st = this.states++;
    if (!this.storage && st * 256 >= this.next.length) {
      const bigger = new Int32Array(this.next.length * 2);
      bigger.set(this.next);
      this.next = bigger;
      const acc = new Int32Array(this.accept.length * 2).fill(-1);
      acc.set(this.accept);
      this.accept = acc;
    }
    this.next.set(this.freshRow, st * 256);
    this.accept[st] = -1;
    return st;
  }

  /** Teaches the automaton that bytes[start, end) (no terminator among them) mean `id`. */
  insert(bytes: Uint8Array, start: number, end: number, id: number): void {
    if (!this.enabled) return;
    let st = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (this.terminators[b]) return;
      let nx = this.next[(st << 8) | b]!;
      if (nx === FieldAutomaton.UNKNOWN) {
        if (this.states >= FieldAutomaton.MAX_STATES) {
          // Too many distinct values for a small table: this column keeps hashing.
          this.enabled = false;
          return;
        }
        nx = this.newState();
        this.next[(st << 8) | b] = nx;
      }
      st = nx;
    }
    this.accept[st] = id;
    // The kernel's SIMD path looks plain spellings up by their bytes: the same ids, the same spellings.
    this.storage?.index?.(bytes, start, end, id, false);
  }

  /**
   * Teaches the automaton a quoted spelling, bytes[start, end) = `"…"` with no terminator (no
   * quote, delimiter or line break) inside: the quotes become transitions of their own, so a
   * quoted known value is recognised as fast as a bare one. After the closing quote another
   * quote is not an end (`"a""` is an escaped quote, left to the scanner).
   */
  insertQuoted(bytes: Uint8Array, start: number, end: number, id: number): void {
    if (!this.enabled || end - start < 2 || bytes[start] !== QUOTE || bytes[end - 1] !== QUOTE) return;
    for (let i = start + 1; i < end - 1; i++) if (this.terminators[bytes[i]!]) return;
    let st = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      let nx = this.next[(st << 8) | b]!;
      if (nx < 0) {
        if (this.states >= FieldAutomaton.MAX_STATES) {
          this.enabled = false;
          return;
        }
        nx = this.newState();
        this.next[(st << 8) | b] = nx;
      }
      st = nx;
    }
    this.next[(st << 8) | QUOTE] = FieldAutomaton.UNKNOWN;
    this.accept[st] = id;
    // The kernel's SIMD path looks a quoted field up by what is between its quotes.
    this.storage?.index?.(bytes, start + 1, end - 1, id, true);
  }
}

/** The distinct values of each kind, indexed by value id. */
export interface Dictionaries {
  region: readonly string[];
  year: readonly number[];
  method: readonly string[];
  sex: readonly CountedSex[];
  age: readonly string[];
}

const LOW = 2 ** (2 * BITS);

const EMPTY_DICTIONARIES: Dictionaries = { region: [], year: [], method: [], sex: [], age: [] };

/**
 * The counted groups in order of first appearance (the general path's order), kept as typed
 * arrays of combined keys, values and first lines — no object per group. A caller makes
 * objects only for the groups it keeps, or walks them all through one reused object.
 * A combined key is five 10-bit ids, region highest (split in two so bit operations stay in 32 bits).
 */
export class CountedGroups implements Iterable<CountedGroup> {
  constructor(
    private readonly keys: Float64Array,
    private readonly values: Float64Array,
    private readonly lines: Float64Array,
    readonly size: number,
    readonly dictionaries: Dictionaries,
  ) {}

  /** The year's id of group i (an index into dictionaries.year). */
  yearId(i: number): number {
    return (Math.floor(this.keys[i]! / LOW) >>> BITS) & MAX_IDS;
  }

  /** The method's id of group i (an index into dictionaries.method). */
  methodId(i: number): number {
    return Math.floor(this.keys[i]! / LOW) & MAX_IDS;
  }

  /** The five value ids of group i (region, year, method, sex, age) into `into` from index `at`. */
  ids(i: number, into: Int32Array, at = 0): void {
    const key = this.keys[i]!;
    const high = Math.floor(key / LOW);
    const low = key - high * LOW;
    into[at] = high >>> (2 * BITS);
    into[at + 1] = (high >>> BITS) & MAX_IDS;
    into[at + 2] = high & MAX_IDS;
    into[at + 3] = low >>> BITS;
    into[at + 4] = low & MAX_IDS;
  }

  /** The count of group i. */
  value(i: number): number {
    return this.values[i]!;
  }

  /** Group i written into `into` (returned). */
  read(i: number, into: CountedGroup): CountedGroup {
    const key = this.keys[i]!;
    const high = Math.floor(key / LOW);
    const low = key - high * LOW;
    const d = this.dictionaries;
    into.region = d.region[high >>> (2 * BITS)]!;
    into.year = d.year[(high >>> BITS) & MAX_IDS]!;
    into.method = d.method[high & MAX_IDS]!;
    into.sex = d.sex[low >>> BITS]!;
    into.age = d.age[low & MAX_IDS]!;
    into.value = this.values[i]!;
    into.line = this.lines[i]!;
    return into;
  }

  /** Group i as a new object. */
  at(i: number): CountedGroup {
    return this.read(i, { region: '', year: 0, method: '', sex: 'total', age: '', value: 0, line: 0 });
  }

  /** Every group in order, each written into one reused object: copy what you keep. */
  [Symbol.iterator](): Iterator<CountedGroup> {
    let i = 0;
    const into: CountedGroup = { region: '', year: 0, method: '', sex: 'total', age: '', value: 0, line: 0 };
    const step: IteratorResult<CountedGroup> = { done: false, value: into };
    const done: IteratorResult<CountedGroup> = { done: true, value: undefined };
    return {
      next: () => {
        if (i >= this.size) return done;
        this.read(i++, into);
        return step;
      },
    };
  }
}

export type FastResult = { ok: true; groups: CountedGroups; rowsRead: number } | { ok: false; reason: string; line: number };

/** A cell's text kept uninterpreted by a counter without `interpret` (one object per text, so one id). */
class Spelling {
  constructor(readonly text: string) {}
}

/** One distinct value of a part's column: a cell's text, to be interpreted, or a default the plan gave (no cell spells it). */
export type PartValue = { text: string } | { value: unknown };

/**
 * The counts of the rows after a split, made in a worker thread by a counter without
 * `interpret`: plain data and typed arrays, so that it crosses to the main thread as it is.
 * Lines count from 0, the part's first line; the groups come in no particular order.
 */
export interface CountedPart {
  rowsRead: number;
  /** Physical lines the part spans (a quoted line break included). */
  lines: number;
  keys: Float64Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
  firstLines: Float64Array<ArrayBuffer>;
  size: number;
  /** Per kind, by value id. */
  distinct: Record<Kind, PartValue[]>;
}

/** A plan without its interpreters, for a counter in a worker thread (functions do not cross threads). */
export function uninterpreted(plan: FastPlan): Omit<FastPlan, 'interpret'> {
  const copy = { ...plan };
  delete copy.interpret;
  return copy;
}

export type PartResult = { ok: true; part: CountedPart } | { ok: false; reason: string; line: number };

export class RecordCounter {
  private readonly tables: Record<Kind, ValueTable> = { region: new ValueTable(), year: new ValueTable(), method: new ValueTable(), sex: new ValueTable(), age: new ValueTable() };
  /** Field index → which kind it is (or -1), for the needed columns. */
  private readonly kindOfField: Int8Array;
  private readonly maxField: number;
  private readonly counts: GroupCounts;
  /** Per kind (region, year, method, sex, age): its table, and whether the file has that column. */
  private readonly tableList: ValueTable[];
  /** Bytes the row scanner must look at: the delimiter, quote, CR, LF and control characters the decoder rejects. */
  private readonly special = new Uint8Array(256);
  private readonly present: Uint8Array;
  private leftover: Uint8Array = new Uint8Array(0);
  private work = new Uint8Array(0);
  private line: number;
  private rows = 0;
  private failure: { reason: string; line: number } | undefined;
  private readonly decoder: (b: Uint8Array) => string;
  // Per-row scratch: start/end/hash of each needed field.
  private readonly starts = new Int32Array(5);
  private readonly ends = new Int32Array(5);
  private readonly quoted = new Uint8Array(5);
  /** Per kind: the id the automaton found for this row's field, or -1 (take the hashing path). */
  private readonly ids = new Int32Array(5);
  private readonly automata: (FieldAutomaton | undefined)[];
  private kernel: ScanKernel | undefined;
  /** Its result was read: the kernel instance was given back (see {@link finish}). */
  private finished = false;
  /** The kernel's memory as f64s, for the counts in its OUT records. */
  private outValues: Float64Array | undefined;
  private readonly defaults: number[] = [0, 0, 0, 0, 0];
  private readonly needed: number;
  /** Aggregated tables: field index → value column (or -1); per value column its cell's bounds and the year/method id it fixes (or -1). */
  private readonly valueOfField: Int16Array;
  private readonly valueStarts: Int32Array;
  private readonly valueEnds: Int32Array;
  private readonly valueYear: Int32Array;
  private readonly valueMethod: Int32Array;
  private readonly groups: GroupSums | undefined;
  private readonly rowIds = new Int32Array(5);
  private readonly spellings: Record<Kind, Map<string, Spelling>> = { region: new Map(), year: new Map(), method: new Map(), sex: new Map(), age: new Map() };

  constructor(private readonly plan: FastPlan) {
    this.line = plan.firstLine;
    const values = plan.values ?? [];
    const max = Math.max(...KINDS.map((k) => plan.columns[k] ?? -1), ...values.map((v) => v.column));
    this.maxField = max;
    this.needed = KINDS.filter((k) => plan.columns[k] !== undefined).length + values.length;
    this.valueOfField = new Int16Array(max + 1).fill(-1);
    values.forEach((v, i) => (this.valueOfField[v.column] = i));
    this.valueStarts = new Int32Array(values.length);
    this.valueEnds = new Int32Array(values.length);
    this.groups = values.length ? new GroupSums(plan.expectedGroups) : undefined;
    this.tableList = KINDS.map((k) => this.tables[k]);
    for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0c) this.special[b] = 1;
    this.special[0x7f] = 1;
    this.special[QUOTE] = 1;
    this.special[plan.delimiter] = 1;
    this.present = Uint8Array.from(KINDS.map((k) => (plan.columns[k] !== undefined ? 1 : 0)));
    this.kindOfField = new Int8Array(max + 1).fill(-1);
    KINDS.forEach((k, i) => {
      const col = plan.columns[k];
      if (col !== undefined) this.kindOfField[col] = i;
    });
    // The kernel reads the ids of each row and, in an aggregated table, its counts (plain digits).
    const kernel =
      plan.kernel && max < LAYOUT.MAX_FIELDS
        ? new ScanKernel(plan.kernel, {
            delimiter: plan.delimiter,
            crlf: plan.lineEnd === 'crlf',
            maxField: max,
            needed: this.needed,
            width: plan.width,
            valueColumns: values.length,
            maxRowBytes: plan.maxRowBytes,
          })
        : undefined;
    this.automata = KINDS.map((k, i) => (plan.columns[k] !== undefined ? new FieldAutomaton(this.special, kernel?.automatonStorage(i)) : undefined));
    if (kernel) {
      kernel.bytes.fill(-1 & 0xff, LAYOUT.KIND, LAYOUT.KIND + LAYOUT.MAX_FIELDS);
      for (let f = 0; f <= max; f++) {
        const v = this.valueOfField[f]!;
        kernel.bytes[LAYOUT.KIND + f] = (v >= 0 ? LAYOUT.VALUE_KIND : this.kindOfField[f]!) & 0xff;
        kernel.bytes[LAYOUT.VIDX + f] = v >= 0 ? v : 0;
      }
      kernel.bytes.set(this.special, LAYOUT.SKIP);
      this.kernel = kernel;
      this.outValues = new Float64Array(kernel.words.buffer);
    }
    // A record file's rows are counted by the kernel, in its memory, when there is one.
    this.counts = kernel && !this.groups ? new KernelCounts(kernel, () => this.tableList.map((t) => t.values.length)) : new KeyCounter();
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    this.decoder = plan.encoding === 'utf-8' ? (b) => utf8.decode(b) : (b) => iconv().decode(Buffer.from(b), 'windows-1252');
    // Columns the file lacks get the general path's defaults: the --year, no method, total, all ages.
    this.defaults[1] = this.tables.year.add(new Uint8Array(0), 0, 0, -1, plan.defaultYear);
    this.defaults[2] = this.tables.method.add(new Uint8Array(0), 0, 0, -1, plan.defaultMethod ?? '');
    this.defaults[3] = this.tables.sex.add(new Uint8Array(0), 0, 0, -1, 'total');
    this.defaults[4] = this.tables.age.add(new Uint8Array(0), 0, 0, -1, 'all');
    this.valueYear = Int32Array.from(values, (v) => (v.year !== undefined ? this.tables.year.intern(v.year) : -1));
    this.valueMethod = Int32Array.from(values, (v) => (v.method !== undefined ? this.tables.method.intern(v.method) : -1));
    // The kernel copies all five ids of a row; columns the file lacks keep their defaults.
    if (this.kernel) for (let k = 0; k < 5; k++) if (this.present[k] === 0) this.kernel.words[LAYOUT.ROWIDS / 4 + k] = this.defaults[k]!;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Feeds the next chunk of the file (after the header). `last` flushes a final row without a line break. */
  push(chunk: Uint8Array, last = false): void {
    this.notFinished();
    if (this.failure) return;
    // Always a plain Uint8Array (a Buffer is a subclass): one element kind keeps the scanner monomorphic.
    let buf = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const kernel = this.kernel;
    const whole = this.leftover.length + buf.length;
    if (kernel && whole <= LAYOUT.IN_CAPACITY) {
      // Straight into the kernel's input, the unfinished row in front: the bytes are copied once,
      // and the JavaScript path reads the same bytes there.
      kernel.bytes.set(this.leftover, LAYOUT.IN);
      kernel.bytes.set(buf, LAYOUT.IN + this.leftover.length);
      buf = kernel.bytes.subarray(LAYOUT.IN, LAYOUT.IN + whole);
    } else if (this.leftover.length) {
      // The unfinished row goes in front of the new chunk, in one work buffer reused across chunks.
      const need = this.leftover.length + buf.length;
      if (this.work.length < need) this.work = new Uint8Array(Math.max(need, this.work.length * 2));
      this.work.set(this.leftover, 0);
      this.work.set(buf, this.leftover.length);
      buf = this.work.subarray(0, need);
    }
    const end = last ? buf.length : lastRowEnd(buf);
    // An unfinished row longer than any cell may be (a file without line breaks) stops here, not in memory.
    if (buf.length - end > this.plan.maxRowBytes) {
      this.fail('row longer than any cell may be', this.line);
      return;
    }
    if (end > 0 && !this.clean(buf, end)) return;
    const consumed = this.scan(buf, end, last);
    this.leftover = consumed < buf.length ? copyOf(buf, consumed, buf.length) : new Uint8Array(0);
  }

  /**
   * True when the bytes pushed so far end inside a row: a quoted field's line break, at the
   * point where a file was split, makes the rest of the row the next part's first "row".
   */
  get midRow(): boolean {
    return this.leftover.length > 0;
  }

  /**
   * The counts of a counter without `interpret` (a part of a split file, counted in a worker),
   * flushed as {@link result} does, as plain data for the counter of the part before it.
   */
  part(): PartResult {
    this.notFinished();
    try {
      return this.partOnce();
    } finally {
      this.finish();
    }
  }

  private partOnce(): PartResult {
    if (this.leftover.length && !this.failure) this.push(new Uint8Array(0), true);
    if (this.failure) return { ok: false, ...this.failure };
    // In no order: the counter it is merged into orders the groups once, with its own.
    const { keys, values, lines, size } = this.counts.unordered();
    const distinct = (kind: Kind): PartValue[] => this.tables[kind].values.map((v) => (v instanceof Spelling ? { text: v.text } : { value: v }));
    const part: CountedPart = {
      rowsRead: this.rows,
      lines: this.line - this.plan.firstLine,
      keys,
      values,
      firstLines: lines,
      size,
      distinct: { region: distinct('region'), year: distinct('year'), method: distinct('method'), sex: distinct('sex'), age: distinct('age') },
    };
    return { ok: true, part };
  }

  /**
   * Adds the counts of the part that follows the bytes pushed here (read from the line after
   * the last one pushed, to the end of the file): its texts interpreted as this counter would
   * have, its lines moved after this part's, a group seen in both keeping this part's first
   * line. False, with a failure, when this counter failed or stopped inside a row (the split
   * was not at a row's start), or a text of the part is not clean: the caller then reads the
   * file in one piece, which decides.
   */
  absorb(part: CountedPart): boolean {
    this.notFinished();
    if (this.failure) return false;
    if (this.leftover.length) return this.fail('a quoted line break where the file was split', this.line);
    if (this.groups) return this.fail('an aggregated table is read in one piece', this.line);
    const offset = this.line;
    const maps: Int32Array[] = [];
    for (const [k, kind] of KINDS.entries()) {
      const map = new Int32Array(part.distinct[kind].length);
      for (const [i, d] of part.distinct[kind].entries()) {
        const value = 'text' in d ? this.interpret(kind, d.text) : d.value;
        if ('text' in d && value === undefined) return this.fail(`${kind} "${d.text}" is not clean`, offset);
        const id = this.tables[kind].intern(value);
        if (id > MAX_IDS) return this.fail('too many distinct values', offset);
        map[i] = id;
      }
      maps[k] = map;
    }
    // A group that two of the part's spellings make one keeps the earlier line (merge takes the earliest).
    if (!this.counts.merge({ keys: part.keys, values: part.values, lines: part.firstLines, size: part.size }, maps, offset)) return this.fail('too many groups', offset);
    this.rows += part.rowsRead;
    this.line += part.lines;
    return true;
  }

  result(): FastResult {
    this.notFinished();
    try {
      return this.resultOnce();
    } finally {
      this.finish();
    }
  }

  /**
   * After its result (result or part: each is asked once) a counter is done: its
   * kernel instance goes to the next counter, so nothing here may read or write it again.
   */
  private finish(): void {
    this.finished = true;
    this.kernel?.release();
    this.kernel = undefined;
    this.outValues = undefined;
  }

  /** Throws once the counter is done: its kernel's memory may be another counter's by now. */
  private notFinished(): void {
    if (this.finished) throw new Error('a RecordCounter is read once (result or part) and is done then');
  }

  private resultOnce(): FastResult {
    if (!this.failure && this.leftover.length) this.push(new Uint8Array(0), true);
    const failure = this.failureSoFar();
    if (failure) return { ok: false, ...failure };
    const dictionaries = dictionariesOf(this.tableList.map((t) => t.values));
    const groups = this.groups;
    if (groups) return { ok: true, groups: new CountedGroups(groups.keys, groups.sums, groups.lines, groups.size, dictionaries), rowsRead: this.rows };
    // The general path lists observations in order of first appearance.
    const { keys, values, lines, size } = this.counts.byLine();
    return { ok: true, groups: new CountedGroups(keys, values, lines, size, dictionaries), rowsRead: this.rows };
  }

  /** The failure, read afresh (TypeScript keeps `this.failure` narrowed across the calls that set it). */
  private failureSoFar(): { reason: string; line: number } | undefined {
    return this.failure;
  }

  private fail(reason: string, line: number): false {
    this.failure = { reason, line };
    return false;
  }

  /** Bytes the general path's decoder would reject, or a UTF-8 file that is not UTF-8 throughout. */
  private clean(buf: Uint8Array, end: number): boolean {
    // A row's length is checked where it ends: by the kernel, or by scanJs.
    const part = buf.subarray(0, end);

    if (this.plan.encoding === 'utf-8') {
      if (!isUtf8(part)) return this.fail('not UTF-8 throughout', this.line);
      if (Buffer.from(part.buffer, part.byteOffset, part.byteLength).indexOf('\ufffd') >= 0) return this.fail('replacement character', this.line);
    } else {
      // Buffer's indexOf searches with memchr; a Uint8Array's compares byte by byte, slower than the scan itself.
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) if (bytes.indexOf(b) >= 0) return this.fail('byte undefined in windows-1252', this.line);
    }
    return true;
  }

  /** Counts every complete row in buf[0, end); returns how many bytes were consumed. */
  private scan(buf: Uint8Array, end: number, last: boolean): number {
    const kernel = this.kernel;
    if (!kernel || end > LAYOUT.IN_CAPACITY) return this.scanJs(buf, 0, end, last);
    if (buf.buffer !== kernel.bytes.buffer || buf.byteOffset !== LAYOUT.IN) kernel.bytes.set(buf.subarray(0, end), LAYOUT.IN);
    let pos = 0;
    while (pos < end) {
      const r = kernel.scan(pos, end, this.line);
      this.countKernelRows(r.rows);
      if (this.failure) return r.pos;
      pos = r.pos;
      if (r.stop === KernelStop.OutFull) continue;
      if (r.stop === KernelStop.CountsFull) {
        if (kernel.growCounts()) continue;
        this.fail('too many groups', this.line);
        return pos;
      }
      if (r.stop === KernelStop.End && (pos >= end || !last)) return pos;
      // One row the kernel cannot decide (or the last, unfinished one): the JavaScript path.
      const next = this.scanJs(buf, pos, end, last, 1);
      if (this.failed || next === pos) return next;
      pos = next;
    }
    return pos;
  }

  /** Takes in the rows the kernel read: counted in its table (record files) or, an aggregated table's, written to OUT. Each is one physical line. */
  private countKernelRows(rows: number): void {
    if (this.groups) {
      this.addKernelGroups(rows);
      return;
    }
    this.line += rows;
    this.rows += rows;
  }

  /** Adds the groups of the aggregated rows the kernel wrote to OUT: each row's ids, then its counts. */
  private addKernelGroups(rows: number): void {
    const words = this.kernel!.words;
    const counts = this.outValues!;
    const stride = this.kernel!.stride;
    const groups = this.groups!;
    const radix = MAX_IDS + 1;
    const sum = this.plan.sumDuplicates === true;
    const valueYear = this.valueYear;
    const valueMethod = this.valueMethod;
    for (let r = 0; r < rows; r++) {
      const w = (LAYOUT.OUT + r * stride) >> 2;
      const c = (LAYOUT.OUT + r * stride + LAYOUT.OUT_VALUES) >> 3;
      const line = this.line++;
      for (let v = 0; v < valueYear.length; v++) {
        const year = valueYear[v]! >= 0 ? valueYear[v]! : words[w + 1]!;
        const method = valueMethod[v]! >= 0 ? valueMethod[v]! : words[w + 2]!;
        const key = (((words[w]! * radix + year) * radix + method) * radix + words[w + 3]!) * radix + words[w + 4]!;
        if (!groups.add(key, counts[c + v]!, line, sum)) {
          this.fail('a second row for one group', line);
          return;
        }
      }
      this.rows++;
    }
  }

  /** The JavaScript scanner: rows in buf[from, end), at most `maxRows` of them; returns where it stopped. */
  private scanJs(buf: Uint8Array, from: number, end: number, last: boolean, maxRows = Infinity): number {
    const delim = this.plan.delimiter;
    const kindOfField = this.kindOfField;
    const maxField = this.maxField;
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    const special = this.special;
    const ids = this.ids;
    const automata = this.automata;
    const valueOfField = this.valueOfField;
    let i = from;
    let rowStart = from;
    let done = 0;
    while (i < end && done < maxRows) {
      // One row. Quoted line breaks advance this.line; an incomplete row restores it.
      const rowLine = this.line;
      const rowBegin = i;
      let field = 0;
      let fieldStart = i;
      let seen = 0;
      let inQuotes = false;
      let hasQuote = false;
      let sawQuote = false;
      let atFieldStart = true;
      let pendingId = -1;
      for (;;) {
        if (atFieldStart) {
          atFieldStart = false;
          pendingId = -1;
          const k = field <= maxField ? kindOfField[field]! : -1;
          const automaton = k >= 0 ? automata[k] : undefined;
          if (automaton?.enabled) {
            // Known values: one table load per byte walks to the value's id.
            const next = automaton.next;
            let st = 0;
            let nx = 0;
            while (i < end) {
              nx = next[(st << 8) | buf[i]!]!;
              if (nx < 0) break;
              st = nx;
              i++;
            }
            if (i < end && nx === FieldAutomaton.END) pendingId = automaton.accept[st]!;
            // A quoted field the automaton did not recognise to its end is scanned again from
            // its opening quote, so that the quotes are tracked below.
            if (buf[fieldStart] === QUOTE && i > fieldStart && pendingId < 0) i = fieldStart;
          }
        }
        // Most bytes are ordinary: skip them with one table lookup each.
        if (!inQuotes) while (i < end && special[buf[i]!] === 0) i++;
        if (i >= end) {
          if (!last) {
            this.line = rowLine;
            return rowStart;
          }
          // The file's last row without a line break: its last field ends here.
          if (!inQuotes && i > fieldStart && field <= maxField) {
            const k = kindOfField[field]!;
            const v = k < 0 ? valueOfField[field]! : -1;
            if (i - fieldStart > this.plan.maxRowBytes) {
              this.fail('cell longer than any cell may be', rowLine);
              return rowStart;
            }
            if (k >= 0) {
              starts[k] = fieldStart;
              ends[k] = i;
              quoted[k] = hasQuote ? 1 : 0;
              ids[k] = -1;
              seen++;
            } else if (v >= 0) {
              this.valueStarts[v] = fieldStart;
              this.valueEnds[v] = i;
              seen++;
            }
          }
          break;
        }
        const b = buf[i]!;
        if (inQuotes) {
          if (b === QUOTE) {
            if (buf[i + 1] === QUOTE) i++;
            else {
              inQuotes = false;
              // A closing quote must end the field: the general path keeps text after it, with both quotes, as the field's text; left to it.
              const next = buf[i + 1];
              if (next !== undefined && next !== delim && next !== LF && next !== CR) {
                this.fail('text after a closing quote', rowLine);
                return rowStart;
              }
            }
          } else if (b === LF) this.line++;
          else if (special[b] === 1 && b !== delim && b !== CR) {
            // The decoder rejects a control character in quotes as anywhere else.
            this.fail('control character', this.line);
            return rowStart;
          }
          i++;
          continue;
        }
        if (b === delim || b === LF || (b === CR && buf[i + 1] === LF) || (b === CR && i + 1 >= end && last)) {
          // A quoted cell may span lines: its length is checked here, the lines' in clean().
          if (i - fieldStart > this.plan.maxRowBytes) {
            this.fail('cell longer than any cell may be', rowLine);
            return rowStart;
          }
          if (field <= maxField) {
            const k = kindOfField[field]!;
            if (k >= 0) {
              starts[k] = fieldStart;
              ends[k] = i;
              quoted[k] = hasQuote ? 1 : 0;
              ids[k] = sawQuote ? -1 : pendingId;
              seen++;
            } else {
              const v = valueOfField[field]!;
              if (v >= 0) {
                // A quoted count is left to the general path (countRow sees the quote byte).
                this.valueStarts[v] = fieldStart;
                this.valueEnds[v] = i;
                seen++;
              }
            }
          }
          if (b === delim) {
            field++;
            i++;
            fieldStart = i;
            hasQuote = false;
            sawQuote = false;
            atFieldStart = true;
            continue;
          }
          break;
        }
        // A lone CR counts as a line break for the general path's line numbers: hand over.
        if (b === CR) {
          this.fail('lone CR', this.line);
          return rowStart;
        }
        if (b === QUOTE) {
          // A quote anywhere keeps the automaton out of this field: the hashing path decides.
          sawQuote = true;
          if (i === fieldStart) {
            inQuotes = true;
            hasQuote = true;
          }
          i++;
          continue;
        }
        this.fail('control character', this.line);
        return rowStart;
      }
      // The length clean() does not check: a row that may hold an over-long cell is the general path's.
      if (i - rowBegin > this.plan.maxRowBytes) {
        this.fail('row longer than any cell may be', rowLine);
        return rowStart;
      }
      const blank = field === 0 && i === rowBegin;
      // Step over the line break, which must be the file's own kind (else the general path reads it as data).
      const crlf = i < end && buf[i] === CR;
      if (crlf) i++;
      if (i < end && buf[i] === LF) {
        i++;
        if (crlf !== (this.plan.lineEnd === 'crlf')) {
          this.fail('mixed line ends', rowLine);
          return rowStart;
        }
      }
      this.line++;
      if (blank) {
        if (i >= end && last) return i;
        this.fail('blank line', rowLine);
        return rowStart;
      }
      if (inQuotes) {
        this.fail('quote not closed', rowLine);
        return rowStart;
      }
      if (field + 1 !== this.plan.width) {
        this.fail('row width differs from the header', rowLine);
        return rowStart;
      }
      if (seen < this.needed) {
        this.fail('short row', rowLine);
        return rowStart;
      }
      if (!this.countRow(buf, rowLine)) return rowStart;
      this.rows++;
      done++;
      rowStart = i;
    }
    return rowStart;
  }

  private countRow(buf: Uint8Array, line: number): boolean {
    let key = 0;
    const rowIds = this.rowIds;
    for (let k = 0; k < 5; k++) {
      let id: number;
      if (this.present[k] === 0) id = this.defaults[k]!;
      else if (this.ids[k]! >= 0) id = this.ids[k]!;
      else {
        const s = this.starts[k]!;
        const e = this.ends[k]!;
        let h = 0x811c9dc5;
        for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
        const table = this.tableList[k]!;
        id = table.find(buf, s, e, h);
        if (id < 0) {
          id = this.learn(table, KINDS[k]!, buf, s, e, h, this.quoted[k] === 1, line);
          if (id < 0) return false;
        }
        // Teach the automaton these bytes; insert() skips any with a quote or other terminator,
        // insertQuoted() a quoted spelling with one inside.
        if (this.quoted[k] === 0) this.automata[k]!.insert(buf, s, e, id);
        else this.automata[k]!.insertQuoted(buf, s, e, id);
      }
      rowIds[k] = id;
      key = key * (MAX_IDS + 1) + id;
    }
    if (this.groups) return this.addGroups(buf, line);
    return this.counts.add(key, line) || this.fail('too many groups', line);
  }

  /**
   * One row of an aggregated table: each value column's count, parsed from its bytes, for the
   * row's group (with the year or method the column stands for). Only plain digits are read
   * here; anything else (a missing-value marker, a space, a decimal, a sign) and a group seen
   * before (unless summed) go to the general path, which decides.
   */
  private addGroups(buf: Uint8Array, line: number): boolean {
    const ids = this.rowIds;
    const radix = MAX_IDS + 1;
    const sum = this.plan.sumDuplicates === true;
    for (let v = 0; v < this.valueStarts.length; v++) {
      const s = this.valueStarts[v]!;
      const e = this.valueEnds[v]!;
      if (e <= s || e - s > MAX_DIGITS) return this.fail('count is not plain digits', line);
      let n = 0;
      for (let j = s; j < e; j++) {
        const d = buf[j]! - 0x30;
        if (d < 0 || d > 9) return this.fail('count is not plain digits', line);
        n = n * 10 + d;
      }
      const year = this.valueYear[v]! >= 0 ? this.valueYear[v]! : ids[1]!;
      const method = this.valueMethod[v]! >= 0 ? this.valueMethod[v]! : ids[2]!;
      const key = (((ids[0]! * radix + year) * radix + method) * radix + ids[3]!) * radix + ids[4]!;
      if (!this.groups!.add(key, n, line, sum)) return this.fail('a second row for one group', line);
    }
    return true;
  }

  /** A value not seen before: decode and interpret it once, or fail. */
  private learn(table: ValueTable, kind: Kind, buf: Uint8Array, s: number, e: number, h: number, quoted: boolean, line: number): number {
    const bytes = quoted ? unquote(buf.subarray(s, e)) : buf.subarray(s, e);
    let text: string;
    try {
      text = this.decoder(bytes).trim();
    } catch {
      this.fail('cannot decode', line);
      return -1;
    }
    const value = this.plan.interpret ? this.interpret(kind, text) : this.spelling(kind, text);
    if (value === undefined) {
      this.fail(`${kind} "${text}" is not clean`, line);
      return -1;
    }
    const id = table.add(buf, s, e, h, value);
    if (id < 0 || id > MAX_IDS) {
      this.fail('too many distinct values', line);
      return -1;
    }
    return id;
  }

  /** Without `interpret`, a text stands for itself (one Spelling per text), for the counter it is merged into. */
  private spelling(kind: Kind, text: string): Spelling {
    const texts = this.spellings[kind];
    let s = texts.get(text);
    if (!s) texts.set(text, (s = new Spelling(text)));
    return s;
  }

  /** The meaning of a cell's text, or undefined when it is not clean. */
  private interpret(kind: Kind, text: string): unknown {
    const f = this.plan.interpret;
    if (!f) return undefined;
    switch (kind) {
      case 'region':
        return text === '' ? undefined : f.region(text);
      case 'year':
        return f.year(text);
      case 'method':
        return text === '' ? undefined : f.method(text);
      case 'sex':
        return f.sex(text);
      case 'age':
        return f.age(text);
    }
  }
}

/**
 * Each kind's values (region, year, method, sex, age) as its dictionary: what `interpret`
 * gave for each, and the defaults (a counter without `interpret`, which keeps texts, makes no
 * dictionaries). Anything else is a fault here, not a value.
 */
function dictionariesOf(values: readonly (readonly unknown[])[]): Dictionaries {
  const of = (k: number) => values[k] ?? [];
  const text = (v: unknown): string => {
    if (typeof v !== 'string') throw new Error(`a counted value is not text: ${String(v)}`);
    return v;
  };
  const sex = (v: unknown): CountedSex => {
    if (v !== 'total' && v !== 'women' && v !== 'men') throw new Error(`a counted sex is not one: ${String(v)}`);
    return v;
  };
  return {
    region: of(0).map(text),
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- years are numbers but for the plan's default year, which is undefined where the file has a year column (its entry then names no group), as the general path leaves it.
    year: of(1) as readonly number[],
    method: of(2).map(text),
    sex: of(3).map(sex),
    age: of(4).map(text),
  };
}

/** Index just past the last LF (rows never end inside a multi-byte character: LF is ASCII). 0 if none. */
function lastRowEnd(buf: Uint8Array): number {
  const i = buf.lastIndexOf(LF);
  return i < 0 ? 0 : i + 1;
}

/** `"a ""b"""` → `a "b"` — the bytes of a quoted field, quotes removed. */
function unquote(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      if (inQuotes && bytes[i + 1] === QUOTE) {
        out.push(QUOTE);
        i++;
      } else inQuotes = !inQuotes;
    } else out.push(b);
  }
  return Uint8Array.from(out);
}

/** A copy of buf[start, end) — never a view, even when buf is a Buffer (whose slice is one). */
function copyOf(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(buf.subarray(start, end));
  return out;
}
/* eslint-enable @typescript-eslint/no-non-null-assertion */
