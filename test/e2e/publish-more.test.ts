import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './harness.js';

/**
 * Publishing in the commands that print series, plots and units: trend, funnel, rank --by and
 * share --by COLUMN under --suppress, and the provenance record's optional time. The bundled
 * data's figures the tests rely on are named where they are used.
 */
const dir = mkdtempSync(join(tmpdir(), 'rehab-stats-publish-more-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type Row = Record<string, string>;
const csv = (text: string): Row[] => parse(text, { columns: true }) as Row[];

describe('funnel --suppress', () => {
  // IPT 2014: Gotland 6 (primary below 7), Jämtland Härjedalen 7 (secondary, as rank --suppress 7).
  // The funnel command draws English only (no --lang); its Swedish is the report's funnel.
  it('draws no point for a hidden count and names the regions left out', () => {
    const r = runCli(['funnel', '--method', 'IPT', '--year', '2014', '--suppress', '7']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/data-region="/g)?.length).toBe(19);
    expect(r.stdout).not.toContain('data-region="09"');
    expect(r.stdout).not.toContain('data-region="23"');
    expect(r.stdout).toContain('Not drawn (×): Region Gotland, Region Jämtland Härjedalen');
  });

  it('writes the chart and its provenance together', () => {
    const out = join(dir, 'funnel.svg');
    expect(runCli(['funnel', '--method', 'IPT', '--year', '2014', '--suppress', '7', '--output', out, '--provenance']).status).toBe(0);
    const p = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'));
    expect(p.command).toBe('funnel');
    expect(p.methods.funnel).toMatch(/Spiegelhalter/);
    expect(p.methods.suppression).toMatch(/^counts below 7 hidden/);
    expect(p).not.toHaveProperty('built_at');
  });
});

describe('--provenance-time', () => {
  it('takes SOURCE_DATE_EPOCH when set, so a pinned build stays reproducible', () => {
    const out = join(dir, 'ranked.csv');
    const args = ['rank', '--method', 'KBT', '--year', '2014', '--output', out, '--provenance', '--provenance-time'];
    expect(runCli(args, { env: { SOURCE_DATE_EPOCH: '1767225600' } }).status).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')).built_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('else the clock: an ISO time within this run', () => {
    const out = join(dir, 'clock.csv');
    const before = Date.now();
    expect(runCli(['share', '--year', '2014', '--output', out, '--provenance', '--provenance-time']).status).toBe(0);
    const t = Date.parse(JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')).built_at);
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('refuses a malformed SOURCE_DATE_EPOCH and --provenance-time without --provenance (exit 2)', () => {
    const bad = runCli(['rank', '--method', 'KBT', '--output', join(dir, 'x.csv'), '--provenance', '--provenance-time'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH=yesterday: expected whole seconds since 1970-01-01 UTC');
    const alone = runCli(['rank', '--method', 'KBT', '--provenance-time']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--provenance-time goes with --provenance');
  });
});
