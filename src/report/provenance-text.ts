import type { InputRole, Provenance } from '../domain/provenance.js';
import { msg, say, type Lang, type Message } from '../messages/index.js';

const ROLE: Record<InputRole, Message> = {
  counts: msg('provenance.role-counts'),
  population: msg('provenance.role-population'),
  config: msg('provenance.role-config'),
};

/**
 * A provenance record as short lines for people — the report's method notes — in English or
 * Swedish, written from the record's values through the catalogue. The JSON record itself keeps
 * English keys and values, as every machine format does.
 */
export function provenanceLines(p: Provenance, lang: Lang): string[] {
  const m = p.methods;
  const lines: Message[] = [
    msg('provenance.tool', { version: p.version, command: p.arguments.join(' ') }),
    ...p.inputs.map((i) => msg('provenance.input', { role: ROLE[i.role], name: i.name, bytes: i.bytes, sha256: i.sha256 })),
    ...(p.population ? [msg('provenance.population', { source: p.population.source, years: p.population.years.join(', ') })] : []),
    ...(m.interval ? [msg('provenance.interval', { method: m.interval })] : []),
    ...(m.funnel ? [msg('provenance.funnel', { method: m.funnel })] : []),
    ...(m.standard_population ? [msg('provenance.standard-population', { method: m.standard_population })] : []),
    msg('provenance.suppression', { rule: m.suppression }),
    msg('provenance.rounding', { rule: m.rounding }),
  ];
  return lines.map((l) => say(l, lang));
}
