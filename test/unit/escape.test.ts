import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtmlTable } from '../../src/render/html.js';
import { renderDelimited } from '../../src/render/machine.js';
import { escapeMarkdown, renderMarkdown } from '../../src/render/markdown.js';
import type { LocalTable } from '../../src/render/model.js';
import { runs } from '../helpers/tier.js';

/**
 * Text from the data must come out of every human format as text: in Markdown it cannot split
 * a row, start a block, format, link or embed HTML; in HTML it cannot open a tag or leave an
 * attribute; in CSV (also --excel) a cell with a line break stays one quoted cell. Checked with
 * a real CommonMark + GFM-tables parser (markdown-it, raw HTML allowed as many renderers do)
 * and csv-parse, over tricky hand-picked cells and random strings.
 */
const md = new MarkdownIt({ html: true, linkify: false });

const table = (cells: string[], extra: Partial<LocalTable> = {}): LocalTable => ({
  columns: [
    { key: 'name', header: 'Name', type: 'text' },
    { key: 'count', header: 'Count', type: 'integer' },
  ],
  rows: cells.map((name, i) => ({ name, count: i })),
  notes: [],
  ...extra,
});

const decode = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of every body cell of the first column, as a Markdown renderer shows it. */
function firstColumn(markdown: string): string[] {
  const html = md.render(markdown);
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => decode(m[1]!));
}

/** What a cell shows: line breaks as LF, surrounding spaces and tabs trimmed (Markdown trims cells). */
const shown = (s: string) => s.replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n').replace(/^[ \t]+|[ \t]+$/g, '');

const TRICKY = [
  'a | b',
  'line one\nline two',
  'crlf\r\nand cr\ronly',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![img](javascript:alert(1))',
  '<javascript:alert(1)>',
  '*bold* _it_ `code` ~~gone~~',
  '- a list?',
  '# a heading?',
  '1. ordered?',
  '> quote?',
  'back\\slash \\| \\',
  '&amp; &#60; &lt; & AT&T',
  'Västra Götalands län',
];

describe('Markdown', () => {
  it('every tricky cell stays one cell of one row and reads as typed', () => {
    const out = renderMarkdown(table(TRICKY), 'en');
    expect(firstColumn(out)).toEqual(TRICKY.map(shown));
    const html = md.render(out);
    expect(html).not.toMatch(/<script|<img|<a |<code|<em|<strong>(?!\d)|<del|<h[1-6]>|<ol|<blockquote/);
  });

  it('any string from the data reads back as itself (random cells)', () => {
    const alphabet = fc.constantFrom(...'ab 1|\\`*_[]()<>!&#;:-+=~{}\n\r\t.é'.split(''), 'javascript:', '<script>', '&amp;', '\r\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          // A tab is whitespace in Markdown; compare what a reader sees.
          const expected = cells.map((c) => shown(c).replace(/\t/g, ' '));
          expect(firstColumn(renderMarkdown(table(cells), 'en')).map((c) => c.replace(/\t/g, ' '))).toEqual(expected);
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it('titles and notes from the data are text, not blocks, links or HTML', () => {
    const out = renderMarkdown(table(['x'], { title: '<script>x</script> [a](javascript:b)', notes: ['- nested?\nsplit', '<b>bold</b>'] }), 'en');
    const html = md.render(out);
    expect(html).toContain('<h3>&lt;script&gt;x&lt;/script&gt; [a](javascript:b)</h3>');
    expect(html).toContain('<li>- nested?<br>split</li>');
    expect(html).toContain('<li>&lt;b&gt;bold&lt;/b&gt;</li>');
    expect(html).not.toMatch(/<a |<script|<b>/);
  });

  it('leaves ordinary text as it is', () => {
    expect(escapeMarkdown('Region Stockholm 12.3–45.6 (95% CI), −3 %')).toBe('Region Stockholm 12.3–45.6 (95% CI), −3 %');
  });
});

describe('HTML', () => {
  it('escapes everything that could open a tag or leave an attribute', () => {
    for (const s of [...TRICKY, `" onmouseover="x`, `' onfocus='x`]) expect(escapeHtml(s)).not.toMatch(/[<>"']/);
  });

  it('a table cell with <script> is text', () => {
    const html = renderHtmlTable(table(['<script>alert(1)</script>'], { title: '<b>t</b>' }), 'en');
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<caption>&lt;b&gt;t&lt;/b&gt;</caption>');
    expect(html).not.toMatch(/<script|<b>/);
  });
});

describe('CSV and --excel', () => {
  const cellsOf = (text: string, delimiter: string) =>
    parse(text.replace(/^\ufeff/, ''), { delimiter, relax_quotes: false })
      .slice(1)
      .map((r) => r[0]);

  it('a line break in a cell is quoted, with CRLF (--excel) and LF row ends', () => {
    const cells = ['one\ntwo', 'cr\ronly', 'crlf\r\nboth', 'semi;colon', 'quote"d'];
    const excel = renderDelimited(table(cells), ',', { excel: true, allowFormulas: true });
    expect(excel).toContain('"one\ntwo";0\r\n');
    expect(excel).toContain('"cr\ronly";1\r\n');
    expect(cellsOf(excel, ';')).toEqual(cells);
    expect(cellsOf(renderDelimited(table(cells), ',', { allowFormulas: true }), ',')).toEqual(cells);
    expect(cellsOf(renderDelimited(table(cells), '\t', { allowFormulas: true }), '\t')).toEqual(cells);
  });

  it('any cell reads back as itself, in every delimited flavour (random cells)', () => {
    const alphabet = fc.constantFrom(...'ab ;,\t"\'\n\r1é'.split(''));
    fc.assert(
      fc.property(
        fc.array(
          fc.array(alphabet, { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          for (const [delimiter, opts, sep] of [
            [',', { excel: true }, ';'],
            [',', {}, ','],
            ['\t', {}, '\t'],
          ] as const) {
            expect(cellsOf(renderDelimited(table(cells), delimiter, { ...opts, allowFormulas: true }), sep)).toEqual(cells);
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
