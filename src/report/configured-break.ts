import { dataError } from '../errors.js';
import { breakAlone, breakVsRest, nationalSeries } from '../domain/break-analysis.js';
import type { BreakConfig } from '../domain/config.js';
import type { PopulationTable } from '../domain/population.js';
import { ruleActive, type PublishRule } from '../domain/publish.js';
import { isHiddenStatus } from '../domain/publish-trend.js';
import type { Region, RegionIndex } from '../domain/regions.js';
import { resolveMethod, yearsOf } from '../domain/select.js';
import { sourceName } from '../domain/source-notes.js';
import { countSeries, withRates } from '../domain/trend-series.js';
import type { CountData } from '../ingest/counts.js';
import { msg } from '../messages/index.js';
import { breakSection, protectedBreakSection, type BreakSection } from './break-section.js';
import type { MethodSection } from './build.js';

/** The configured break analysis (as trend --region R --break YEAR [--vs rest]) for the report. */
export function reportBreak(
  b: BreakConfig,
  region: Region,
  data: CountData,
  regions: RegionIndex,
  population: PopulationTable,
  methods: string[],
  per: number,
  lang: 'sv' | 'en',
  configFile: string,
  rule: PublishRule,
  sections: readonly MethodSection[] = [],
): BreakSection {
  if (!b.method && methods.length > 1) throw dataError(msg('config.break-needs-method'), { file: configFile }, msg('config.methods.hint', { methods }));
  // The counts' name in messages, in the output's language.
  const source = sourceName(data);
  const method = b.method ? resolveMethod(data.observations, b.method, source) : (methods[0] ?? '');
  const years = yearsOf(data.observations, method);
  if (ruleActive(rule)) {
    const national = b.vs === 'rest' ? nationalSeries(data.observations, regions, method, years, population, per, data.recordLevel, source) : undefined;
    return protectedBreakSection(
      countSeries(data.observations, regions, region, method, years, data.recordLevel),
      national,
      b.year,
      rule,
      population,
      per,
      lang,
      source,
      hiddenElsewhere(sections, method, region.code),
    );
  }
  const series = withRates(countSeries(data.observations, regions, region, method, years, data.recordLevel), population, per);
  const analysis =
    b.vs === 'rest'
      ? breakVsRest(series, nationalSeries(data.observations, regions, method, years, population, per, data.recordLevel, source), b.year, source)
      : breakAlone(series, b.year, source);
  return breakSection(series, analysis, per, lang);
}

/** The years of a region's count that the report's ranking or growth table hides, so that the break section hides them too. */
function hiddenElsewhere(sections: readonly MethodSection[], method: string, code: string): Set<number> {
  const out = new Set<number>();
  for (const s of sections.filter((x) => x.method === method)) {
    if (isHiddenStatus(s.ranked.find((r) => r.region_code === code)?.count_status)) out.add(s.year);
    const g = s.growth.rows.find((r) => r.region_code === code);
    if (isHiddenStatus(g?.count_status)) out.add(s.year);
    if (isHiddenStatus(g?.base_count_status)) out.add(s.since);
  }
  return out;
}
