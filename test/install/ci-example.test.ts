import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * rehab-stats used from a data repository's CI, as README "Reports for CI and spreadsheets" says:
 * the package packed with `npm pack`, installed from that tarball into a repository holding an
 * export and the example config, then the example GitHub Actions workflow's own `run:` steps
 * (and examples/ci-report.sh) executed there. Run by `npm run test:install` (npm install takes
 * longer than the whole of `npm test`), which .ci/run runs after `npm test`.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rehab-stats-install-'));
const repo = join(work, 'data-repo');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}
const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-actions.yml'), 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

/** A command as the workflow's shell would run it, in the data repository; npm from its cache first. */
function sh(command: string) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', command], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', NO_COLOR: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
    timeout: 300_000,
  });
}

beforeAll(() => {
  // The tarball a release would publish (dist/ is built by npm run build before this test).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, stdio: 'ignore' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  mkdirSync(join(repo, 'data'), { recursive: true });
  copyFileSync(join(ROOT, 'examples', 'rehab-stats.config.json'), join(repo, 'rehab-stats.config.json'));
  copyFileSync(join(ROOT, 'examples', 'ci-report.sh'), join(repo, 'ci-report.sh'));
  // An export with KBT, IPT and MMR since 2009, as the example config asks for.
  copyFileSync(join(ROOT, 'src', 'data', 'treatments.csv'), join(repo, 'data', 'behandlingar.csv'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ private: true, devDependencies: { 'rehab-stats': `file:../${tarball!}` } }, null, 2));
  // A repository of its own (ci-report.sh shows `git diff` of the report).
  expect(sh('git init -q').status).toBe(0);
  const installed = sh('npm install');
  expect(installed.status, installed.stderr).toBe(0);
  // The report as the repository would commit it.
  const made = sh('npx rehab-stats report');
  expect(made.status, made.stderr).toBe(0);
}, 300_000);

describe('examples/github-actions.yml', () => {
  it('is a workflow: checkout, Node 20, then npm ci, check and report --check', () => {
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npx rehab-stats check data/behandlingar.csv',
      'npx rehab-stats report --check',
    ]);
    expect(steps[1]!.with).toEqual({ 'node-version': 20 });
    expect(Object.values(workflow.jobs)[0]!['runs-on']).toBe('ubuntu-latest');
  });

  it('passes in a data repository with rehab-stats installed from the packed tarball', () => {
    for (const step of steps.filter((s) => s.run !== undefined)) {
      const r = sh(step.run!);
      expect(r.status, `${step.run!}\n${r.stderr}`).toBe(0);
    }
    expect(sh('npx rehab-stats report --check').stdout).toBe('up to date: report/rapport.md, report/rapport.html\n');
  }, 300_000);

  it('fails with exit 7 when the export changes and the committed report does not', () => {
    const data = join(repo, 'data', 'behandlingar.csv');
    const before = readFileSync(data, 'utf8');
    // One more MMR treatment in Norrbotten in 2015 (the file's last row).
    expect(before.trimEnd().endsWith('\n25,Region Norrbotten,2015,MMR,201')).toBe(true);
    writeFileSync(data, before.trimEnd().replace(/201$/, '202') + '\n');
    try {
      const r = sh('npx rehab-stats report --check');
      expect(r.status).toBe(7);
      expect(r.stderr).toContain('report out of date');
      // examples/ci-report.sh regenerates the report and still fails, so the diff is looked at.
      const script = sh('bash ci-report.sh');
      expect(script.status).toBe(7);
      expect(sh('npx rehab-stats report --check').status).toBe(0);
    } finally {
      writeFileSync(data, before);
    }
  }, 300_000);
});
