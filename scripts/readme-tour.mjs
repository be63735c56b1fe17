#!/usr/bin/env node
// The README tour shows real output. This script runs every ```console block's command
// (first line "$ rehab-stats …", optionally "| head -n N" or "| tail -n N") with the built
// CLI and either checks the block (default; exit 1 on a difference) or rewrites it (--update).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const readmePath = new URL('README.md', root);
const bin = new URL('bin/rehab-stats.js', root).pathname;

/** A block's command line: the arguments after rehab-stats, and the head or tail it is cut to. */
export function parseBlockCommand(line) {
  const m = /^\$ rehab-stats(.*?)(?:\s*\|\s*(head|tail) -n (\d+))?$/.exec(line);
  if (!m) throw new Error(`not a tour command: ${line}`);
  const args = [...m[1].matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]);
  return { args, cut: m[2] ? { end: m[2], lines: Number(m[3]) } : undefined };
}

/** The environment of every tour command: no colour, English, no population cache. */
export const TOUR_ENV = { NO_COLOR: '1', LANG: 'C', XDG_CACHE_HOME: new URL('test/no-such-cache', root).pathname };

/** stdout as the block shows it: without its last line break, cut to its head or tail. */
export function shownOutput(stdout, cut) {
  let lines = stdout.replace(/\n$/, '').split('\n');
  if (cut?.end === 'head') lines = lines.slice(0, cut.lines);
  if (cut?.end === 'tail') lines = lines.slice(-cut.lines);
  return lines.join('\n');
}

export function runBlockCommand(line) {
  const { args, cut } = parseBlockCommand(line);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root.pathname, encoding: 'utf8', env: { PATH: process.env.PATH, ...TOUR_ENV } });
  return shownOutput(r.stdout, cut);
}

export function tourBlocks(text) {
  return [...text.matchAll(/```console\n(\$ rehab-stats[^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ command: m[1], output: m[2].replace(/\n$/, ''), whole: m[0] }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let text = readFileSync(readmePath, 'utf8');
  let differ = 0;
  for (const b of tourBlocks(text)) {
    const actual = runBlockCommand(b.command);
    if (actual !== b.output) {
      differ++;
      if (process.argv.includes('--update')) text = text.replace(b.whole, `\`\`\`console\n${b.command}\n${actual}\n\`\`\``);
      else console.error(`README block differs: ${b.command}`);
    }
  }
  if (process.argv.includes('--update')) {
    writeFileSync(readmePath, text);
    console.log(`updated ${differ} block(s)`);
  } else if (differ) process.exitCode = 1;
}
