import type { Column, Lang, Plain } from './model.js';
import { formatNumber } from '../messages/index.js';

/**
 * Numbers for people: English "1,234.5" and "+94%", Swedish "1 234,5" and "+94 %" (the
 * catalogue's formatting, so tables and sentences write numbers alike).
 */
export { formatNumber };

function signed(value: number, text: string): string {
  return value > 0 && !/^[0.,\s]+$/.test(text) ? `+${text}` : text;
}

/** One cell as a person reads it, in the column's type. */
export function formatCell(col: Column, row: Record<string, Plain>, lang: Lang): string {
  if (col.type === 'interval') {
    if (!col.keys) throw new Error(`interval column "${col.key}" without the keys of its limits`);
    const [lo, hi] = col.keys;
    const l = row[lo];
    const h = row[hi];
    // A hidden limit carries its marker as text: show it rather than the missing-value dash.
    if (typeof l === 'string') return l;
    if (typeof l !== 'number' || typeof h !== 'number') return col.empty ?? '–';
    const d = col.digits ?? 1;
    return `${formatNumber(l, d, lang)}–${formatNumber(h, d, lang)}`;
  }
  if (col.type === 'bar') return drawBar(col, row);
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
  return col.type !== 'text' && col.type !== 'bar';
}

/**
 * A bar scaled to the column's scale: solid up to the lower limit, shaded to the value, light
 * to the upper limit — the interval made visible.
 */
function drawBar(col: Column, row: Record<string, Plain>): string {
  const v = row[col.key];
  const [lo, hi] = col.keys ?? [col.key, col.key];
  const width = col.width ?? 20;
  if (typeof v !== 'number' || !col.scale) return '';
  const l = row[lo];
  const h = row[hi];
  const lower = typeof l === 'number' ? l : v;
  const upper = typeof h === 'number' ? h : v;
  let out = '';
  for (let i = 0; i < width; i++) {
    const at = ((i + 0.5) / width) * col.scale;
    out += at <= lower ? '█' : at <= v ? '▓' : at <= upper ? '░' : ' ';
  }
  return out.trimEnd();
}
