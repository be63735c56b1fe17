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
  ['Region Stockholm', 1431], ['Region Uppsala', 232], ['Region Sörmland', 174], ['Region Östergötland', 284],
  ['Region Jönköpings län', 215], ['Region Kronoberg', 121], ['Region Kalmar län', 145], ['Region Gotland', 36],
  ['Region Blekinge', 95], ['Region Skåne', 831], ['Region Halland', 193], ['Västra Götalandsregionen', 1063],
  ['Region Värmland', 171], ['Region Örebro län', 186], ['Region Västmanland', 164], ['Region Dalarna', 171],
  ['Region Gävleborg', 175], ['Region Västernorrland', 150], ['Region Jämtland Härjedalen', 79],
  ['Region Västerbotten', 170], ['Region Norrbotten', 158],
];
const METHODS = [['KBT', 85], ['MMR', 13], ['IPT', 2]];

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows = '2000000', path = 'bench/out/records.csv'] = process.argv.slice(2);
  await generate(Number(rows), path);
}
