import type { FunnelCurvePoint } from '../stats/funnel-curve.js';
import type { Lang, LocalTable } from '../render/model.js';
import { escapeMarkdown, renderMarkdown } from '../render/markdown.js';
import { escapeHtml, renderHtmlTable } from '../render/html.js';
import { formatNumber } from '../render/numbers.js';
import type { MethodSection, ReportModel } from './build.js';
import { rankChart, trendChart } from './svg.js';
import { markRow } from './publish.js';
import { localRow } from '../render/localise.js';
import { HIDDEN_MARKER } from '../domain/publish.js';
import { provenanceLines } from './provenance-text.js';
import { funnelWords, funnelSvg } from '../render/funnel-svg.js';
import { funnelLabelOf } from '../domain/funnel-plot.js';
import { mapWords, tileMap } from '../render/map.js';
import { comparisonSentence, extremes, headline, shareSentence } from './text.js';
import { say, t } from '../messages/index.js';
import { COMPARISON_WORDS, wordFor } from '../render/words.js';

/** The tables of one method's section, with headers in the report's language. */
function sectionTables(s: MethodSection, model: ReportModel, lang: Lang): { rank: LocalTable; growth: LocalTable } {
  const vs = (v: unknown) => {
    const word = typeof v === 'string' ? wordFor(COMPARISON_WORDS, v) : undefined;
    return word ? say(word, lang) : '';
  };
  return {
    rank: {
      title: t(lang, 'report.rank-title', { method: s.method, per: model.per, year: s.year }),
      columns: [
        { key: 'rank', header: t(lang, 'header.rank'), type: 'integer', empty: '' },
        { key: 'region', header: t(lang, 'header.region'), type: 'text' },
        { key: 'count', header: t(lang, 'header.count'), type: 'integer' },
        { key: 'rate', header: t(lang, 'report.header-per', { per: model.per }), type: 'rate' },
        { key: 'ci', header: t(lang, 'header.ci', { level: 95 }), type: 'interval', keys: ['rate_lower', 'rate_upper'] },
        { key: 'vs', header: t(lang, 'report.header-vs'), type: 'text', empty: '' },
      ],
      rows: s.ranked.map((r) => localRow(markRow({ ...r, vs: vs(r.vs_national) }, s.hidden?.get(r), ['vs']), lang)),
      apart: [localRow(markRow({ ...s.national, rank: null, vs: '' }, s.hidden?.get(s.national), ['vs']), lang)],
      notes: [],
    },
    growth: {
      title: t(lang, 'report.growth-title', { method: s.method, from: s.since, to: s.year }),
      columns: [
        { key: 'region', header: t(lang, 'header.region'), type: 'text' },
        { key: 'base_count', header: String(s.since), type: 'integer' },
        { key: 'count', header: String(s.year), type: 'integer' },
        { key: 'change_pct', header: t(lang, 'header.change'), type: 'signed-percent' },
        { key: 'cagr_pct', header: t(lang, 'header.per-year'), type: 'signed-percent', digits: 1 },
      ],
      rows: s.growth.rows.map((r) => localRow(markRow(r, s.hidden?.get(r)), lang)),
      apart: [localRow(markRow(s.growth.national, s.hidden?.get(s.growth.national)), lang)],
      notes: [],
    },
  };
}

function sharesTable(model: ReportModel, lang: Lang): LocalTable | undefined {
  const rows = model.sections
    .filter((s) => s.share || s.shareHidden)
    .map((s) =>
      s.share
        ? { method: s.method, count: s.share.count, share: s.share.pct, lower: s.share.lower, upper: s.share.upper }
        : { method: s.method, count: HIDDEN_MARKER, share: HIDDEN_MARKER, lower: HIDDEN_MARKER, upper: HIDDEN_MARKER },
    );
  if (!rows.length) return undefined;
  return {
    title: t(lang, 'report.shares-title', { year: model.year }),
    columns: [
      { key: 'method', header: t(lang, 'header.method'), type: 'text' },
      { key: 'count', header: t(lang, 'header.count'), type: 'integer' },
      { key: 'share', header: t(lang, 'header.share'), type: 'percent', digits: 1 },
      { key: 'ci', header: t(lang, 'header.ci', { level: 95 }), type: 'interval', keys: ['lower', 'upper'] },
    ],
    rows,
    notes: [],
  };
}

function sentences(s: MethodSection, model: ReportModel, lang: Lang): string[] {
  return [headline(s, lang), extremes(s, model, lang), comparisonSentence(s, lang), shareSentence(s, lang)].filter((x): x is string => !!x);
}

/** With --region: which regions the report covers, and what stays national. */
function scopeSentence(model: ReportModel, lang: Lang): string | undefined {
  if (!model.regions) return undefined;
  const names = model.regions;
  const list = names.length <= 1 ? names.join('') : t(lang, 'report.list-and', { first: names.slice(0, -1).join(', '), last: names.slice(-1).join('') });
  return t(lang, 'report.only-regions', { names: list });
}

function footnotes(model: ReportModel, lang: Lang, builtAt?: string): string[] {
  return [
    t(lang, 'report.data', { label: model.dataLabel }),
    t(lang, 'report.population', { label: model.populationLabel }),
    t(lang, 'report.method-note-rates'),
    t(lang, 'report.method-note-growth'),
    ...(model.publish && model.publish.suppress > 0 ? [t(lang, 'report.suppressed', { n: model.publish.suppress, marker: HIDDEN_MARKER })] : []),
    ...(model.publish && model.publish.roundTo > 1 ? [t(lang, 'report.rounded', { k: model.publish.roundTo })] : []),
    ...(model.provenance ? provenanceLines(model.provenance, lang) : []),
    ...(builtAt ? [t(lang, 'report.built', { at: builtAt })] : []),
  ];
}

/** The report as Markdown (tables and sentences; the charts are in the HTML). */
export function reportMarkdown(model: ReportModel, lang: Lang, builtAt?: string): string {
  const out = [`# ${t(lang, 'report.title', { year: model.year })}`, ''];
  const only = scopeSentence(model, lang);
  if (only) out.push(escapeMarkdown(only), '');
  for (const s of model.sections) {
    // Method names, region names and file names come from the data: literal text, never Markdown.
    out.push(`## ${escapeMarkdown(s.method)}`, '', ...sentences(s, model, lang).map(escapeMarkdown), '');
    const tables = sectionTables(s, model, lang);
    out.push(renderMarkdown(tables.rank, lang), renderMarkdown(tables.growth, lang));
  }
  const b = model.breakSection;
  if (b) out.push(`## ${escapeMarkdown(b.title)}`, '', ...b.sentences.map(escapeMarkdown), '', renderMarkdown(b.table, lang));
  const shares = sharesTable(model, lang);
  if (shares) out.push(renderMarkdown(shares, lang));
  out.push(`## ${t(lang, 'report.methods')}`, '', ...footnotes(model, lang, builtAt).map((n) => `- ${escapeMarkdown(n)}`), '');
  return out.join('\n');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #212529; line-height: 1.45; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #dee2e6; padding-bottom: .2rem; }
p.lead { font-size: 1.1rem; }
table { border-collapse: collapse; margin: 1rem 0 1.5rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #e9ecef; text-align: left; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; border-top: 2px solid #adb5bd; }
figure { margin: 1rem 0; overflow-x: auto; }
footer { margin-top: 3rem; font-size: .85rem; color: #495057; }
`.trim();

/** The section's funnel plot: each region's rate against its population, PHE's Poisson limits. */
function funnelFigure(s: MethodSection, curve: FunnelCurvePoint[], national: number, per: number, lang: Lang): string {
  return funnelSvg({
    id: s.method,
    title: t(lang, 'report.funnel-title', { method: s.method, year: s.year }),
    yLabel: t(lang, 'funnel.per', { per }),
    target: national,
    targetLabel: say(s.national.region, lang),
    points: s.ranked.flatMap((r) => (r.rate === null ? [] : [{ code: r.region_code, name: r.region, population: r.population, rate: r.rate, label: funnelLabelOf(r.funnel) }])),
    curve,
    limitsNote: t(lang, 'note.funnel-limits'),
    format: (v, digits) => formatNumber(v, digits, lang),
    text: funnelWords(lang),
    lang,
  });
}

/** The section's tile map of the regions, coloured by rate. */
function reportMap(s: MethodSection, model: ReportModel, lang: Lang): string {
  const unit = t(lang, 'map.unit', { per: model.per });
  const regions = s.ranked.map((r) => ({ code: r.region_code, name: r.region, rate: r.rate }));
  return tileMap(regions, { title: t(lang, 'report.map-title', { method: s.method, per: model.per, year: s.year }), colourBy: 'rate', lang, unit, words: mapWords(lang) });
}

/** The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external assets. */
export function reportHtml(model: ReportModel, lang: Lang, builtAt?: string): string {
  const title = t(lang, 'report.title', { year: model.year });
  const out = [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  const only = scopeSentence(model, lang);
  if (only) out.push(`<p>${escapeHtml(only)}</p>`);
  for (const s of model.sections) {
    const [first, ...rest] = sentences(s, model, lang);
    out.push(`<section id="${escapeHtml(s.method.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}">`, `<h2>${escapeHtml(s.method)}</h2>`);
    if (first) out.push(`<p class="lead">${escapeHtml(first)}</p>`);
    if (rest.length) out.push(`<p>${rest.map(escapeHtml).join(' ')}</p>`);
    const national = typeof s.national.rate === 'number' ? s.national.rate : null;
    out.push(`<figure>\n${rankChart(s.ranked, national, t(lang, 'report.chart-bars', { method: s.method, year: s.year }), lang)}\n</figure>`);
    if (s.funnel && national !== null) out.push(`<figure>\n${funnelFigure(s, s.funnel, national, model.per, lang)}</figure>`);
    // A map of a few regions among 21 blank tiles would read as "no rate": with --region, no map.
    if (!model.regions) out.push(`<figure>\n${reportMap(s, model, lang)}\n</figure>`);
    const tables = sectionTables(s, model, lang);
    out.push(renderHtmlTable(tables.rank, lang), renderHtmlTable(tables.growth, lang), '</section>');
  }
  const b = model.breakSection;
  if (b)
    out.push(
      '<section id="break">',
      `<h2>${escapeHtml(b.title)}</h2>`,
      `<p>${b.sentences.map(escapeHtml).join(' ')}</p>`,
      `<figure>\n${b.svg}\n</figure>`,
      renderHtmlTable(b.table, lang),
      '</section>',
    );
  const shares = sharesTable(model, lang);
  const trend = t(lang, 'report.trend');
  out.push('<section id="trend">', `<h2>${escapeHtml(trend)}</h2>`);
  out.push(
    `<figure>\n${trendChart(
      model.sections.map((s) => ({ name: s.method, points: s.series })),
      trend,
      lang,
    )}\n</figure>`,
  );
  if (shares) out.push(renderHtmlTable(shares, lang));
  out.push('</section>');
  out.push(
    '<footer>',
    `<h2>${escapeHtml(t(lang, 'report.methods'))}</h2>`,
    '<ul>',
    ...footnotes(model, lang, builtAt).map((n) => `<li>${escapeHtml(n)}</li>`),
    '</ul>',
    '</footer>',
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}
