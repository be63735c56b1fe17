import type { Lang, ResultTable } from './model.js';
import { formatCell, isNumeric } from './numbers.js';

function escape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** A GitHub-flavoured Markdown table (numbers right-aligned), the national row last in bold, notes as a list. */
export function renderMarkdown(table: ResultTable, lang: Lang): string {
  const cols = table.columns.filter((c) => c.only !== 'machine' && c.only !== 'table');
  const out: string[] = [];
  if (table.title) out.push(`### ${escape(table.title)}`, '');
  out.push(`| ${cols.map((c) => escape(c.header)).join(' | ')} |`);
  out.push(`|${cols.map((c) => (isNumeric(c) ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of table.rows) out.push(`| ${cols.map((c) => escape(formatCell(c, r, lang))).join(' | ')} |`);
  for (const r of table.apart ?? []) {
    out.push(`| ${cols.map((c) => { const t = formatCell(c, r, lang); return t && t !== '–' ? `**${escape(t)}**` : escape(t); }).join(' | ')} |`);
  }
  if (table.notes.length) out.push('', ...table.notes.map((n) => `- ${escape(n)}`));
  return out.join('\n') + '\n';
}
