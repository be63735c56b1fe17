import type { TallyHeadline, TallyResult } from '../domain/tally.js';
import { msg, type Message, type Text } from '../messages/index.js';
import { intervalColumns } from './columns.js';
import type { ResultTable } from './model.js';

/** The tally table: per method and answer the regions, their share with its interval, and (machine formats) which regions. */
export function tallyTable(r: TallyResult): ResultTable {
  return {
    title: msg('title.tally', { column: r.column }),
    columns: [
      { key: 'method', header: msg('header.method'), type: 'text' },
      { key: 'answer', header: msg('header.answer'), type: 'text' },
      { key: 'regions', header: msg('header.regions'), type: 'integer' },
      { key: 'of', header: msg('header.of'), type: 'integer' },
      { key: 'share_pct', header: msg('header.share'), type: 'percent' },
      ...intervalColumns('share_lower', 'share_upper', msg('header.ci-pct'), 0),
      { key: 'region_list', header: msg('header.regions-answering'), type: 'text', only: 'machine' },
    ],
    rows: r.answers.map((a) => ({
      method: a.method,
      answer: a.answer,
      regions: a.n,
      of: a.of,
      share_pct: a.share * 100,
      share_lower: a.interval.lower * 100,
      share_upper: a.interval.upper * 100,
      region_list: a.regions.map((region) => region.name).join('; '),
    })),
    notes: [
      ...r.headlines.map(headlineNote),
      ...r.nationalAnswers.map((n) => msg('note.tally-national', { method: n.method, answer: n.answer })),
      r.input !== undefined ? msg('note.data', { source: r.input }) : msg('note.tally-bundled'),
      msg('note.wilson'),
    ],
  };
}

/** "10 of 21 regions answered god or relativt god (48%, 95% CI 28–68%)." */
function headlineNote(h: TallyHeadline): Message {
  const answers: Text = h.answers.length > 1 ? msg('tally.or', { first: h.answers.slice(0, -1).join(', '), last: h.answers.at(-1) ?? '' }) : (h.answers[0] ?? '');
  return msg('note.tally-headline', {
    method: h.method ? msg('tally.method', { method: h.method }) : '',
    hits: h.hits,
    total: h.total,
    answers,
    pct: Math.round((h.hits / h.total) * 100),
    lower: Math.round(h.interval.lower * 100),
    upper: Math.round(h.interval.upper * 100),
  });
}
