import type { ChalkInstance } from 'chalk';
import { renderDelimited, renderDocument, renderJson } from './machine.js';
import { renderMarkdown } from './markdown.js';
import type { Column, Lang, LocalRow, LocalTable, TextFormat } from './model.js';
import { renderTextTable } from './text-table.js';

export interface RenderOptions {
  format: TextFormat;
  lang: Lang;
  chalk: ChalkInstance;
  /** Per-cell styling for the terminal table, given the shown (localised) row. */
  style?: (col: Column, row: LocalRow, text: string) => string;
  excel?: boolean;
  allowFormulas?: boolean;
}

/** One result, one string, in the chosen format. */
export function render(table: LocalTable, opts: RenderOptions): string {
  switch (opts.format) {
    case 'csv':
      return renderDelimited(table, ',', opts);
    case 'tsv':
      return renderDelimited(table, '\t', opts);
    case 'json':
      return table.document !== undefined ? renderDocument(table.document) : renderJson(table);
    case 'markdown':
      return renderMarkdown(table, opts.lang);
    case 'table':
      return renderTextTable(table, { lang: opts.lang, chalk: opts.chalk, ...(opts.style ? { style: opts.style } : {}) });
  }
}
