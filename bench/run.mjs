#!/usr/bin/env node
// npm run bench — reproducible timings of rehab-stats against DuckDB, Miller and a plain
// csv-parse loop, all run in this one process run on the same generated inputs, reported as
// medians with ratios. Never part of the test suite.
//
//   npm run bench                 # everything below (a quarter of an hour on two cores)
//   npm run bench -- --quick      # 200 000 rows (aggregated: 441 000 values), fewer repetitions
//   npm run bench -- --records    # only the record-level files against DuckDB, Miller and csv-parse
//   npm run bench -- --aggregated # only the aggregated tables (long and wide, 441 000 and 882 000 values)
//   npm run bench -- --paths      # only the ways in (issue 17, target 3): the 2M-row file quoted, CRLF,
//                                 # with a BOM, Latin-1 — against the plain file
//   npm run bench -- --stdin      # only stdin against the file path (issue 17, target 2)
//   npm run bench -- --startup    # only start-up: the checkout and the installed package (issue 17, target 4)
//   npm run bench -- --cores      # only the big record files on both cores against DuckDB: 2.5M, 5M and
//                                 # 10M rows, two threads and one (issue 17, target 1), and where splitting pays
//   npm run bench -- --runs 3     # repetitions per measurement (default 5 big, 20 start-up)
//   npm run bench -- --write      # also write the results into BENCHMARKS.md, each measurement
//                                 # into its own section (the others stay as they are)
//
// The flags that name a measurement combine (--stdin --startup runs those two). Whatever is
// compared is run in turn, one run of each per round, so that a busy machine slows all alike;
// ratios are medians of the per-round ratios. Each section records the machine, its load
// average before and after, and the date.
//
// DuckDB: npm install --no-save @duckdb/node-api   Miller: apt-get install miller
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, generateAggregated, generateVariant } from './generate.mjs';

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
const named = ['--records', '--aggregated', '--paths', '--stdin', '--startup', '--cores'].filter((f) => process.argv.includes(f));
/** Whether a measurement runs: every one when none is named. */
const measured = (flag) => named.length === 0 || named.includes(flag);
const recordsOn = measured('--records');
const aggregatedOn = measured('--aggregated');
const pathsOn = named.includes('--paths') || (named.length === 0 && !quick);
const stdinOn = measured('--stdin');
const startupOn = measured('--startup');
const coresOn = measured('--cores');
const runsArg = process.argv.indexOf('--runs');
const runsGiven = runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined;
const root = new URL('../', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const node = process.execPath;
const cli = join(root, 'bin', 'rehab-stats.js');

const sizes = !recordsOn ? [] : quick ? [200_000] : [2_000_000, 4_000_000];
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

/**
 * Runs a command once: wall time (ms, from the hrtime around the spawn), peak RSS (MB) and CPU
 * time (user + system, ms, of the command and what it waited for) from /usr/bin/time.
 */
function once(argv) {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-'));
  const timeFile = join(tmp, 'time');
  const full = timeBin ? [timeBin, '-f', '%M %U %S', '-o', timeFile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [kb, user, sys] = timeBin ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  rmSync(tmp, { recursive: true, force: true });
  return { ms, rss: kb / 1024, cpu: (user + sys) * 1000, stdout: r.stdout };
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

/**
 * Several commands, one run of each in turn per round (after one warm-up run each): per
 * command the median wall and CPU time, the peak RSS, each round's wall time (for ratios
 * taken round by round: a busy moment slows the runs of one round alike) and its first output.
 */
function measureInTurn(commands, runs) {
  const outputs = commands.map(([, argv]) => once(argv).stdout);
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([, argv], k) => times[k].push(once(argv)));
  return commands.map(([name], k) => ({
    name,
    ms: median(times[k].map((r) => r.ms)),
    cpu: median(times[k].map((r) => r.cpu)),
    rss: Math.max(...times[k].map((r) => r.rss)),
    rounds: times[k].map((r) => r.ms),
    stdout: outputs[k],
  }));
}

/** The median over rounds of a's wall time over b's (both from one measureInTurn). */
function pairedRatio(a, b) {
  return median(a.rounds.map((ms, i) => ms / b.rounds[i]));
}

/** What each section records of how it was measured: machine, Node, date, load before and after. */
function started() {
  return { load: loadavg(), date: new Date().toISOString().slice(0, 16).replace('T', ' ') };
}
/** `end`: the load average when the section's runs ended (by default, now). */
function howMeasured(start, runsText, end = loadavg()) {
  const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
  return [
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.version}; ${start.date} UTC`,
    `Load average (1, 5, 15 min): ${load(start.load)} before, ${load(end)} after. ${runsText}`,
  ].join('  \n');
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
const recordsStart = started();
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

const recordsEnd = loadavg();

// Aggregated tables (counts by region, year, method, sex and single year of age, as register
// extracts come): rank and convert against DuckDB's sum … group by and Miller's stats1.
const aggSizes = !aggregatedOn ? [] : quick ? [441_000] : [441_000, 882_000];
const aggRows = [];
const aggregatedStart = started();
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
const aggregatedEnd = loadavg();
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

// The ways in (issue 17, target 3): the same 2M rows quoted, CRLF, with a BOM and in Latin-1,
// each against the plain file, run in turn so that load slows all alike.
const out2m = async () => {
  const plain = join(out, 'records-2m.csv');
  if (!existsSync(plain)) {
    console.error(`generating ${plain} …`);
    await generate(2_000_000, plain);
  }
  return plain;
};
const rank2014 = ['rank', '--method', 'KBT', '--year', '2014', '--format', 'csv', '--quiet'];
const sections = [];

if (pathsOn) {
  const start = started();
  const plain = await out2m();
  const variants = ['quoted', 'crlf', 'bom', 'latin1'];
  for (const kind of variants) {
    const file = join(out, `records-2m-${kind}.csv`);
    if (!existsSync(file)) {
      console.error(`generating ${file} …`);
      await generateVariant(plain, file, kind);
    }
  }
  const commands = [
    ['plain file', [node, cli, ...rank2014, '--input', plain]],
    ['every field quoted', [node, cli, ...rank2014, '--input', join(out, 'records-2m-quoted.csv')]],
    ['CRLF line breaks', [node, cli, ...rank2014, '--input', join(out, 'records-2m-crlf.csv')]],
    ['`;` with a UTF-8 BOM', [node, cli, ...rank2014, '--input', join(out, 'records-2m-bom.csv')]],
    ['Latin-1 (Windows-1252)', [node, cli, ...rank2014, '--input', join(out, 'records-2m-latin1.csv')]],
  ];
  console.error('the ways in: quoted, CRLF, BOM, Latin-1 …');
  const results = measureInTurn(commands, runsBig);
  const [base] = results;
  const table = [
    '| 2,000,000 rows (67 MB), `rank --method KBT --year 2014` | median wall (s) | peak RSS (MB) | vs the plain file (median of rounds) | target ≤ 1.5× | output |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...results.map((r) => {
      const ratio = pairedRatio(r, base);
      return `| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${r.rss.toFixed(0)} | ${ratio.toFixed(2)}× | ${r === base ? '' : ratio <= 1.5 ? 'met' : 'not met'} | ${r.stdout === base.stdout ? 'same' : 'DIFFERENT'} |`;
    }),
  ].join('\n');
  sections.push(['bench-paths', `${howMeasured(start, `${runsBig} rounds, each running every variant once in turn, after one warm-up run each.`)}\n\n${table}\n`]);
}

// stdin against the file path (issue 17, target 2): the 2M-row file piped through cat, as a
// producer would write it, paired round by round with the same file named by its path.
if (stdinOn) {
  const start = started();
  const plain = quick ? join(out, 'records-200k.csv') : await out2m();
  if (!existsSync(plain)) await generate(200_000, plain);
  const rows = quick ? '200,000' : '2,000,000';
  const mb = (statSync(plain).size / 1e6).toFixed(0);
  // A file this big is counted by two threads (src/ingest/split.ts); stdin, read once in order, by one.
  const oneThread = `REHAB_STATS_SPLIT_MIN_BYTES=${2 ** 40}`;
  const commands = [
    ['the file (--input FILE)', [node, cli, ...rank2014, '--input', plain]],
    ['stdin, a pipe from cat (--input -)', ['sh', '-c', `cat '${plain}' | '${node}' '${cli}' ${rank2014.join(' ')} --input -`]],
    ['the file, one thread', ['sh', '-c', `${oneThread} '${node}' '${cli}' ${rank2014.join(' ')} --input '${plain}'`]],
  ];
  console.error('stdin against the file …');
  const [file, pipe, single] = measureInTurn(commands, runsBig * 2);
  const ratio = pairedRatio(pipe, file);
  const table = [
    `| ${rows} rows (${mb} MB), \`rank --method KBT --year 2014\` | median wall (s) | median CPU (s) | peak RSS (MB) | output |`,
    '| --- | ---: | ---: | ---: | --- |',
    ...[file, pipe, single].map(
      (r) => `| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${(r.cpu / 1000).toFixed(2)} | ${r.rss.toFixed(0)} | ${r.stdout === file.stdout ? 'same' : 'DIFFERENT'} |`,
    ),
  ].join('\n');
  const verdict = [
    `- stdin / the file, median of the ${pipe.rounds.length} rounds' ratios: **${ratio.toFixed(2)}×** (target ≤ 1.15×: ${ratio <= 1.15 ? 'met' : 'not met'}); by CPU time (cat's included): ${(pipe.cpu / file.cpu).toFixed(2)}×.`,
    `- stdin / the file read by one thread: ${pairedRatio(pipe, single).toFixed(2)}×.`,
    `- stdin's peak RSS: **${pipe.rss.toFixed(0)} MB** (target < 150 MB: ${pipe.rss < 150 ? 'met' : 'not met'}).`,
  ].join('\n');
  sections.push([
    'bench-stdin',
    `${howMeasured(start, `${pipe.rounds.length} rounds, each running the three once in turn, after one warm-up run each.`)}\n\n${table}\n\n${verdict}\n`,
  ]);
}

// Both cores (issue 17, target 1): big record files read in two parts at once, one per thread,
// against DuckDB and against one thread (REHAB_STATS_SPLIT_MIN_BYTES past the file's size),
// round by round; three sizes for flat memory; then smaller files split or not, for the size
// from which a worker thread pays for its start (src/ingest/split.ts, SPLIT_MIN_BYTES).
if (coresOn) {
  const start = started();
  const recordFile = async (n) => {
    const file = join(out, `records-${n / 1e6}m.csv`);
    if (!existsSync(file)) {
      console.error(`generating ${file} …`);
      await generate(n, file);
    }
    return file;
  };
  const withSplitAt = (bytes, argv) => ['env', `REHAB_STATS_SPLIT_MIN_BYTES=${bytes}`, ...argv];
  const lines = [];
  const byRows = [];
  for (const n of quick ? [500_000, 1_000_000] : [2_500_000, 5_000_000, 10_000_000]) {
    const file = await recordFile(n);
    const mb = (statSync(file).size / 1e6).toFixed(0);
    const ours = [node, cli, ...rank2014, '--input', file];
    console.error(`both cores, ${n.toLocaleString('en')} rows …`);
    const results = measureInTurn(
      [['rehab-stats, two threads', ours], ['rehab-stats, one thread', withSplitAt(1e15, ours)], ...(duckdb ? [['DuckDB', [node, join(root, 'bench', 'duckdb.mjs'), file]]] : [])],
      runsBig,
    );
    const [two, one, duck] = results;
    for (const r of results)
      lines.push(
        `| ${n.toLocaleString('en')} rows (${mb} MB) | ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${(r.cpu / 1000).toFixed(2)} | ${r.rss.toFixed(0)} | ${duck ? `${pairedRatio(r, duck).toFixed(2)}×` : 'n/a'} |`,
      );
    const ours2 = countsOf('rehab-stats', two.stdout);
    const agree = (m) => m.size === ours2.size && ours2.size > 0 && [...ours2].every(([k, v]) => m.get(k) === v);
    byRows.push({ n, two, one, duck, agreeOne: agree(countsOf('rehab-stats', one.stdout)), agreeDuck: duck ? agree(countsOf('DuckDB', duck.stdout)) : undefined });
  }
  const table = [
    '| `rank --method KBT --year 2014` | tool | median wall (s) | median CPU (s) | peak RSS (MB) | vs DuckDB (median of rounds) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...lines,
  ].join('\n');
  const five = byRows.find((r) => r.n === 5_000_000) ?? byRows[byRows.length - 1];
  const peaks = byRows.map((r) => r.two.rss);
  const vsDuck = five.duck ? pairedRatio(five.two, five.duck) : NaN;
  const flat = peaks[peaks.length - 1] / peaks[0];
  const verdict = [
    `- ${five.n.toLocaleString('en')} rows, two threads / DuckDB, median of the rounds' ratios: **${vsDuck.toFixed(2)}×** (target ≤ 0.6×: ${vsDuck <= 0.6 ? 'met' : 'not met'}); two threads / one thread: ${pairedRatio(five.two, five.one).toFixed(2)}×.`,
    `- Peak RSS with two threads: **${peaks.map((p) => p.toFixed(0)).join(' → ')} MB** from ${byRows[0].n.toLocaleString('en')} to ${byRows[byRows.length - 1].n.toLocaleString('en')} rows (target < 120 MB: ${Math.max(...peaks) < 120 ? 'met' : 'not met'}; flat: ${flat.toFixed(2)}× over ${byRows[byRows.length - 1].n / byRows[0].n}× the rows).`,
    ...byRows.map(
      (r) =>
        `- ${r.n.toLocaleString('en')} rows: two threads and one thread give the same counts: ${r.agreeOne ? 'yes' : 'NO'}${r.agreeDuck === undefined ? '' : `; rehab-stats and DuckDB counts ${r.agreeDuck ? 'agree' : 'DIFFER'} for all ${countsOf('rehab-stats', r.two.stdout).size} regions`}.`,
    ),
  ];
  // Where splitting starts to pay: small files, split at any size (1) or never.
  const small = [];
  if (!quick) {
    for (const n of [250_000, 500_000, 1_000_000, 2_000_000]) {
      const file = await recordFile(n);
      const ours = [node, cli, ...rank2014, '--input', file];
      console.error(`splitting or not, ${n.toLocaleString('en')} rows …`);
      const [split, whole] = measureInTurn(
        [
          ['two threads', withSplitAt(1, ours)],
          ['one thread', withSplitAt(1e15, ours)],
        ],
        runsBig * 2,
      );
      small.push(
        `| ${n.toLocaleString('en')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) | ${(whole.ms / 1000).toFixed(3)} | ${(split.ms / 1000).toFixed(3)} | ${pairedRatio(split, whole).toFixed(2)}× | ${(split.cpu / whole.cpu).toFixed(2)}× |`,
      );
    }
  }
  const threshold = small.length
    ? [
        '',
        `Splitting or not (the CLI splits from 64 MiB), ${runsBig * 2} rounds each:`,
        '',
        '| record file | one thread, median wall (s) | two threads, median wall (s) | two / one (median of rounds) | two / one by CPU time |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...small,
      ]
    : [];
  sections.push([
    'bench-cores',
    `${howMeasured(start, `${runsBig} rounds per size, each running the tools once in turn, after one warm-up run each.`)}\n\n${table}\n\n${verdict.join('\n')}\n${threshold.join('\n')}\n`,
  ]);
}

// Memory must not grow with the file.
const ourRss = rows.filter((r) => r.tool === 'rehab-stats').map((r) => Number(r.peak));
if (ourRss.length === 2 && ourRss.every(Number.isFinite))
  notes.push(`rehab-stats peak memory, 4M vs 2M rows: ${(ourRss[1] / ourRss[0]).toFixed(2)}× (${ourRss[0]} → ${ourRss[1]} MB).`);

// Start-up (issue 17, target 4): node -e 0, the checkout and the installed package (npm pack,
// npm install -g into a temporary prefix — what users run) in turn, round by round.
if (startupOn) {
  const start = started();
  console.error('start-up …');
  const prefix = mkdtempSync(join(tmpdir(), 'rehab-install-'));
  try {
    const packed = spawnSync('npm', ['pack', '--pack-destination', prefix, '--silent'], { cwd: root, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    const tgz = join(prefix, packed.stdout.trim().split('\n').pop());
    const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--silent', tgz], { encoding: 'utf8' });
    if (installed.status !== 0) throw new Error(`npm install -g failed: ${installed.stderr}`);
    const inst = join(prefix, 'bin', 'rehab-stats');
    const results = measureInTurn(
      [
        ['`node -e 0`', [node, '-e', '0']],
        ['checkout: `rank --method KBT`', [node, cli, 'rank', '--method', 'KBT']],
        ['installed: `rank --method KBT`', [inst, 'rank', '--method', 'KBT']],
        ['installed: `--version`', [inst, '--version']],
      ],
      runsSmall,
    );
    const [idle, checkout, installedRank] = results;
    // Wall time only: /usr/bin/time counts CPU time in 10 ms steps, too coarse for a start.
    const table = [
      '| bundled data | median wall (ms) | peak RSS (MB) | × `node -e 0` (median of rounds) |',
      '| --- | ---: | ---: | ---: |',
      ...results.map((r) => `| ${r.name} | ${r.ms.toFixed(0)} | ${r.rss.toFixed(0)} | ${pairedRatio(r, idle).toFixed(2)}× |`),
    ].join('\n');
    const ratio = pairedRatio(installedRank, idle);
    const verdict = [
      `- The installed package's \`rank --method KBT\`: **${ratio.toFixed(2)}×** \`node -e 0\` (target ≤ 2×: ${ratio <= 2 ? 'met' : 'not met'}); the checkout's: ${pairedRatio(checkout, idle).toFixed(2)}×.`,
      `- Rank's output is the same from the checkout and the installed package: ${checkout.stdout === installedRank.stdout ? 'yes' : 'NO'}.`,
    ].join('\n');
    sections.push(['bench-startup', `${howMeasured(start, `${runsSmall} rounds, each running the four once in turn, after one warm-up run each.`)}\n\n${table}\n\n${verdict}\n`]);
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
const aggNotes = notes.filter((n) => / table, | on the (long|wide) table/.test(n));
const otherNotes = notes.filter((n) => !aggNotes.includes(n));
const oneByOne = `Median of ${runsBig} runs per tool, after one warm-up run each.`;
if (aggRows.length)
  sections.unshift(['bench-aggregated', `${howMeasured(aggregatedStart, oneByOne, aggregatedEnd)}\n\n${aggTable}\n\n${aggNotes.map((n) => `- ${n}`).join('\n')}\n`]);
if (rows.length) sections.unshift(['bench', `${howMeasured(recordsStart, oneByOne, recordsEnd)}\n\n${table}\n\n${otherNotes.map((n) => `- ${n}`).join('\n')}\n`]);
for (const [, text] of sections) console.log(text);

if (write) {
  const path = join(root, 'BENCHMARKS.md');
  let text = readFileSync(path, 'utf8');
  for (const [name, body] of sections) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    if (!text.includes(begin) || !text.includes(end)) throw new Error(`BENCHMARKS.md has no ${begin} … ${end} section`);
    text = text.slice(0, text.indexOf(begin) + begin.length) + '\n' + body + text.slice(text.indexOf(end));
  }
  writeFileSync(path, text);
}
