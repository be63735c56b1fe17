import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRecordsFast, planFastPath } from '../../src/ingest/fast.js';
import { bundledRegions } from '../../src/domain/bundled.js';
import { compileKernel, ScanKernel } from '../../src/parse/kernel.js';
import { scanKernel } from '../../src/parse/kernel-file.js';
import { RecordCounter } from '../../src/parse/fast-records.js';
import { packagePath } from '../../src/io/bundled.js';

/**
 * A counter gives its kernel instance back once its result is read, and the next counter of the
 * thread starts from it: nothing the last one left in the memory or the globals may show.
 */
const regions = bundledRegions();
const kernel = scanKernel();
const settings = { delimiter: 59, crlf: false, maxField: 4, needed: 5, width: 5, valueColumns: 0, maxRowBytes: 10_000 };

/** More groups than the count table's first size holds (it grows), all five columns, semicolons. */
function bigFile(): Buffer {
  const names = regions.regions.map((r) => r.names[0]);
  const lines = ['region;år;metod;kön;ålder'];
  for (const name of names) for (let year = 2010; year < 2020; year++) for (let age = 16; age < 40; age++) lines.push(`${name};${year};KBT;${age % 2 ? 'K' : 'M'};${age}`);
  return Buffer.from(lines.join('\n') + '\n');
}

/** Another shape: tabs, CRLF, no sex and no age column (the kernel fills their ids from defaults). */
const SMALL = Buffer.from('region\tår\tmetod\r\nUppsala\t2014\tKBT\r\nGotland\t2015\tIPT\r\nUppsala\t2014\tKBT\r\n');
/** An aggregated table, years as columns: the kernel writes its rows out instead of counting them. */
function wideFile(): Buffer {
  const lines = ['region;metod;kön;2013;2014'];
  for (const [i, r] of regions.regions.entries())
    for (const method of ['KBT', 'IPT', 'MMR']) for (const sex of ['K', 'M']) lines.push(`${r.names[0]};${method};${sex};${i};${method.length}`);
  return Buffer.from(lines.join('\n') + '\n');
}
const WIDE = wideFile();

function counted(bytes: Buffer, module = kernel): unknown {
  const t = loadRecordsFast(bytes, 'p.csv', regions, {}, module);
  expect(t, 'the fast path should take a clean record-level table').toBeDefined();
  return { observations: t?.observations, rowsRead: t?.rowsRead };
}

describe('kernel instances reused from counter to counter', () => {
  it('has the WebAssembly kernel to test (run npm run build first)', () => expect(kernel).toBeDefined());

  it('a released instance is the next one taken', () => {
    if (!kernel) return;
    const first = new ScanKernel(kernel, settings);
    first.release();
    const second = new ScanKernel(kernel, settings);
    expect(second.bytes.buffer).toBe(first.bytes.buffer);
    second.release();
  });

  it('count as a fresh instance does, after a counter that filled and grew its tables', () => {
    const own = compileKernel(readFileSync(packagePath('dist', 'scan.wasm')));
    const fresh = { small: counted(SMALL, own), wide: counted(WIDE, own) };
    const big = bigFile();
    const alone = counted(big);
    expect(counted(SMALL)).toEqual(fresh.small);
    expect(counted(big)).toEqual(alone);
    expect(counted(WIDE)).toEqual(fresh.wide);
    expect(counted(big)).toEqual(alone);
    expect(counted(SMALL)).toEqual(fresh.small);
    // And as the JavaScript scanner does.
    expect(counted(SMALL, undefined)).toEqual(fresh.small);
    expect(counted(WIDE, undefined)).toEqual(fresh.wide);
  });

  it('a counter is read once: after its result it takes no bytes and gives no second result', () => {
    const start = planFastPath(SMALL, true, 'p.csv', regions, {}, kernel);
    expect(start).toBeDefined();
    if (!start) return;
    const counter = new RecordCounter(start.plan);
    counter.push(SMALL.subarray(start.dataOffset), true);
    expect(counter.result().ok).toBe(true);
    expect(() => counter.push(SMALL)).toThrow(/read once/);
    expect(() => counter.result()).toThrow(/read once/);
    expect(() => counter.part()).toThrow(/read once/);
  });
});
