import { describe, expect, it } from 'vitest';
import { runRehab } from './harness.js';

describe('rehab-stats funnel', () => {
  it('draws one point per region with data-region and a <title>, placed as rank --funnel classifies it', async () => {
    const svg = await runRehab(['funnel', '--method', 'KBT', '--year', '2014']);
    expect(svg.status).toBe(0);
    expect(svg.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const points = [...svg.stdout.matchAll(/<g data-region="(\d\d)"><title>([^<]*)<\/title>(<[^>]*>)<\/g>/g)];
    expect(points.length).toBe(21);
    const rank = await runRehab(['rank', '--method', 'KBT', '--year', '2014', '--funnel', '--format', 'json']);
    const rows = JSON.parse(rank.stdout) as { region_code: string; region: string; funnel: string }[];
    for (const [, code, title, mark] of points) {
      const row = rows.find((r) => r.region_code === code)!;
      expect(title).toContain(row.region);
      expect(title).toContain(`(${row.funnel})`);
      // colour and shape from the shared Okabe–Ito palette: blue ▲ above, orange ▼ below, grey ● within
      const colour = row.funnel.startsWith('above') ? '#0072B2' : row.funnel.startsWith('below') ? '#E69F00' : '#999999';
      expect(mark).toContain(`fill="${colour}"`);
      expect(mark!.startsWith(row.funnel === 'within' ? '<circle' : '<path')).toBe(true);
    }
    // the 95% and 99.8% limits and the national line
    expect(svg.stdout.match(/class="limit-95"/g)?.length).toBe(2);
    expect(svg.stdout.match(/class="limit-998"/g)?.length).toBe(2);
    expect(svg.stdout).toContain('class="target"');
  });

  it('writes to --output, and refuses to overwrite an input', async () => {
    const out = await runRehab(['funnel', '--method', 'KBT', '--input', 'fixtures/kolada.csv', '--output', 'fixtures/kolada.csv']);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/kolada\.csv/);
  });
});
