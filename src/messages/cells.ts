import type { Entry } from './template.js';

/**
 * Text for people in table cells (a note, the label of a partial total): the domain puts the
 * message in the cell, human formats write it in their language and machine formats in English
 * (render/localise.ts).
 */
export const CELLS = {
  'cell.missing-in-input': { en: 'missing in input', sv: 'saknas i indata' },
  'cell.missing-in-input-lines': { en: 'missing in input (line {lines})', sv: 'saknas i indata (rad {lines})' },
  'cell.year-missing-in-input': { en: '{year} missing in input', sv: '{year} saknas i indata' },
  'cell.small-count': { en: 'fewer than {n} treatments: rate unstable', sv: 'färre än {n} behandlingar: osäkert värde' },
  'cell.total-of-regions': { en: 'Total of {n} {n|region|regions}', sv: 'Summa för {n} {n|region|regioner}' },
  'cell.total-of-regions-both-years': { en: 'Total of regions with both years', sv: 'Summa för regioner med båda åren' },
  'cell.sum-of-regions-with-counts': { en: 'sum of the {n} {n|region|regions} with counts', sv: 'summan av de {n} {n|region|regionerna} med antal' },
  'cell.hidden-fewer-than': { en: 'hidden: fewer than {n}', sv: 'dold: färre än {n}' },
  'cell.no-total': { en: 'no count for {part}, so no total', sv: 'inget antal för {part}, så ingen summa' },
  'cell.zero-base': { en: 'no percentage: zero {year} base', sv: 'ingen procentsats: basåret {year} är noll' },
  'cell.age-group-missing': { en: 'count for age group {band} missing in input', sv: 'antal för åldersgruppen {band} saknas i indata' },
  'cell.age-group-absent': { en: 'no count for age group {band}', sv: 'inget antal för åldersgruppen {band}' },
  // Why a DSR is not given (stats/dsr.ts's reason 'too-few-events', below DSR_MIN_EVENTS).
  'cell.dsr-too-few': { en: 'fewer than {n} events: no DSR (unreliable)', sv: 'färre än {n} händelser: inget åldersstandardiserat värde (osäkert)' },
  'cell.sum-of-21-regions': { en: 'sum of the 21 regions', sv: 'summan av de 21 regionerna' },
  'cell.as-reported': { en: 'as reported in the input', sv: 'enligt indata' },
  'cell.no-region-count': { en: 'no region has a count', sv: 'ingen region har något antal' },
  'cell.hidden-reveals-small': { en: 'hidden: would reveal a small count', sv: 'dold: skulle röja ett litet antal' },
  // The row apart in rank --by: the units' total (counts) or their overall proportion.
  'cell.units-total': { en: 'Total', sv: 'Totalt' },
  'cell.units-overall': { en: 'Overall', sv: 'Samtliga' },
  'cell.denominator-zero': { en: 'denominator 0', sv: 'nämnaren är 0' },
  'cell.denominator-small': { en: 'denominator below {n}: unstable', sv: 'nämnaren under {n}: osäkert värde' },
  // An age column's word for every age together (ALL_AGES).
  'cell.all': { en: 'all', sv: 'alla' },

  // Headers of the publishing status columns (read in an xlsx).
  'header.ci-level': { en: '{level:g}% CI', sv: '{level:g} % KI' },
  'header.ci-level-pct': { en: '{level:g}% CI (%)', sv: '{level:g} % KI (%)' },
  'header.status': { en: 'Status', sv: 'Status' },
  'header.status-of': { en: '{key} status', sv: 'Status {key}' },
  'header.base-count-status': { en: 'Base count status', sv: 'Status basår' },
  'header.total-status': { en: 'Total status', sv: 'Status totalt' },
  'header.rest-count-status': { en: 'Rest count status', sv: 'Status övriga antal' },
} as const satisfies Record<string, Entry>;
