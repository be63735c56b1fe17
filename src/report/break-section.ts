import type { BreakResult } from '../domain/break-analysis.js';
import type { Series } from '../domain/trend-series.js';
import { breakChart } from '../render/break-chart.js';
import { breakSentences } from '../render/break-text.js';
import type { Lang, ResultTable } from '../render/model.js';
import { formatNumber } from '../render/numbers.js';

/** The report's break section: a heading, the sentences, the yearly table and the chart. */
export interface BreakSection {
  title: string;
  sentences: string[];
  table: ResultTable;
  svg: string;
}

/** Builds the section from a break analysis of one series (as `trend --break`, in the report's language). Pure. */
export function breakSection(series: Series, a: BreakResult, per: number, lang: Lang): BreakSection {
  const sv = lang === 'sv';
  const perLabel = formatNumber(per, 0, lang);
  const first = series.points[0]!.year;
  const last = series.points[series.points.length - 1]!.year;
  const title = sv
    ? `${series.method} i ${series.name}, ${first}–${last}: brytpunkt ${a.breakYear}${a.kind === 'vs-rest' ? ' jämfört med övriga Sverige' : ''}`
    : `${series.method}, ${series.name}, ${first}–${last}: break at ${a.breakYear}${a.kind === 'vs-rest' ? ' against the rest of Sweden' : ''}`;
  const fit = a.kind === 'alone' ? a.fit : a.fit.region;
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
      Object.assign(row, { rest_rate: (a.rest[i]!.count / a.rest[i]!.population) * per, rate_ratio: rr?.ratio ?? null, ratio_lower: rr?.lower ?? null, ratio_upper: rr && Number.isFinite(rr.upper) ? rr.upper : null });
    }
    return row;
  });
  const table: ResultTable = {
    title: sv ? 'År för år' : 'Year by year',
    columns: [
      { key: 'year', header: sv ? 'År' : 'Year', type: 'text' },
      { key: 'count', header: sv ? 'Antal' : 'Count', type: 'integer' },
      { key: 'rate', header: sv ? `Per ${perLabel}` : `Per ${perLabel}`, type: 'rate' },
      { key: 'ci', header: sv ? '95 % KI' : '95% CI', type: 'interval', keys: ['rate_lower', 'rate_upper'] },
      { key: 'fitted_rate', header: sv ? 'Anpassad' : 'Fitted', type: 'rate' },
      { key: 'counterfactual_rate', header: sv ? 'Utan brytpunkt' : 'No break', type: 'rate' },
      ...(a.kind === 'vs-rest'
        ? ([
            { key: 'rest_rate', header: sv ? `Övriga per ${perLabel}` : `Rest per ${perLabel}`, type: 'rate' },
            { key: 'rate_ratio', header: sv ? 'Kvot' : 'Ratio', type: 'rate', digits: 2 },
            { key: 'ratio_ci', header: sv ? '95 % KI' : '95% CI', type: 'interval', keys: ['ratio_lower', 'ratio_upper'], digits: 2 },
          ] as ResultTable['columns'])
        : []),
    ],
    rows,
    notes: [],
  };
  return { title, sentences: breakSentences(a, series.name, lang), table, svg: breakChart(series, a, per, title, lang) };
}
