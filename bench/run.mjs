#!/usr/bin/env node
// npm run bench — reproducible timings of rehab-stats against DuckDB, Miller and a plain
// csv-parse loop, all run in this one process run on the same generated inputs, reported as
// medians with ratios. Never part of the test suite.
//
//   npm run bench                 # full run (2M and 4M rows; a few minutes)
//   npm run bench -- --quick      # 200 000 rows (aggregated: 441 000 values), fewer repetitions
//   npm run bench -- --startup    # only start-up: the checkout and the installed package
//   npm run bench -- --aggregated # only the aggregated tables (long and wide, 441 000 and 882 000 values)
//   npm run bench -- --paths      # only the ways in (issue 17, targets 2 and 3): the 2M-row file from
//                                 # stdin, every field quoted, CRLF, with a BOM, Latin-1 — against the plain file
//   npm run bench -- --runs 3     # repetitions per measurement (default 5 big, 20 start-up)
//   npm run bench -- --write      # also write the results into BENCHMARKS.md
//
// DuckDB: npm install --no-save @duckdb/node-api   Miller: apt-get install miller
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, generateAggregated, generateVariant } from './generate.mjs';

const quick = process.argv.includes('--quick');
/** Only the start-up rows (node -e 0, the checkout, the installed package). */
const startupOnly = process.argv.includes('--startup');
const write = process.argv.includes('--write');
const loadAtStart = loadavg();
const aggregatedOnly = process.argv.includes('--aggregated');
const pathsOnly = process.argv.includes('--paths');
const runsArg = process.argv.indexOf('--runs');
const runsGiven = runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined;
const root = new URL('../', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const node = process.execPath;
const cli = join(root, 'bin', 'rehab-stats.js');

const sizes = startupOnly || aggregatedOnly || pathsOnly ? [] : quick ? [200_000] : [2_000_000, 4_000_000];
const runsBig = runsGiven ?? (quick ? 3 : 5);
const runsSmall = runsGiven ? runsGiven * 4 : quick ? 10 : 20;

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const duckdb = (() => {
  try {
    import.meta.resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
})();
const miller = has('mlr');

/** Runs a command once: wall time (ms, from the hrtime around the spawn) and peak RSS (MB, from /usr/bin/time). */
function once(argv) {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-'));
  const rssFile = join(tmp, 'rss');
  const full = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = timeBin ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  rmSync(tmp, { recursive: true, force: true });
  return { ms, rss, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(name, argv, runs) {
  once(argv); // warm the page cache and the disk
  const results = Array.from({ length: runs }, () => once(argv));
  return { name, ms: median(results.map((r) => r.ms)), rss: Math.max(...results.map((r) => r.rss)), stdout: results[0].stdout };
}

/** Several commands, one run of each in turn per round: medians per command. */
function measureInTurn(commands, runs) {
  for (const [, argv] of commands) once(argv);
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([, argv], k) => times[k].push(once(argv)));
  return commands.map(([name], k) => ({ name, ms: median(times[k].map((r) => r.ms)), rss: Math.max(...times[k].map((r) => r.rss)) }));
}

/** region → count from each tool's output, to check they agree. */
function countsOf(name, stdout) {
  const m = new Map();
  // rank's CSV columns are found by the header (year and method columns come first).
  const head = stdout.split('\n', 1)[0].split(',');
  for (const line of stdout.trim().split('\n')) {
    if (name === 'rehab-stats') {
      const cells = line.split(',');
      const [rank, code, region, count] = ['rank', 'region_code', 'region', 'count'].map((h) => cells[head.indexOf(h)]);
      if (rank && rank !== 'rank' && code !== '00') m.set(region, Number(count));
    } else if (name === 'Miller') {
      const [region, count] = line.split(';');
      if (region !== 'region') m.set(region, Number(count));
    } else {
      const [region, count] = line.split(';');
      m.set(region, Number(count));
    }
  }
  return m;
}

const rows = [];
const notes = [];
for (const n of sizes) {
  const file = join(out, `records-${n / 1e6}m.csv`.replace('0.2m', '200k'));
  if (!existsSync(file)) {
    console.error(`generating ${file} …`);
    await generate(n, file);
  }
  const mb = statSync(file).size / 1e6;
  const tools = [
    ['rehab-stats', [node, cli, 'rank', '--method', 'KBT', '--year', '2014', '--input', file, '--format', 'csv', '--quiet']],
    ...(duckdb ? [['DuckDB', [node, join(root, 'bench', 'duckdb.mjs'), file]]] : []),
    ...(miller ? [['Miller', ['mlr', '--icsv', '--ifs', ';', '--ocsv', '--ofs', ';', 'filter', '$metod == "KBT" && $år == 2014', 'then', 'count', '-g', 'region', file]]] : []),
    ...(n <= 2_000_000 ? [['csv-parse loop', [node, join(root, 'bench', 'baseline-csv-parse.mjs'), file]]] : []),
  ];
  const results = tools.map(([name, argv]) => {
    console.error(`${name}, ${n.toLocaleString('en')} rows …`);
    return measure(name, argv, name === 'csv-parse loop' ? Math.min(3, runsBig) : runsBig);
  });
  const ours = countsOf('rehab-stats', results[0].stdout);
  for (const r of results.slice(1)) {
    if (r.name === 'csv-parse loop') continue;
    const theirs = countsOf(r.name, r.stdout);
    const agree = theirs.size === ours.size && [...ours].every(([k, v]) => theirs.get(k) === v);
    notes.push(`${n.toLocaleString('en')} rows: rehab-stats and ${r.name} counts ${agree ? 'agree' : 'DIFFER'} for all ${ours.size} regions.`);
  }
  const duck = results.find((r) => r.name === 'DuckDB');
  const mlr = results.find((r) => r.name === 'Miller');
  for (const r of results) {
    rows.push({
      input: `${n.toLocaleString('en')} rows (${mb.toFixed(0)} MB)`,
      tool: r.name,
      seconds: (r.ms / 1000).toFixed(2),
      peak: Number.isNaN(r.rss) ? 'n/a' : r.rss.toFixed(0),
      rowsPerSecond: `${(((n / r.ms) * 1000) / 1e6).toFixed(2)} M`,
      vsDuck: duck ? `${(r.ms / duck.ms).toFixed(2)}×` : 'n/a',
      vsMiller: mlr ? `${(r.ms / mlr.ms).toFixed(2)}×` : 'n/a',
    });
  }
}

// Aggregated tables (counts by region, year, method, sex and single year of age, as register
// extracts come): rank and convert against DuckDB's sum … group by and Miller's stats1.
const aggSizes = startupOnly || pathsOnly ? [] : quick ? [441_000] : [441_000, 882_000];
const aggRows = [];
for (const layout of ['long', 'wide']) {
  for (const n of aggSizes) {
    const file = join(out, `${layout}-${n / 1000}k.csv`);
    if (!existsSync(file)) {
      console.error(`generating ${file} …`);
      await generateAggregated(n, file, layout);
    }
    const mb = statSync(file).size / 1e6;
    const sumField = layout === 'long' ? 'antal' : '2014';
    const filter = layout === 'long' ? '$metod == "KBT" && $år == 2014' : '$metod == "KBT"';
    const tools = [
      ['rehab-stats', [node, cli, 'rank', '--method', 'KBT', '--year', '2014', '--input', file, '--format', 'csv', '--quiet']],
      ...(duckdb ? [['DuckDB', [node, join(root, 'bench', 'duckdb-aggregated.mjs'), layout, file]]] : []),
      ...(miller
        ? [['Miller', ['mlr', '--icsv', '--ifs', ';', '--ocsv', '--ofs', ';', 'filter', filter, 'then', 'stats1', '-a', 'sum', '-f', sumField, '-g', 'region', file]]]
        : []),
    ];
    const results = tools.map(([name, argv]) => {
      console.error(`${name}, ${layout} ${n.toLocaleString('en')} values …`);
      return measure(name, argv, runsBig);
    });
    // rehab-stats writes a header (region_code … count); DuckDB region;sum; Miller region;antal_sum.
    const sums = (name, stdout) => {
      const lines = stdout.trim().split('\n');
      const head = lines[0].split(',');
      const [codeAt, countAt] = name === 'rehab-stats' ? [head.indexOf('region_code'), head.indexOf('count')] : [0, 1];
      return new Map(
        lines.flatMap((line) => {
          const cells = line.split(name === 'rehab-stats' ? ',' : ';');
          const code = cells[codeAt];
          return /^\d\d$/.test(code ?? '') && code !== '00' ? [[code, Number(cells[countAt])]] : [];
        }),
      );
    };
    const ours = sums('rehab-stats', results[0].stdout);
    for (const r of results.slice(1)) {
      const theirs = sums(r.name, r.stdout);
      const agree = theirs.size === ours.size && ours.size > 0 && [...ours].every(([k, v]) => theirs.get(k) === v);
      notes.push(`${layout} table, ${n.toLocaleString('en')} values: rehab-stats and ${r.name} sums ${agree ? 'agree' : 'DIFFER'} for all ${ours.size} regions.`);
    }
    const label = `${layout} table, ${n.toLocaleString('en')} values (${mb.toFixed(1)} MB)`;
    pushRows(aggRows, label, n, results, 'rank');
    if (layout === 'long') {
      const tmp = mkdtempSync(join(tmpdir(), 'bench-convert-'));
      const conv = [
        ['rehab-stats', [node, cli, 'convert', file, '--output', join(tmp, 'ours.csv')]],
        ...(duckdb ? [['DuckDB', [node, join(root, 'bench', 'duckdb-aggregated.mjs'), 'copy', file, join(tmp, 'duck.csv')]]] : []),
        ...(miller ? [['Miller', ['mlr', '--icsv', '--ifs', ';', '--ocsv', 'cat', file]]] : []),
      ].map(([name, argv]) => {
        console.error(`${name} convert, ${n.toLocaleString('en')} rows …`);
        return measure(name, argv, runsBig);
      });
      rmSync(tmp, { recursive: true, force: true });
      pushRows(aggRows, label, n, conv, 'convert');
    }
  }
}
for (const layout of ['long', 'wide']) {
  const peaks = aggRows.filter((r) => r.tool === 'rehab-stats' && r.task === 'rank' && r.input.startsWith(layout)).map((r) => Number(r.peak));
  if (peaks.length === 2)
    notes.push(
      `rehab-stats rank peak memory on the ${layout} table, ${aggSizes[1].toLocaleString('en')} vs ${aggSizes[0].toLocaleString('en')} values: ${(peaks[1] / peaks[0]).toFixed(2)}× (${peaks[0]} → ${peaks[1]} MB).`,
    );
}

function pushRows(into, input, n, results, task) {
  const duck = results.find((r) => r.name === 'DuckDB');
  const mlr = results.find((r) => r.name === 'Miller');
  for (const r of results) {
    into.push({
      input,
      task,
      tool: r.name,
      seconds: (r.ms / 1000).toFixed(2),
      peak: Number.isNaN(r.rss) ? 'n/a' : r.rss.toFixed(0),
      rowsPerSecond: `${(((n / r.ms) * 1000) / 1e6).toFixed(2)} M`,
      vsDuck: duck ? `${(r.ms / duck.ms).toFixed(2)}×` : 'n/a',
      vsMiller: mlr ? `${(r.ms / mlr.ms).toFixed(2)}×` : 'n/a',
    });
  }
}

// The ways in (issue 17, targets 2 and 3): the same 2M rows from stdin, quoted, CRLF, with a BOM
// and in Latin-1, each against the plain file, run in turn so that load slows all alike.
const pathRows = [];
if (pathsOnly || (!startupOnly && !aggregatedOnly && !quick)) {
  const plain = join(out, 'records-2m.csv');
  if (!existsSync(plain)) await generate(2_000_000, plain);
  const variants = ['quoted', 'crlf', 'bom', 'latin1'];
  for (const kind of variants) {
    const file = join(out, `records-2m-${kind}.csv`);
    if (!existsSync(file)) {
      console.error(`generating ${file} …`);
      await generateVariant(plain, file, kind);
    }
  }
  const rank = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet'];
  const commands = [
    ['plain file', [node, cli, ...rank, '--input', plain]],
    ['stdin (a pipe)', ['sh', '-c', `cat '${plain}' | '${node}' '${cli}' ${rank.join(' ')} --input -`]],
    ['every field quoted', [node, cli, ...rank, '--input', join(out, 'records-2m-quoted.csv')]],
    ['CRLF line breaks', [node, cli, ...rank, '--input', join(out, 'records-2m-crlf.csv')]],
    ['`;` with a UTF-8 BOM', [node, cli, ...rank, '--input', join(out, 'records-2m-bom.csv')]],
    ['Latin-1 (Windows-1252)', [node, cli, ...rank, '--input', join(out, 'records-2m-latin1.csv')]],
  ];
  console.error('the ways in: stdin, quoted, CRLF, BOM, Latin-1 …');
  const results = measureInTurn(commands, runsBig);
  const outputs = commands.map(([, argv]) => once(argv).stdout);
  const base = results[0];
  for (const [k, r] of results.entries()) {
    pathRows.push({
      input: r.name,
      seconds: (r.ms / 1000).toFixed(2),
      peak: r.rss.toFixed(0),
      vsPlain: `${(r.ms / base.ms).toFixed(2)}×`,
      same: outputs[k] === outputs[0] ? 'same' : 'DIFFERENT',
    });
  }
}

// Memory must not grow with the file.
const ourRss = rows.filter((r) => r.tool === 'rehab-stats').map((r) => Number(r.peak));
if (ourRss.length === 2 && ourRss.every(Number.isFinite))
  notes.push(`rehab-stats peak memory, 4M vs 2M rows: ${(ourRss[1] / ourRss[0]).toFixed(2)}× (${ourRss[0]} → ${ourRss[1]} MB).`);

if (!aggregatedOnly && !pathsOnly) {
  // Small inputs stay instant. node -e 0, the checkout and the installed package (npm pack,
  // npm install -g into a temporary prefix — what users run; an install rewrites every file's
  // time, which once made the data snapshot look stale) are run in turn, so that a busy machine
  // slows all three alike.
  console.error('start-up …');
  const prefix = mkdtempSync(join(tmpdir(), 'rehab-install-'));
  try {
    const packed = spawnSync('npm', ['pack', '--pack-destination', prefix, '--silent'], { cwd: root, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    const tgz = join(prefix, packed.stdout.trim().split('\n').pop());
    const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--silent', tgz], { encoding: 'utf8' });
    if (installed.status !== 0) throw new Error(`npm install -g failed: ${installed.stderr}`);
    const [idle, small, inst] = measureInTurn(
      [
        ['node -e 0', [node, '-e', '0']],
        ['rehab-stats rank --method KBT', [node, cli, 'rank', '--method', 'KBT']],
        ['installed (npm pack, -g) rank --method KBT', [join(prefix, 'bin', 'rehab-stats'), 'rank', '--method', 'KBT']],
      ],
      runsSmall,
    );
    for (const r of [idle, small, inst])
      rows.push({ input: 'bundled data', tool: r.name, seconds: (r.ms / 1000).toFixed(3), peak: r.rss.toFixed(0), rowsPerSecond: '', vsDuck: '', vsMiller: '' });
    notes.push(
      `rank on the bundled data: ${(small.ms / idle.ms).toFixed(2)}× the wall time of node -e 0 from the checkout, ${(inst.ms / idle.ms).toFixed(2)}× installed from npm pack.`,
    );
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}
const missing = [
  !duckdb && 'DuckDB (@duckdb/node-api: npm install --no-save @duckdb/node-api)',
  !miller && 'Miller (mlr: apt-get install miller)',
  !timeBin && '/usr/bin/time (peak memory)',
].filter(Boolean);
if (missing.length) notes.push(`Not found, so not compared: ${missing.join('; ')}.`);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.version}; ${new Date().toISOString().slice(0, 10)}`;
const table = [
  '| input | tool | median wall (s) | peak RSS (MB) | rows/s | vs DuckDB | vs Miller |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.input} | ${r.tool} | ${r.seconds} | ${r.peak} | ${r.rowsPerSecond} | ${r.vsDuck} | ${r.vsMiller} |`),
].join('\n');
const aggTable = [
  '| aggregated input | task | tool | median wall (s) | peak RSS (MB) | values/s | vs DuckDB | vs Miller |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...aggRows.map((r) => `| ${r.input} | ${r.task} | ${r.tool} | ${r.seconds} | ${r.peak} | ${r.rowsPerSecond} | ${r.vsDuck} | ${r.vsMiller} |`),
].join('\n');
const pathTable = [
  '| 2,000,000 rows (67 MB), `rank --method KBT --year 2014` | median wall (s) | peak RSS (MB) | vs the plain file | output |',
  '| --- | ---: | ---: | ---: | --- |',
  ...pathRows.map((r) => `| ${r.input} | ${r.seconds} | ${r.peak} | ${r.vsPlain} | ${r.same} |`),
].join('\n');
const aggNotes = notes.filter((n) => / table, | on the (long|wide) table/.test(n));
const otherNotes = notes.filter((n) => !aggNotes.includes(n));
const header = `Machine: ${machine}; load average (1, 5, 15 min) ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start of the run, ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the end\nRuns: median of ${runsBig} (big inputs) and ${runsSmall} (start-up), after one warm-up run each.\n`;
const aggReport = `${header}\n${aggTable}\n\n${aggNotes.map((n) => `- ${n}`).join('\n')}\n`;
const report = `${header}\n${table}\n\n${otherNotes.map((n) => `- ${n}`).join('\n')}\n`;
const pathReport = `${header}\n${pathTable}\n`;
if (aggRows.length) console.log(aggReport);
if (pathRows.length) console.log(pathReport);
if (!aggregatedOnly && !pathsOnly) console.log(report);

if (write) {
  const path = join(root, 'BENCHMARKS.md');
  let text = readFileSync(path, 'utf8');
  const put = (name, body) => {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    text = text.slice(0, text.indexOf(begin) + begin.length) + '\n' + body + text.slice(text.indexOf(end));
  };
  if (aggRows.length) put('bench-aggregated', aggReport);
  if (pathRows.length) put('bench-paths', pathReport);
  if (!aggregatedOnly && !pathsOnly) put('bench', report);
  writeFileSync(path, text);
}
