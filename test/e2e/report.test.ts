import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';
import { FULL } from '../helpers/tier.js';

const BIN = join(ROOT, 'bin', 'rehab-stats.js');
const GOLDEN = join(ROOT, 'test', 'golden');
const work = mkdtempSync(join(tmpdir(), 'rehab-stats-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1', LANG: 'C' } });
}

/** Compares a generated file with test/golden/NAME; UPDATE_GOLDEN=1 rewrites it. */
function expectGolden(name: string, actual: string) {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(existsSync(file), `no golden ${name}; run UPDATE_GOLDEN=1 npx vitest run test/e2e`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('report from a config file, in Swedish', () => {
  const dir = join(work, 'sv');
  cpSync(join(ROOT, 'fixtures', 'report'), dir, { recursive: true });
  const first = run(['report'], dir);

  it('writes the Markdown and HTML named in rehab-stats.config.json', () => {
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('wrote out/rapport.md, out/rapport.html\n');
    expectGolden('report-sv.md', readFileSync(join(dir, 'out', 'rapport.md'), 'utf8'));
    expectGolden('report-sv.html', readFileSync(join(dir, 'out', 'rapport.html'), 'utf8'));
  });

  it('writes numbers the Swedish way, from the data', () => {
    const md = readFileSync(join(dir, 'out', 'rapport.md'), 'utf8');
    expect(md).toContain('År 2014 fick 50 440 personer KBT – en ökning med 94 procent jämfört med 2009.');
    expect(md).toContain('IPT utgjorde 2 procent av alla behandlingar 2014.');
  });

  it('is byte-identical when built again, and --check agrees', () => {
    const before = readFileSync(join(dir, 'out', 'rapport.html'));
    expect(run(['report'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'out', 'rapport.html')).equals(before)).toBe(true);
    const check = run(['report', '--check'], dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toBe('up to date: out/rapport.md, out/rapport.html\n');
  });

  it('--check exits 7 with a summary when a file differs, and writes nothing', () => {
    const md = join(dir, 'out', 'rapport.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('94 procent', '95 procent'));
    const mtime = statSync(md).mtimeMs;
    const check = run(['report', '--check'], dir);
    expect(check.status).toBe(7);
    expect(check.stderr).toContain('rehab-stats: report out of date: out/rapport.md: differs from a fresh build from line 5');
    expect(check.stderr).toContain('- År 2014 fick 50 440 personer KBT – en ökning med 95 procent');
    expect(statSync(md).mtimeMs).toBe(mtime);
  });

  it('lets options override the config', () => {
    const r = run(['report', '--lang', 'en', '--method', 'KBT', '--markdown', 'en.md', '--html', 'en.html'], dir);
    expect(r.status).toBe(0);
    expectGolden('report-en-kbt.md', readFileSync(join(dir, 'en.md'), 'utf8'));
    expect(readFileSync(join(dir, 'en.md'), 'utf8')).toContain('In 2014, 50,440 people received KBT – an increase of 94 percent compared with 2009.');
  });

  it('names an unknown config key', () => {
    const r = run(['report', '--config', 'bad-key.config.json'], dir);
    expect(r.status).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'rehab-stats: error: bad-key.config.json: unknown key "yeer"\nhint: did you mean "year"? Keys: "input", "sheet", "population", "methods", "regions", "year", "from", "per", "lang", "outputs", "timestamp", "suppress", "roundCounts", "break"\n',
    );
  });

  it('never writes over an input', () => {
    const r = run(['report', '--input', 'rehab-stats.config.json', '--markdown', 'rehab-stats.config.json'], dir);
    expect(r.status).not.toBe(0);
    expect(readFileSync(join(dir, 'rehab-stats.config.json'), 'utf8')).toContain('"methods"');
  });
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

// A Chromium start costs seconds: the full tier only (npm run test:full, CI).
describe.skipIf(!chromium || !FULL)('the HTML report in a real browser', () => {
  it('renders to a screenshot offline, without console errors or failed loads', () => {
    const dir = join(work, 'browser');
    cpSync(join(ROOT, 'fixtures', 'report'), dir, { recursive: true });
    expect(run(['report'], dir).status).toBe(0);
    const shot = join(dir, 'shot.png');
    const r = spawnSync(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--enable-logging=stderr',
        '--v=0',
        '--window-size=1100,3000',
        `--screenshot=${shot}`,
        `file://${join(dir, 'out', 'rapport.html')}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    // A PNG, and not a blank one.
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(50_000);
    const log = r.stderr.split('\n');
    expect(log.filter((l) => /CONSOLE|Uncaught|net::ERR_|Failed to load/.test(l))).toEqual([]);
  }, 90_000);
});
