import dayjs from 'dayjs';

/**
 * Money arrives from the server in 元 as an exact decimal string (numeric column) or a number.
 * Scaling to 万元/亿元 is done on the digits, never through floating point, then rounded half-up.
 */
function shiftAndRound(value: string | number, shift: number, decimals: number): string | null {
  let s = typeof value === 'number' ? (Number.isFinite(value) ? numberToPlain(value) : '') : value.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let [int, frac = ''] = s.split('.');
  int = int || '0';
  // divide by 10^shift: move the point left
  if (shift > 0) {
    const padded = int.padStart(shift + 1, '0');
    frac = padded.slice(padded.length - shift) + frac;
    int = padded.slice(0, padded.length - shift);
  }
  // round half-up to `decimals`
  const keep = frac.padEnd(decimals + 1, '0');
  let digits = (int + keep.slice(0, decimals)).replace(/^0+(?=\d)/, '');
  if (Number(keep[decimals]) >= 5) digits = incrementDigits(digits);
  digits = digits.padStart(decimals + 1, '0');
  const outInt = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '');
  const outFrac = digits.slice(digits.length - decimals);
  const isZero = /^0*$/.test(outInt + outFrac);
  return `${neg && !isZero ? '-' : ''}${groupThousands(outInt)}${decimals ? `.${outFrac}` : ''}`;
}

function incrementDigits(d: string): string {
  const arr = d.split('');
  for (let i = arr.length - 1; i >= 0; i--) {
    if (arr[i] === '9') arr[i] = '0';
    else {
      arr[i] = String(Number(arr[i]) + 1);
      return arr.join('');
    }
  }
  return `1${arr.join('')}`;
}

function numberToPlain(n: number): string {
  // avoid exponent notation for very small/large numbers
  return Math.abs(n) < 1e21 ? n.toFixed(Math.min(20, Math.max(0, decimalsOf(n)))) : String(n);
}

function decimalsOf(n: number): number {
  const s = String(n);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

export function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const EMPTY = '—';

type Money = string | number | null | undefined;

/** 元 → "1,234.56" in 万元 (two decimals, thousands separators). */
export function formatWan(yuan: Money, withUnit = false, unit = '万元'): string {
  if (yuan === null || yuan === undefined || yuan === '') return EMPTY;
  const s = shiftAndRound(yuan, 4, 2);
  if (s === null) return EMPTY;
  return withUnit ? `${s} ${unit}` : s;
}

/** 元 → "1.23" in 亿元 (two decimals), for totals. */
export function formatYi(yuan: Money, withUnit = false, unit = '亿元'): string {
  if (yuan === null || yuan === undefined || yuan === '') return EMPTY;
  const s = shiftAndRound(yuan, 8, 2);
  if (s === null) return EMPTY;
  return withUnit ? `${s} ${unit}` : s;
}

/** A plain number with thousands separators and at most `decimals` decimals. */
export function formatNumber(n: Money, decimals = 0): string {
  if (n === null || n === undefined || n === '') return EMPTY;
  const s = shiftAndRound(n, 0, decimals);
  return s ?? EMPTY;
}

/**
 * A percentage with one decimal. `value` is already in percent (12.34 → "12.3%"), unless `ratio` is set
 * (0.1234 → "12.3%").
 */
export function formatPercent(value: Money, ratio = false): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return EMPTY;
  const s = shiftAndRound(ratio ? numberToPlain(n * 100) : value, 0, 1);
  return s === null ? EMPTY : `${s}%`;
}

/** Chinese convention: a rise is red, a fall is green. */
export function growthColor(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return undefined;
  return value > 0 ? '#cf1322' : '#389e0d';
}

/** YYYY-MM-DD in local time. */
export function formatDate(v: string | Date | null | undefined): string {
  if (!v) return EMPTY;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD') : EMPTY;
}

/** YYYY-MM-DD HH:mm:ss in local time. */
export function formatDateTime(v: string | Date | null | undefined, seconds = true): string {
  if (!v) return EMPTY;
  const d = dayjs(v);
  return d.isValid() ? d.format(seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : EMPTY;
}

export { EMPTY };
