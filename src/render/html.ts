import type { Lang, LocalTable } from './model.js';
import { formatCell, isNumeric } from './numbers.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An HTML table: numbers right-aligned, the rows shown apart (Riket) in a tfoot. No notes. */
export function renderHtmlTable(table: LocalTable, lang: Lang): string {
  const cols = table.columns.filter((c) => c.only !== 'machine' && c.only !== 'table');
  const cell = (tag: string, c: (typeof cols)[number], text: string) => `<${tag}${isNumeric(c) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const out = ['<table>'];
  if (table.title) out.push(`<caption>${escapeHtml(table.title)}</caption>`);
  out.push(`<thead><tr>${cols.map((c) => cell('th', c, c.header)).join('')}</tr></thead>`);
  out.push('<tbody>');
  for (const r of table.rows) out.push(`<tr>${cols.map((c) => cell('td', c, formatCell(c, r, lang))).join('')}</tr>`);
  out.push('</tbody>');
  if (table.apart?.length) {
    out.push('<tfoot>');
    for (const r of table.apart) out.push(`<tr>${cols.map((c) => cell('td', c, formatCell(c, r, lang))).join('')}</tr>`);
    out.push('</tfoot>');
  }
  out.push('</table>');
  return out.join('\n');
}
