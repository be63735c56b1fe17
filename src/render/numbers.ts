import type { Column, Lang, Value } from './model.js';

/**
 * Numbers for people: English "1,234.5" and "+94%", Swedish "1 234,5" and "+94 %".
 * Grouping uses a plain space in Swedish so terminal columns stay aligned.
 */
export function formatNumber(value: number, digits: number, lang: Lang): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const group = lang === 'sv' ? ' ' : ',';
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return sign + grouped + (frac ? (lang === 'sv' ? ',' : '.') + frac : '');
}

function signed(value: number, text: string): string {
  return value > 0 && !/^[0.,\s]+$/.test(text) ? `+${text}` : text;
}

/** One cell as a person reads it, in the column's type. */
export function formatCell(col: Column, row: Record<string, Value>, lang: Lang): string {
  if (col.type === 'interval') {
    const [lo, hi] = col.keys!;
    const l = row[lo];
    const h = row[hi];
    if (typeof l !== 'number' || typeof h !== 'number') return col.empty ?? '–';
    const d = col.digits ?? 1;
    return `${formatNumber(l, d, lang)}–${formatNumber(h, d, lang)}`;
  }
  const v = row[col.key];
  if (v === null || v === undefined) return col.empty ?? '–';
  if (typeof v === 'string') return v;
  const pct = lang === 'sv' ? ' %' : '%';
  switch (col.type) {
    case 'integer':
      return formatNumber(v, col.digits ?? 0, lang);
    case 'signed-integer':
      return signed(v, formatNumber(v, col.digits ?? 0, lang));
    case 'rate':
      return formatNumber(v, col.digits ?? 1, lang);
    case 'percent':
      return formatNumber(v, col.digits ?? 0, lang) + pct;
    case 'signed-percent':
      return signed(v, formatNumber(v, col.digits ?? 0, lang)) + pct;
    default:
      return String(v);
  }
}

export function isNumeric(col: Column): boolean {
  return col.type !== 'text';
}
