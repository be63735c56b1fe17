import MarkdownIt from 'markdown-it';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runRehab } from './harness.js';

/** Method names with Markdown and HTML in them, end to end through report and rank. */
const dir = mkdtempSync(join(tmpdir(), 'rehab-escape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NAMES: Record<string, string> = { KBT: 'KBT|x <script>alert(1)</script>', IPT: '[click](javascript:alert(1))', MMR: '<img src=x onerror=alert(1)>' };
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = readFileSync(join(ROOT, 'src', 'data', 'treatments.csv'), 'utf8')
  .trimEnd()
  .split('\n');
const input = join(dir, 'evil.csv');
writeFileSync(
  input,
  [
    lines[0],
    ...lines
      .slice(1)
      .filter((l) => /,(2014|2015),/.test(l))
      .map((l) => l.split(','))
      .map((c) => [...c.slice(0, 3), q(NAMES[c[3]!]!), c[4]].join(',')),
  ].join('\n') + '\n',
);
const md = new MarkdownIt({ html: true });

describe('data with Markdown and HTML in it', () => {
  it('report: the Markdown renders no tag, link or image from the data; the HTML has none either', async () => {
    const r = await runRehab(['report', '--input', input, '--markdown', join(dir, 'r.md'), '--html', join(dir, 'r.html'), '--quiet']);
    expect(r.status).toBe(0);
    const rendered = md.render(readFileSync(join(dir, 'r.md'), 'utf8'));
    expect(rendered).not.toMatch(/<script|<img|<a |javascript:alert\(1\)<\/a>/);
    expect(rendered).toContain('<h2>KBT|x &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(rendered).toContain('<h2>[click](javascript:alert(1))</h2>');
    // Every rank table row stays one row: 21 regions and Riket.
    const tables = [...rendered.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)];
    expect(tables[0]![1]!.match(/<tr>/g)).toHaveLength(22);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('rank --format markdown: the title and cells are text', async () => {
    const r = await runRehab(['rank', '--input', input, '--method', NAMES.IPT!, '--format', 'markdown']);
    expect(r.status).toBe(0);
    const rendered = md.render(r.stdout);
    expect(rendered).not.toMatch(/<a /);
    expect(rendered).toContain('<h3>[click](javascript:alert(1))');
  });
});
