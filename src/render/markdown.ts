import type { Lang, LocalTable } from './model.js';
import { formatCell, isNumeric } from './numbers.js';

/**
 * Text from the data as literal Markdown: nothing in it can end a table cell or row, start a
 * block (heading, list, quote), format, link or embed HTML. A pipe is escaped; a line break
 * becomes <br> (the one HTML tag we write, so a cell stays one row); `<` and `>` become entities,
 * so `<script>` is text; the characters of emphasis, code and links are backslash-escaped, so
 * `[x](javascript:…)` is text, not a link. `&` is escaped only where it would start an entity.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/[\\`*_{}[\]~|!]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, '<br>')
    .replace(/^(\s*)([-+*=#])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}
const escape = escapeMarkdown;

/** A GitHub-flavoured Markdown table (numbers right-aligned), the national row last in bold, notes as a list. */
export function renderMarkdown(table: LocalTable, lang: Lang): string {
  const cols = table.columns.filter((c) => c.only !== 'machine' && c.only !== 'table');
  const out: string[] = [];
  if (table.title) out.push(`### ${escape(table.title)}`, '');
  out.push(`| ${cols.map((c) => escape(c.header)).join(' | ')} |`);
  out.push(`|${cols.map((c) => (isNumeric(c) ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of table.rows) out.push(`| ${cols.map((c) => escape(formatCell(c, r, lang))).join(' | ')} |`);
  for (const r of table.apart ?? []) {
    out.push(
      `| ${cols
        .map((c) => {
          const t = formatCell(c, r, lang);
          return t && t !== '–' ? `**${escape(t)}**` : escape(t);
        })
        .join(' | ')} |`,
    );
  }
  if (table.notes.length) out.push('', ...table.notes.map((n) => `- ${escape(n)}`));
  return out.join('\n') + '\n';
}
