import { dataError, RehabError, usageError } from '../errors.js';
import type { BreakConfig } from '../domain/config.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from '../domain/regions.js';
import { resolveRegions, selectCounts, yearsOf } from '../domain/select.js';
import { sourceName } from '../domain/source-notes.js';
import type { CountData } from '../ingest/counts.js';
import { isMessage, msg, paramsOf } from '../messages/index.js';

/** The report's regions, its break section's region, and the counts its year must have. */

/**
 * The report's regions: --region, else the config's "regions" (an unknown name in the config is
 * an error in the config file). Riket is refused: it is always there for comparison.
 */
export function reportRegions(texts: readonly string[], from: 'option' | 'config', regions: RegionIndex, configFile: string): Region[] {
  let selected: Region[];
  try {
    selected = resolveRegions(texts, regions);
  } catch (e) {
    if (from === 'option' || !(e instanceof RehabError)) throw e;
    // The region as the config names it, not as an option would.
    const m = e.text;
    const noSuch = isMessage(m) ? paramsOf(m, 'select.no-region') : undefined;
    const unknown = isMessage(m) ? paramsOf(m, 'select.unknown-region') : undefined;
    const problem = noSuch
      ? msg('config.no-such-region', { text: noSuch.text })
      : unknown
        ? msg('config.unknown-region', { text: unknown.text })
        : msg('config.in-regions', { problem: m });
    throw dataError(problem, { file: configFile }, e.hintText);
  }
  if (selected.some((r) => r.code === NATIONAL_CODE)) {
    const where = from === 'option' ? '--region' : msg('config.regions-in', { file: configFile });
    throw usageError(msg('report.riket-always', { where }), msg('report.riket-always.hint'));
  }
  return selected;
}

/** Regions as a list for messages: "06 Region Jönköpings län, 08 Region Kalmar län". */
const listed = (rs: readonly Region[]) => rs.map((r) => `${r.code} ${r.name}`).join(', ');

/**
 * The break section's region: "break.region", which must be one of the report's regions when it
 * has some; left out, the report's one region. Anything else contradicts and stops.
 */
export function breakRegion(b: BreakConfig, selected: readonly Region[], from: 'option' | 'config' | undefined, regions: RegionIndex, configFile: string): Region {
  if (b.region === undefined) {
    const [only] = selected;
    if (selected.length === 1 && only) return only;
    throw dataError(
      msg('config.break-needs-region'),
      { file: configFile },
      selected.length
        ? msg('config.break-needs-region.hint', { n: selected.length, regions: listed(selected) })
        : msg('config.break-needs-region.example.hint', { example: '{"region": "06", "year": 2021}' }),
    );
  }
  const region = regions.resolve(b.region);
  if (!region || region.code === NATIONAL_CODE) {
    const near = regions.suggest(b.region);
    throw dataError(
      msg('config.break-region-unknown', { region: JSON.stringify(b.region) }),
      { file: configFile },
      near.length ? msg('select.did-you-mean.hint', { names: near.join('; ') }) : msg('select.see-regions.hint'),
    );
  }
  if (selected.length && !selected.some((r) => r.code === region.code)) {
    if (from === 'option') {
      throw usageError(
        msg('report.region-leaves-out-break', { selected: listed(selected), region: `${region.code} ${region.name}`, file: configFile }),
        msg('report.region-leaves-out-break.hint', { code: region.code }),
      );
    }
    throw dataError(
      msg('config.break-region-not-among', { region: `${region.code} ${region.name}`, selected: listed(selected) }),
      { file: configFile },
      msg('config.break-region-not-among.hint', { code: region.code }),
    );
  }
  return region;
}

/**
 * Each reported method must have counts in the report's year: a method without stops, naming the
 * years it has and the methods that have the year.
 */
export function requireCountsInScope(data: CountData, scope: { methods: readonly string[]; year: number }): void {
  const hasYear = (method: string) => selectCounts(data.observations, { method, year: scope.year, sex: 'total', absentIsZero: data.recordLevel }).size > 0;
  for (const method of scope.methods) {
    if (hasYear(method)) continue;
    const years = yearsOf(data.observations, method);
    const present = scope.methods.filter(hasYear);
    const yearsWith = years.length ? years.join(', ') : msg('select.none');
    throw dataError(
      method ? msg('report.no-counts-year-method', { method, year: scope.year }) : msg('report.no-counts-year', { year: scope.year }),
      { file: sourceName(data) },
      present.length
        ? msg('report.years-methods-with-counts.hint', { method, years: yearsWith, year: scope.year, methods: present })
        : msg('report.years-with-counts.hint', { method, years: yearsWith }),
    );
  }
}
