import { formatLocation } from '../errors.js';
import type { Checked } from '../domain/check-report.js';
import { describeYears } from '../domain/population.js';
import { msg, say, t, type Lang, type MessageId, type Text } from '../messages/index.js';

/** The human report, in `lang`. Pure. */
export function renderReport(c: Checked, lang: Lang): string {
  const r = c.report;
  const say_ = (m: Text) => say(m, lang);
  const lines = [r.file];
  const item = (label: MessageId & `check.label.${string}`, text: Text) => lines.push(`  ${t(lang, label).padEnd(10)} ${say_(text)}`);
  const more = '\n             ';
  if (r.only_regions && r.left_out) {
    const out = r.left_out;
    item('check.label.only', msg('check.only', { regions: r.only_regions, values: out.values, missing: out.missing, problems: out.problems }));
  }
  // A workbook's lines are the rows of its sheet.
  const at = (line: number) => msg(r.sheet !== undefined ? 'check.at-row' : 'check.at-line', { line });
  if (r.encoding !== undefined) {
    if (r.sheet !== undefined) item('check.label.sheet', msg('check.sheet', { sheet: r.sheet }));
    else {
      item('check.label.encoding', r.bom ? msg('check.with-bom', { encoding: r.encoding }) : r.encoding);
      item('check.label.delimiter', msg('check.delimiter', { delimiter: r.delimiter === 'tab' ? msg('delimiter.tab') : `"${r.delimiter}"`, decimal: r.decimal_mark ?? '' }));
    }
    const shape = r.shape === 'long' || r.shape === 'wide-years' || r.shape === 'wide-methods' || r.shape === 'record-level' ? msg(`check.shape.${r.shape}`) : (r.shape ?? '');
    const reading = r.reading === undefined ? undefined : msg(r.reading === 'as asked (--records)' ? 'check.reading.option' : 'check.reading.no-count-column');
    const header = at(r.header_line ?? 1);
    item('check.label.shape', reading ? msg('check.shape-reading', { shape, reading, at: header }) : msg('check.shape', { shape, at: header }));
    const column = (col: Checked['columns'][number]) =>
      col.note ? msg('check.column-note', { column: col.column, role: col.role, note: col.note }) : msg('check.column', { column: col.column, role: col.role });
    item('check.label.columns', c.columns.map((col) => say_(column(col))).join(more));
    const notData = r.not_data_lines ?? [];
    if (notData.length) item('check.label.not-data', notData.map((l) => `${say_(at(l.line))}: ${l.text.length > 60 ? l.text.slice(0, 59) + '…' : l.text}`).join(more));
    item('check.label.rows', msg('check.rows', { rows: r.rows ?? 0, values: r.values ?? 0 }));
    const years = r.years ?? [];
    item('check.label.years', years.length ? describeYears(years) : msg('check.none'));
    const methods = r.methods ?? [];
    item('check.label.methods', methods.length ? methods.join(', ') : r.values === 0 ? msg('check.none') : msg('check.methods-unnamed'));
    const found = r.regions ?? [];
    const absent = r.regions_absent ?? [];
    if (r.national) item('check.label.regions', msg('check.national'));
    else if (r.only_regions) {
      const asked = { n: found.length, of: r.only_regions.length };
      item('check.label.regions', absent.length ? msg('check.regions-asked-absent', { ...asked, absent }) : msg('check.regions-asked', asked));
    } else if (!absent.length) item('check.label.regions', msg('check.regions-all', { n: found.length }));
    else if (found.length === 0) item('check.label.regions', msg('check.regions-none'));
    else if (found.length <= absent.length) item('check.label.regions', msg('check.regions-few', { n: found.length, found, absent: absent.length }));
    else item('check.label.regions', msg('check.regions-most', { n: found.length, absent }));
    const missing = r.missing ?? [];
    if (missing.length) {
      const listed = missing.slice(0, 10).map((m) => msg('check.missing-value', { at: at(m.line), column: m.column, marker: m.marker || msg('note.empty-marker') }));
      item('check.label.missing', msg(missing.length > 10 ? 'check.missing-more' : 'check.missing', { n: missing.length, values: listed }));
    }
  }
  if (c.problems.length === 0) item('check.label.problems', msg('check.none'));
  else {
    item('check.label.problems', String(c.problems.length));
    for (const p of c.problems) {
      const where = formatLocation(
        {
          file: r.file,
          ...(r.sheet !== undefined ? { sheet: r.sheet } : {}),
          ...(p.line !== undefined ? { line: p.line } : {}),
          ...(p.column !== undefined ? { column: p.column } : {}),
          ...(p.cell !== undefined ? { cell: p.cell } : {}),
        },
        lang,
      );
      lines.push(`    ${where}: ${say_(p.message)}`);
      if (p.hint !== undefined && p.hint !== '') lines.push(`      ${t(lang, 'label.hint')}: ${say_(p.hint)}`);
    }
  }
  return lines.join('\n') + '\n';
}
