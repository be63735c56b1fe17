// A big record file is counted on both cores (src/ingest/split.ts): this thread counts the first
// half and a worker thread the second. A worker thread takes 20 to 50 ms to start (its own V8
// isolate, Node's bootstrap, its module) — started when the file has been planned, it began
// counting that much after this thread and the run waited for half of it. So, when the command
// line names an --input file big enough to be split, the worker is started here, before the
// bundle is even loaded; it waits for its job (dist/count-worker.mjs), which src/ingest/split.ts
// posts when it splits the file. Not given one, it is simply left: unreferenced, it does not
// keep the process alive.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');

/** The size from which a record file is split: src/ingest/split.ts's SPLIT_MIN_BYTES (a test checks they agree). */
const SPLIT_MIN_BYTES = 64 << 20;

/** The --input named on the command line (-i FILE, -iFILE, --input FILE, --input=FILE), if any. */
function inputOf(args) {
  let input;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if ((a === '-i' || a === '--input') && i + 1 < args.length) input = args[++i];
    else if (a.startsWith('--input=')) input = a.slice('--input='.length);
    else if (a.startsWith('-i') && !a.startsWith('--')) input = a.slice(2);
  }
  return input;
}

/**
 * A count worker started now, waiting for its job, when `args` name an --input regular file of
 * SPLIT_MIN_BYTES or more (REHAB_STATS_SPLIT_MIN_BYTES in `env` changes it, as for the split);
 * else undefined. `entry`: the worker's script (the tests give one that fails), `exited` told
 * when the worker has stopped (the tests wait for it). `take` gives it once (to the split),
 * referenced again so the run waits for it.
 */
function standbyCountWorker(args, env, entry = join(__dirname, '..', 'dist', 'count-worker.mjs'), exited = () => undefined) {
  if (env.REHAB_STATS_GENERAL_PATH === '1') return undefined;
  const input = inputOf(args);
  if (input === undefined || input === '-' || input === '') return undefined;
  const min = env.REHAB_STATS_SPLIT_MIN_BYTES ? Number(env.REHAB_STATS_SPLIT_MIN_BYTES) : SPLIT_MIN_BYTES;
  let worker;
  try {
    const stats = statSync(input);
    if (!stats.isFile() || !(stats.size >= min)) return undefined;
    worker = new Worker(entry, { workerData: { standby: true } });
  } catch {
    return undefined;
  }
  worker.unref();
  // A worker that fails before it is given its job is not given one (its 'exit' has been and
  // gone: the split would wait for it for ever); it starts one of its own. Without a listener an
  // 'error' would end the process.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    worker = undefined;
    exited();
  });
  return () => {
    const taken = worker;
    worker = undefined;
    // threadId is -1 once Node has begun to report the worker's exit; one that stops after this
    // is seen by the split, which listens for its exit from the moment it takes it (src/ingest/split.ts).
    if (taken === undefined || taken.threadId < 0) return undefined;
    taken.ref();
    return taken;
  };
}

module.exports = { standbyCountWorker, inputOf, SPLIT_MIN_BYTES };
