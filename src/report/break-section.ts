import type { BreakResult } from '../domain/break-analysis.js';
import type { Series } from '../domain/trend-series.js';
import { breakChart } from '../render/break-chart.js';
import { breakSentences } from '../render/break-text.js';
import type { Lang, LocalColumn, LocalRow, LocalTable } from '../render/model.js';
import { msg, say, t, type Text } from '../messages/index.js';
import { HIDDEN_MARKER, type PublishRule } from '../domain/publish.js';
import { breakOnShown, protectSeries, restCounts } from '../domain/publish-trend.js';
import { withRates } from '../domain/trend-series.js';
import type { PopulationTable } from '../domain/population.js';

/** The report's break section: a heading, the sentences, the yearly table and the chart. */
export interface BreakSection {
  title: string;
  sentences: string[];
  table: LocalTable;
  svg: string;
}

/** Builds the section from a break analysis of one series (as `trend --break`, in the report's language). Pure. */
export function breakSection(series: Series, a: BreakResult, per: number, lang: Lang): BreakSection {
  const first = series.points[0]?.year ?? a.breakYear;
  const last = series.points[series.points.length - 1]?.year ?? a.breakYear;
  const title = t(lang, a.kind === 'vs-rest' ? 'break.section-title-rest' : 'break.section-title', {
    method: series.method,
    name: series.name,
    from: first,
    to: last,
    year: a.breakYear,
  });
  const fit = a.kind === 'alone' ? a.fit : a.fit.region;
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- the model has one point, one fitted and one counterfactual value (and with --vs rest one rest point) per year of the series. */
  const rows = series.points.map((p, i) => {
    const pop = a.points[i]!.population;
    const row: Record<string, number | string | null> = {
      year: p.year,
      count: p.count,
      rate: p.rate ?? null,
      rate_lower: p.rateLower ?? null,
      rate_upper: p.rateUpper ?? null,
      fitted_rate: (fit.fitted[i]! / pop) * per,
      counterfactual_rate: (fit.counterfactual[i]! / pop) * per,
    };
    if (a.kind === 'vs-rest') {
      const rr = a.ratios[i];
      Object.assign(row, {
        rest_rate: (a.rest[i]!.count / a.rest[i]!.population) * per,
        rate_ratio: rr?.ratio ?? null,
        ratio_lower: rr?.lower ?? null,
        ratio_upper: rr && Number.isFinite(rr.upper) ? rr.upper : null,
      });
    }
    return row;
  });
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  const restColumns: LocalColumn[] = [
    { key: 'rest_rate', header: t(lang, 'header.rest-per', { per }), type: 'rate' },
    { key: 'rate_ratio', header: t(lang, 'header.ratio-rest'), type: 'rate', digits: 2 },
    { key: 'ratio_ci', header: t(lang, 'chart.ci'), type: 'interval', keys: ['ratio_lower', 'ratio_upper'], digits: 2 },
  ];
  const table: LocalTable = {
    title: t(lang, 'break.year-by-year'),
    columns: [
      { key: 'year', header: t(lang, 'header.year'), type: 'text' },
      { key: 'count', header: t(lang, 'header.count'), type: 'integer' },
      { key: 'rate', header: t(lang, 'header.per', { per }), type: 'rate' },
      { key: 'ci', header: t(lang, 'chart.ci'), type: 'interval', keys: ['rate_lower', 'rate_upper'] },
      { key: 'fitted_rate', header: t(lang, 'header.fitted'), type: 'rate' },
      { key: 'counterfactual_rate', header: t(lang, 'header.no-break'), type: 'rate' },
      ...(a.kind === 'vs-rest' ? restColumns : []),
    ],
    rows,
    notes: [],
  };
  return { title, sentences: breakSentences(a, series.name).map((m) => say(m, lang)), table, svg: breakChart(series, a, per, title, lang) };
}

/**
 * The break section under a publishing rule: the series' counts protected as `trend --break`
 * protects them (with --vs rest the rest of Sweden too, against the published Riket); the model,
 * the sentences and the chart use the shown years only, and a hidden year stays in the table as
 * a row of markers. `national` holds Riket's true counts for a comparison with the rest;
 * `forcedYears` are the region's years the report's other tables hide (the ranking's report year,
 * the growth table's base year), hidden here too.
 */
export function protectedBreakSection(
  trueSeries: Series,
  national: Series | undefined,
  breakYear: number,
  rule: PublishRule,
  population: PopulationTable,
  per: number,
  lang: Lang,
  source: Text,
  forcedYears: ReadonlySet<number> = new Set(),
): BreakSection {
  const guarded = protectSeries(
    [trueSeries],
    rule,
    national ? { kind: 'with-rest', rest: restCounts(trueSeries, national) } : { kind: 'none' },
    (shown) => shown.flatMap((s) => s.points.map((p) => ({ year: p.year, count: p.count, ...(national ? { rest_count: null } : {}) }))),
    [forcedYears],
  );
  const hidden = guarded.hiddenYears[0];
  const shownSeries = guarded.shown[0];
  if (!hidden || !shownSeries) throw new Error('protectSeries gives one protected series for each series it is given');
  const shown = withRates(shownSeries, population, per);
  const { analysis, series } = breakOnShown(shown, hidden, breakYear, rule, national, source, {
    break: msg('publish.break-in-config', { year: String(breakYear) }),
    rule: `suppress ${rule.suppress}`,
  });
  const section = breakSection(series, analysis, per, lang);
  if (!hidden.size) return section;
  // A hidden year keeps its row, every figure in it the marker (none is computed from its count).
  const marked = (year: number): LocalRow => {
    const row: LocalRow = { year };
    for (const c of section.table.columns) if (c.key !== 'year') for (const k of [c.key, ...(c.keys ?? [])]) row[k] = HIDDEN_MARKER;
    return row;
  };
  const yearOf = (r: LocalRow) => (typeof r.year === 'number' ? r.year : 0);
  const rows = [...section.table.rows, ...[...hidden].map(marked)].sort((a, b) => yearOf(a) - yearOf(b));
  const years = [...hidden].sort((a, b) => a - b).join(', ');
  const note = t(lang, 'break.hidden-years', { years, marker: HIDDEN_MARKER, threshold: rule.suppress });
  // The title's span is the table's, hidden years included.
  const all = trueSeries.points.map((p) => p.year);
  const kept = series.points.map((p) => p.year);
  const title = section.title.replace(`${kept[0]}–${kept[kept.length - 1]}`, `${all[0]}–${all[all.length - 1]}`);
  return { ...section, title, sentences: [...section.sentences, note], table: { ...section.table, rows } };
}
