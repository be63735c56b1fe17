#!/usr/bin/env node
// The aggregated questions in DuckDB, for bench/run.mjs:
//   node bench/duckdb-aggregated.mjs long FILE      sum of KBT counts in 2014 per region (long table)
//   node bench/duckdb-aggregated.mjs wide FILE      the same from a table with years as columns
//   node bench/duckdb-aggregated.mjs copy FILE OUT  read the table and write it out again as CSV (convert)
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, path, out] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const q = (s) => `'${s.replace(/'/g, "''")}'`;
// Region codes ("01") are text, as the exporter wrote them.
const source = `read_csv(${q(path)}, delim=';', header=true, types={'region': 'VARCHAR'})`;
if (mode === 'copy') {
  await con.run(`COPY (SELECT * FROM ${source}) TO ${q(out)} (HEADER, DELIMITER ',')`);
} else {
  const sql =
    mode === 'long'
      ? `SELECT region, sum(antal) AS n FROM ${source} WHERE metod = 'KBT' AND "år" = 2014 GROUP BY region ORDER BY region`
      : `SELECT region, sum("2014") AS n FROM ${source} WHERE metod = 'KBT' GROUP BY region ORDER BY region`;
  const reader = await con.runAndReadAll(sql);
  for (const [region, n] of reader.getRows()) console.log(`${region};${n}`);
}
