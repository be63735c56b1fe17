import type { Provenance } from '../domain/provenance.js';
import type { Lang } from '../render/model.js';

/**
 * A provenance record as short lines for people — the report's method notes — in English or
 * Swedish. The JSON record itself keeps English keys and values, as every machine format does.
 */
const SV: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^none$/, 'ingen'],
  [/^counts$/, 'antal'],
  [/^population$/, 'befolkning'],
  [/^config$/, 'inställningar'],
  [/^bundled (.+)$/, (_, f) => `medföljande ${f}`],
  [/^the bundled SCB population table$/, 'medföljande befolkningstabell från SCB'],
  [/^exact Poisson for rates; Wilson score for shares$/, 'exakt Poisson för andelar per invånare; Wilson för andelar av alla behandlingar'],
  [
    /^counts below (\d+) hidden/,
    (_, n) =>
      `antal under ${n} döljs med allt som räknas fram ur dem (andel, intervall, placering, förändring, trattläge); fler antal döljs så att inget dolt antal kan räknas fram ur de visade summorna (sekundär röjandekontroll)`,
  ],
  [
    /^shown counts rounded to the nearest multiple of (\d+)/,
    (_, k) => `visade antal avrundas till närmaste jämna ${k}-tal (uppåt vid lika avstånd); andelar, intervall och förändring beräknas på de avrundade antalen`,
  ],
];

function sv(text: string): string {
  for (const [re, to] of SV) {
    const m = re.exec(text);
    if (m) return typeof to === 'string' ? to : to(...m);
  }
  return text;
}

export function provenanceLines(p: Provenance, lang: Lang): string[] {
  const s = lang === 'sv';
  const t = (x: string) => (s ? sv(x) : x);
  const m = p.methods;
  return [
    `${s ? 'Verktyg' : 'Tool'}: rehab-stats ${p.version}; ${s ? 'kommando' : 'command'}: rehab-stats ${p.arguments.join(' ')}`,
    ...p.inputs.map((i) => `${s ? 'Indata' : 'Input'} (${t(i.role)}): ${t(i.name)}, ${i.bytes} ${s ? 'byte' : 'bytes'}, SHA-256 ${i.sha256}`),
    ...(p.population ? [`${s ? 'Befolkning' : 'Population'}: ${t(p.population.source)}, ${p.population.years.join(', ')}`] : []),
    ...(m.interval ? [`${s ? 'Intervall' : 'Interval'}: ${t(m.interval)}`] : []),
    ...(m.funnel ? [`${s ? 'Trattgränser' : 'Funnel'}: ${t(m.funnel)}`] : []),
    ...(m.standard_population ? [`${s ? 'Standardbefolkning' : 'Standard population'}: ${t(m.standard_population)}`] : []),
    `${s ? 'Röjandekontroll' : 'Suppression'}: ${t(m.suppression)}`,
    `${s ? 'Avrundning' : 'Rounding'}: ${t(m.rounding)}`,
  ];
}
