import { pinyin } from 'pinyin-pro';

/**
 * Chinese search that works the same on PGlite and PostgreSQL: the application stores character unigrams
 * and bigrams of the name and `p:`-prefixed bigrams of its pinyin initials in a GIN-indexed text[]; a query
 * becomes the tokens it must contain (two-character searches like 勇辰 use the index), then an exact
 * substring check. pg_trgm cannot index the two-character searches people type.
 */

/** For duplicate checks: NFKC (full-width → half-width), unified brackets, no spaces or dots, lower case. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[（【[{]/g, '(')
    .replace(/[）】\]}]/g, ')')
    .replace(/[\s·.,，。、]/g, '')
    .toLowerCase();
}

const chars = (s: string) => [...s];

function grams(s: string): string[] {
  const c = chars(s);
  const out = new Set<string>(c);
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i]! + c[i + 1]!);
  return [...out];
}

export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function pinyinKey(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' ').toLowerCase();
}

export function searchTokens(name: string, shortName?: string | null): string[] {
  const tokens = new Set<string>();
  for (const n of [name, shortName ?? '']) {
    const norm = normaliseName(n);
    if (!norm) continue;
    for (const g of grams(norm)) tokens.add(g);
    const py = pinyinInitials(n);
    for (let i = 0; i + 1 < py.length; i++) tokens.add(`p:${py.slice(i, i + 2)}`);
  }
  return [...tokens];
}

export type SearchPlan =
  | { kind: 'uscc'; uscc: string }
  | { kind: 'usccPrefix'; prefix: string }
  | { kind: 'pinyin'; tokens: string[]; text: string }
  | { kind: 'name'; tokens: string[]; text: string };

/** How a query string is searched. */
export function planSearch(q: string): SearchPlan | null {
  const s = q.trim();
  if (!s) return null;
  if (/^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/.test(s) && /\d{6}/.test(s))
    return { kind: 'uscc', uscc: s.toUpperCase() };
  if (/^\d{4,17}$/.test(s) || /^9[1-3]\d{2,}/.test(s)) return { kind: 'usccPrefix', prefix: s.toUpperCase() };
  if (/^[a-zA-Z]{2,}$/.test(s)) {
    const py = s.toLowerCase();
    const tokens = new Set<string>();
    for (let i = 0; i + 1 < py.length; i++) tokens.add(`p:${py.slice(i, i + 2)}`);
    return { kind: 'pinyin', tokens: [...tokens], text: py };
  }
  const norm = normaliseName(s);
  const c = chars(norm);
  const tokens = c.length === 1 ? c : grams(norm).filter((g) => chars(g).length === 2);
  return { kind: 'name', tokens, text: norm };
}
