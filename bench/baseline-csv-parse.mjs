#!/usr/bin/env node
// The straightforward approach, for comparison: csv-parse streaming one object per row,
// filter and count in JavaScript. `node bench/baseline-csv-parse.mjs FILE`
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const counts = new Map();
const parser = createReadStream(process.argv[2]).pipe(parse({ columns: true, delimiter: ';' }));
for await (const row of parser) {
  if (row.metod === 'KBT' && row['år'] === '2014') counts.set(row.region, (counts.get(row.region) ?? 0) + 1);
}
for (const [region, n] of [...counts].sort()) console.log(`${region};${n}`);
