#!/usr/bin/env node
// The same question in DuckDB: read_csv_auto … GROUP BY. `node bench/duckdb.mjs FILE`
// Needs @duckdb/node-api, which is not a dependency: npm install --no-save @duckdb/node-api
import { DuckDBInstance } from '@duckdb/node-api';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const file = process.argv[2].replace(/'/g, "''");
const reader = await con.runAndReadAll(
  `SELECT region, count(*) AS n FROM read_csv_auto('${file}', delim=';', header=true) WHERE metod = 'KBT' AND "år" = 2014 GROUP BY region ORDER BY region`,
);
for (const [region, n] of reader.getRows()) console.log(`${region};${n}`);
