import { resolve } from 'node:path';
import { buildProvenance, type Provenance } from '../domain/provenance.js';
import type { PublishRule } from '../domain/publish.js';
import type { Region } from '../domain/regions.js';
import { inputDigests } from '../ingest/provenance-inputs.js';
import { recordedInvocation } from '../io/invocation.js';
import { msg, type Text } from '../messages/index.js';
import type { Settings } from './settings.js';

/**
 * The report's provenance, always in its method notes. The command line is the canonical one
 * for the settings used (not the words typed), so that `report --check`, or the same settings
 * given another way, compares equal; paths are relative to the current folder.
 */
export function reportProvenance(
  s: Settings,
  scope: { methods: string[]; year: number; since: number },
  populationSource: Text,
  rule: PublishRule,
  shown: (p: string) => string,
  selected: readonly Region[],
): Provenance {
  const options: Record<string, unknown> = {
    ...(s.configPath ? { config: shown(resolve(s.configPath)) } : {}),
    ...(s.input ? { input: shown(s.input) } : {}),
    ...(s.sheet !== undefined ? { sheet: String(s.sheet) } : {}),
    ...(s.population ? { population: shown(s.population) } : {}),
    method: scope.methods,
    ...(selected.length ? { region: selected.map((r) => r.code) } : {}),
    year: scope.year,
    from: scope.since,
    per: s.per,
    ...(rule.suppress > 0 ? { suppress: rule.suppress } : {}),
    ...(rule.roundTo > 1 ? { roundCounts: rule.roundTo } : {}),
  };
  const args = ['report', ...Object.entries(options).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, Array.isArray(v) ? v.join(',') : String(v)])];
  const inputs = inputDigests(s.input, s.population, true, s.configPath ? [{ role: 'config', path: s.configPath }] : []).map((i) =>
    typeof i.name === 'string' && i.name.startsWith('/') ? { ...i, name: shown(i.name) } : i,
  );
  return buildProvenance(
    recordedInvocation(),
    { population: { source: populationSource, years: [scope.year] }, methods: { interval: msg('provenance.report-interval') } },
    inputs,
    rule,
    undefined,
    { arguments: args, options },
  );
}
