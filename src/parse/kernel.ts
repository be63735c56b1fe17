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
  SKIP: 5505088,
  KIND: 5505344,
  ACC: 5505600,
  NEXT: 5636096,
  /** Aggregated tables: the value column number of each field whose kind is VALUE_KIND. */
  VIDX: 26607616,
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
  delim: WasmGlobal;
  crlf: WasmGlobal;
  maxField: WasmGlobal;
  needed: WasmGlobal;
  width: WasmGlobal;
  rows: WasmGlobal;
  stop: WasmGlobal;
  stride: WasmGlobal;
}

export const enum KernelStop {
  /** OUT is full: count and call again. */
  OutFull = 0,
  /** The row at the returned position needs the JavaScript path. */
  NeedsJs = 1,
  /** The data ran out (the returned position is the start of an unfinished row, or the end). */
  End = 2,
}

export class ScanKernel {
  private readonly exports: KernelExports;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;

  /** Bytes per OUT record: 20 (five ids) for record files; 24 + 8 per value column for aggregated tables. */
  readonly stride: number;

  constructor(module: WasmModule, settings: { delimiter: number; crlf: boolean; maxField: number; needed: number; width: number; valueColumns: number }) {
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    this.bytes = new Uint8Array(this.exports.memory.buffer);
    this.words = new Int32Array(this.exports.memory.buffer);
    this.exports.delim.value = settings.delimiter;
    this.exports.crlf.value = settings.crlf ? 1 : 0;
    this.exports.maxField.value = settings.maxField;
    this.exports.needed.value = settings.needed;
    this.exports.width.value = settings.width;
    this.stride = settings.valueColumns ? LAYOUT.OUT_VALUES + 8 * settings.valueColumns : 20;
    this.exports.stride.value = this.stride;
  }

  /** Scans IN[pos, end); returns where it stopped, how many rows it wrote to OUT, and why. */
  scan(pos: number, end: number): { pos: number; rows: number; stop: KernelStop } {
    // Whole records only: the kernel stops once the next would not fit.
    const outEnd = LAYOUT.OUT + Math.floor(LAYOUT.OUT_BYTES / this.stride) * this.stride;
    const next = this.exports.scan(LAYOUT.IN + pos, LAYOUT.IN + end, LAYOUT.OUT, outEnd) - LAYOUT.IN;
    return { pos: next, rows: this.exports.rows.value, stop: this.exports.stop.value as KernelStop };
  }

  /** The transition and accept tables of column `k`, as views into the kernel's memory. */
  automatonStorage(k: number): { next: Int32Array; accept: Int32Array } {
    const buffer = this.exports.memory.buffer;
    return {
      next: new Int32Array(buffer, LAYOUT.NEXT + k * LAYOUT.MAX_STATES * 256 * 4, LAYOUT.MAX_STATES * 256),
      accept: new Int32Array(buffer, LAYOUT.ACC + k * LAYOUT.MAX_STATES * 4, LAYOUT.MAX_STATES),
    };
  }
}
