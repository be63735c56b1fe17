#!/usr/bin/env node
// Deterministic record-level test files: one row per treatment, columns region, year,
// method, sex, age; region names with å/ä/ö as warehouse exports write them. The same seed
// gives the same bytes on every machine: `node bench/generate.mjs 2000000 bench/out/records-2m.csv`.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Regions weighted by SCB population aged 16–67 in 2014 (bundled table), rounded to thousands.
const REGIONS = [
  ['Region Stockholm', 1431],
  ['Region Uppsala', 232],
  ['Region Sörmland', 174],
  ['Region Östergötland', 284],
  ['Region Jönköpings län', 215],
  ['Region Kronoberg', 121],
  ['Region Kalmar län', 145],
  ['Region Gotland', 36],
  ['Region Blekinge', 95],
  ['Region Skåne', 831],
  ['Region Halland', 193],
  ['Västra Götalandsregionen', 1063],
  ['Region Värmland', 171],
  ['Region Örebro län', 186],
  ['Region Västmanland', 164],
  ['Region Dalarna', 171],
  ['Region Gävleborg', 175],
  ['Region Västernorrland', 150],
  ['Region Jämtland Härjedalen', 79],
  ['Region Västerbotten', 170],
  ['Region Norrbotten', 158],
];
const METHODS = [
  ['KBT', 85],
  ['MMR', 13],
  ['IPT', 2],
];

function picker(pairs, rand) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const cum = [];
  let acc = 0;
  for (const [v, w] of pairs) cum.push([v, (acc += w) / total]);
  return () => {
    const r = rand();
    return cum.find(([, c]) => r < c)[0];
  };
}

export async function generate(rows, path, seed = 20141231) {
  mkdirSync(dirname(path), { recursive: true });
  const rand = prng(seed);
  const region = picker(REGIONS, rand);
  const method = picker(METHODS, rand);
  const out = createWriteStream(path);
  out.write('region;år;metod;kön;ålder\n');
  let batch = '';
  for (let i = 0; i < rows; i++) {
    const year = 2009 + Math.floor(rand() * 7);
    batch += `${region()};${year};${method()};${rand() < 0.73 ? 'K' : 'M'};${16 + Math.floor(rand() * 52)}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
      batch = '';
    }
  }
  out.write(batch);
  await new Promise((r) => out.end(r));
}

// SCB county codes of the 21 regions, as register extracts write them.
const CODES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];
const AGG_METHODS = ['KBT', 'IPT', 'MMR', 'PDT'];
const SEXES = ['K', 'M'];
const AGES = Array.from({ length: 105 }, (_, i) => String(i));

/** Years needed so that the table has about `rows` rows (long) or values (wide), ending in 2024. */
function yearsFor(rows) {
  const perYear = CODES.length * AGG_METHODS.length * SEXES.length * AGES.length;
  const n = Math.max(1, Math.round(rows / perYear));
  return Array.from({ length: n }, (_, i) => 2024 - n + 1 + i);
}

/**
 * An aggregated table as a register extract writes it: counts by region, year, method, sex and
 * single year of age. `long` has one row per group (region;år;metod;kön;ålder;antal); `wide`
 * has the years as columns (region;metod;kön;ålder;2000;…;2024). 441 000 rows long = 25 years.
 */
export async function generateAggregated(rows, path, layout = 'long', seed = 20141231) {
  mkdirSync(dirname(path), { recursive: true });
  const rand = prng(seed);
  const years = yearsFor(rows);
  const out = createWriteStream(path);
  out.write(layout === 'long' ? 'region;år;metod;kön;ålder;antal\n' : `region;metod;kön;ålder;${years.join(';')}\n`);
  let batch = '';
  const flush = async (force) => {
    if (!force && batch.length < 1 << 20) return;
    if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
    batch = '';
  };
  const count = () => Math.floor(rand() * rand() * 400);
  if (layout === 'long') {
    for (const year of years)
      for (const code of CODES)
        for (const method of AGG_METHODS)
          for (const sex of SEXES)
            for (const age of AGES) {
              batch += `${code};${year};${method};${sex};${age};${count()}\n`;
              await flush(false);
            }
  } else {
    for (const code of CODES)
      for (const method of AGG_METHODS)
        for (const sex of SEXES)
          for (const age of AGES) {
            batch += `${code};${method};${sex};${age}`;
            for (let y = 0; y < years.length; y++) batch += `;${count()}`;
            batch += '\n';
            await flush(false);
          }
  }
  await flush(true);
  await new Promise((r) => out.end(r));
}

/**
 * The same rows written another way, for issue 17 target 3: `quoted` (every field in quotes),
 * `crlf` (Windows line breaks), `bom` (a UTF-8 byte-order mark, as Excel writes `;` files) or
 * `latin1` (Windows-1252 bytes). Streams the source line by line.
 */
export async function generateVariant(source, path, kind) {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  if (kind === 'bom') out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  const eol = kind === 'crlf' ? '\r\n' : '\n';
  let batch = '';
  const flush = async () => {
    const bytes = kind === 'latin1' ? Buffer.from(batch, 'latin1') : Buffer.from(batch, 'utf8');
    batch = '';
    if (!out.write(bytes)) await new Promise((r) => out.once('drain', r));
  };
  for await (const line of createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity })) {
    batch +=
      (kind === 'quoted'
        ? line
            .split(';')
            .map((c) => `"${c}"`)
            .join(';')
        : line) + eol;
    if (batch.length > 1 << 20) await flush();
  }
  await flush();
  await new Promise((r) => out.end(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'long' || process.argv[2] === 'wide') {
    const [layout, rows = '441000', path = `bench/out/${layout}.csv`] = process.argv.slice(2);
    await generateAggregated(Number(rows), path, layout);
    process.exit(0);
  }
  const [rows = '2000000', path = 'bench/out/records.csv'] = process.argv.slice(2);
  await generate(Number(rows), path);
}
