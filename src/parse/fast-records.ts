import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Observation } from '../domain/observation.js';

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
  /** The file's line break as csv-parse detects it (the first one in the file); rows must all end so. */
  lineEnd: 'lf' | 'crlf';
  encoding: 'utf-8' | 'windows-1252';
  /** 0-based indices; undefined when the file has no such column. */
  columns: { region: number; year?: number; method?: number; sex?: number; age?: number };
  defaultYear?: number;
  /** Physical line number of the first data row. */
  firstLine: number;
  /** Interpretation of a distinct cell text; undefined means "not clean: fall back". */
  interpret: {
    region(text: string): string | undefined;
    year(text: string): number | undefined;
    method(text: string): string | undefined;
    sex(text: string): Observation['sex'] | undefined;
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

/** One distinct cell value: its raw bytes, and what it means. */
interface Entry {
  bytes: Uint8Array;
  id: number;
}

class ValueTable {
  private readonly buckets = new Map<number, Entry[]>();
  readonly values: unknown[] = [];

  /** The id of bytes[start, end), or -1 if new (the caller interprets and adds it). */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const list = this.buckets.get(hash);
    if (!list) return -1;
    const len = end - start;
    outer: for (const e of list) {
      if (e.bytes.length !== len) continue;
      for (let i = 0; i < len; i++) if (e.bytes[i] !== buf[start + i]) continue outer;
      return e.id;
    }
    return -1;
  }

  /** Ids by meaning: "Region Blekinge" and "10 Blekinge county" are different bytes, one region. */
  private readonly byValue = new Map<unknown, number>();

  add(buf: Uint8Array, start: number, end: number, hash: number, value: unknown): number {
    let id = this.byValue.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.byValue.set(value, id);
    }
    // A copy: buf may be a Buffer (whose slice is a view) that the caller reuses for the next chunk.
    const entry = { bytes: copyOf(buf, start, end), id };
    const list = this.buckets.get(hash);
    if (list) list.push(entry);
    else this.buckets.set(hash, [entry]);
    return id;
  }
}

export type FastResult =
  | { ok: true; observations: Observation[]; rowsRead: number }
  | { ok: false; reason: string; line: number };

export class RecordCounter {
  private readonly tables: Record<Kind, ValueTable> = { region: new ValueTable(), year: new ValueTable(), method: new ValueTable(), sex: new ValueTable(), age: new ValueTable() };
  /** Field index → which kind it is (or -1), for the needed columns. */
  private readonly kindOfField: Int8Array;
  private readonly maxField: number;
  private readonly counts = new Map<number, number>();
  private readonly firstLines = new Map<number, number>();
  private leftover: Uint8Array = new Uint8Array(0);
  private line: number;
  private rows = 0;
  private failure: { reason: string; line: number } | undefined;
  private readonly decoder: (b: Uint8Array) => string;
  // Per-row scratch: start/end/hash of each needed field.
  private readonly starts = new Int32Array(5);
  private readonly ends = new Int32Array(5);
  private readonly quoted = new Uint8Array(5);
  private readonly defaults: number[] = [0, 0, 0, 0, 0];
  private readonly needed: number;

  constructor(private readonly plan: FastPlan) {
    this.line = plan.firstLine;
    const max = Math.max(...KINDS.map((k) => plan.columns[k] ?? -1));
    this.maxField = max;
    this.needed = KINDS.filter((k) => plan.columns[k] !== undefined).length;
    this.kindOfField = new Int8Array(max + 1).fill(-1);
    KINDS.forEach((k, i) => {
      const col = plan.columns[k];
      if (col !== undefined) this.kindOfField[col] = i;
    });
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    this.decoder = plan.encoding === 'utf-8' ? (b) => utf8.decode(b) : (b) => iconv.decode(Buffer.from(b), 'windows-1252');
    // Columns the file lacks get the general path's defaults: the --year, no method, total, all ages.
    this.defaults[1] = this.tables.year.add(new Uint8Array(0), 0, 0, -1, plan.defaultYear);
    this.defaults[2] = this.tables.method.add(new Uint8Array(0), 0, 0, -1, '');
    this.defaults[3] = this.tables.sex.add(new Uint8Array(0), 0, 0, -1, 'total');
    this.defaults[4] = this.tables.age.add(new Uint8Array(0), 0, 0, -1, 'all');
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Feeds the next chunk of the file (after the header). `last` flushes a final row without a line break. */
  push(chunk: Uint8Array, last = false): void {
    if (this.failure) return;
    let buf = chunk;
    if (this.leftover.length) {
      buf = new Uint8Array(this.leftover.length + chunk.length);
      buf.set(this.leftover, 0);
      buf.set(chunk, this.leftover.length);
    }
    const end = last ? buf.length : lastRowEnd(buf);
    if (end > 0 && !this.clean(buf, end)) return;
    const consumed = this.scan(buf, end, last);
    this.leftover = consumed < buf.length ? copyOf(buf, consumed, buf.length) : new Uint8Array(0);
  }

  result(): FastResult {
    if (this.failure) return { ok: false, ...this.failure };
    if (this.leftover.length) this.push(new Uint8Array(0), true);
    if (this.failure) return { ok: false, ...(this.failure as { reason: string; line: number }) };
    const observations: Observation[] = [];
    const mask = (1 << BITS) - 1;
    for (const [key, count] of this.counts) {
      let k = key;
      const ids = [0, 0, 0, 0, 0];
      for (let i = 4; i >= 0; i--) {
        ids[i] = k % (mask + 1);
        k = Math.floor(k / (mask + 1));
      }
      observations.push({
        region: this.tables.region.values[ids[0]!] as string,
        year: this.tables.year.values[ids[1]!] as number,
        method: this.tables.method.values[ids[2]!] as string,
        sex: this.tables.sex.values[ids[3]!] as Observation['sex'],
        age: this.tables.age.values[ids[4]!] as string,
        value: count,
        line: this.firstLines.get(key)!,
      });
    }
    // The general path lists observations in order of first appearance.
    observations.sort((a, b) => a.line - b.line);
    return { ok: true, observations, rowsRead: this.rows };
  }

  private fail(reason: string, line: number): false {
    this.failure = { reason, line };
    return false;
  }

  /** Bytes the general path's decoder would reject, or a UTF-8 file that is not UTF-8 throughout. */
  private clean(buf: Uint8Array, end: number): boolean {
    const part = buf.subarray(0, end);
    if (this.plan.encoding === 'utf-8') {
      if (!isUtf8(part)) return this.fail('not UTF-8 throughout', this.line);
      if (Buffer.from(part.buffer, part.byteOffset, part.byteLength).indexOf('\ufffd') >= 0) return this.fail('replacement character', this.line);
    } else {
      for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) if (part.indexOf(b) >= 0) return this.fail('byte undefined in windows-1252', this.line);
    }
    return true;
  }

  /** Counts every complete row in buf[0, end); returns how many bytes were consumed. */
  private scan(buf: Uint8Array, end: number, last: boolean): number {
    const delim = this.plan.delimiter;
    const kindOfField = this.kindOfField;
    const maxField = this.maxField;
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    let i = 0;
    let rowStart = 0;
    while (i < end) {
      // One row. Quoted line breaks advance this.line; an incomplete row restores it.
      const rowLine = this.line;
      let field = 0;
      let fieldStart = i;
      let seen = 0;
      let inQuotes = false;
      let hasQuote = false;
      let blank = true;
      for (;;) {
        if (i >= end) {
          if (!last) {
            this.line = rowLine;
            return rowStart;
          }
          break;
        }
        const b = buf[i]!;
        if (inQuotes) {
          if (b === QUOTE) {
            if (buf[i + 1] === QUOTE) i++;
            else {
              inQuotes = false;
              // A closing quote must end the field (csv-parse rejects text after it).
              const next = buf[i + 1];
              if (next !== undefined && next !== delim && next !== LF && next !== CR) {
                this.fail('text after a closing quote', rowLine);
                return rowStart;
              }
            }
          } else if (b === LF) this.line++;
          i++;
          continue;
        }
        if (b === delim || b === LF || (b === CR && buf[i + 1] === LF) || (b === CR && i + 1 >= end && last)) {
          if (field <= maxField) {
            const k = kindOfField[field]!;
            if (k >= 0) {
              starts[k] = fieldStart;
              ends[k] = i;
              quoted[k] = hasQuote ? 1 : 0;
              seen++;
            }
          }
          if (b === delim) {
            blank = false;
            field++;
            i++;
            fieldStart = i;
            hasQuote = false;
            continue;
          }
          break;
        }
        // A lone CR counts as a line break for the general path's line numbers: hand over.
        if (b === CR && buf[i + 1] !== LF && i + 1 < end) {
          this.fail('lone CR', this.line);
          return rowStart;
        }
        if (b < 0x20 ? b !== 0x09 && b !== 0x0c && b !== CR : b === 0x7f) {
          this.fail('control character', this.line);
          return rowStart;
        }
        if (b === QUOTE && i === fieldStart) {
          inQuotes = true;
          hasQuote = true;
        }
        blank = false;
        i++;
      }
      // Step over the line break, which must be the file's own kind (else csv-parse reads it as data).
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
      if (seen < this.needed) {
        this.fail('short row', rowLine);
        return rowStart;
      }
      if (!this.countRow(buf, rowLine)) return rowStart;
      this.rows++;
      rowStart = i;
    }
    return rowStart;
  }

  private countRow(buf: Uint8Array, line: number): boolean {
    let key = 0;
    for (let k = 0; k < 5; k++) {
      let id: number;
      const kind = KINDS[k]!;
      if (this.plan.columns[kind] === undefined) id = this.defaults[k]!;
      else {
        let s = this.starts[k]!;
        let e = this.ends[k]!;
        let h = 0x811c9dc5;
        for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
        const table = this.tables[kind];
        id = table.find(buf, s, e, h);
        if (id < 0) {
          let bytes = buf.subarray(s, e);
          if (this.quoted[k]) bytes = unquote(bytes);
          let text: string;
          try {
            text = this.decoder(bytes).trim();
          } catch {
            return this.fail('cannot decode', line);
          }
          const value = this.interpret(kind, text);
          if (value === undefined) return this.fail(`${kind} "${text}" is not clean`, line);
          id = table.add(buf, s, e, h, value);
          if (id > MAX_IDS) return this.fail('too many distinct values', line);
        }
        s = e;
      }
      key = key * (MAX_IDS + 1) + id;
    }
    const n = this.counts.get(key);
    if (n === undefined) {
      this.counts.set(key, 1);
      this.firstLines.set(key, line);
    } else this.counts.set(key, n + 1);
    return true;
  }

  private interpret(kind: Kind, text: string): unknown {
    const f = this.plan.interpret;
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

/** A copy of buf[start, end) — never a view, even when buf is a Buffer. */
function copyOf(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(buf.subarray(start, end));
  return out;
}
