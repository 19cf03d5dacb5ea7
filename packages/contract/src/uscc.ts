/**
 * 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 inside it (GB 11714-1997).
 * Pure functions shared by the server (validation) and the web (inline form checks).
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Common 登记管理部门码+机构类别码 pairs; others are warned about, not refused (domain.md §3.1). */
const KNOWN_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '19',
  '51',
  '52',
  '53',
  '59',
  '91',
  '92',
  '93',
  'Y1',
  'N1',
  'N2',
  'N3',
]);

/** GB 11714 check character for an 8-character organisation-code body ('0'–'9' or 'X'). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** GB 32100 check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem =
  | { kind: 'length'; length: number }
  | { kind: 'char'; position: number; char: string }
  | { kind: 'region'; position: number }
  | { kind: 'orgCheck'; position: 17; expected: string; actual: string }
  | { kind: 'check'; position: 18; expected: string; actual: string };

export interface UsccResult {
  /** Normalised: trimmed, upper case. */
  value: string;
  ok: boolean;
  problem: UsccProblem | null;
  /** Unusual but not wrong (e.g. an uncommon authority/category code). */
  warning: string | null;
  /** Positions 3–8: the registering authority's region (not where the firm is). */
  registrationRegion: string | null;
}

export function checkUscc(input: string): UsccResult {
  const value = input.trim().toUpperCase();
  const fail = (problem: UsccProblem): UsccResult => ({
    value,
    ok: false,
    problem,
    warning: null,
    registrationRegion: null,
  });
  if (value.length !== 18) return fail({ kind: 'length', length: value.length });
  for (let i = 0; i < 18; i++) {
    const c = value[i]!;
    if (i >= 2 && i <= 7) {
      if (!/\d/.test(c)) return fail({ kind: 'region', position: i + 1 });
    } else if (!USCC_CHARSET.includes(c)) return fail({ kind: 'char', position: i + 1, char: c });
  }
  const org = orgCodeCheckChar(value.slice(8, 16));
  if (org !== value[16]) return fail({ kind: 'orgCheck', position: 17, expected: org, actual: value[16]! });
  const check = usccCheckChar(value.slice(0, 17));
  if (check !== value[17]) return fail({ kind: 'check', position: 18, expected: check, actual: value[17]! });
  const prefix = value.slice(0, 2);
  return {
    value,
    ok: true,
    problem: null,
    warning: KNOWN_PREFIXES.has(prefix) ? null : `uncommon prefix ${prefix}`,
    registrationRegion: value.slice(2, 8),
  };
}

/** A message a clerk understands, naming the position at fault. */
export function usccMessage(p: UsccProblem, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  switch (p.kind) {
    case 'length':
      return zh ? `统一社会信用代码应为 18 位，现为 ${p.length} 位` : `A USCC has 18 characters, not ${p.length}`;
    case 'char':
      return zh
        ? `第 ${p.position} 位“${p.char}”不是有效字符（不使用 I、O、S、V、Z）`
        : `Position ${p.position}: "${p.char}" is not allowed (I, O, S, V, Z are never used)`;
    case 'region':
      return zh
        ? `第 ${p.position} 位应为数字（第 3–8 位是登记机关行政区划码）`
        : `Position ${p.position} must be a digit (3–8 are the region code)`;
    case 'orgCheck':
      return zh
        ? `第 17 位（组织机构代码校验位）应为 ${p.expected}，现为 ${p.actual}`
        : `Position 17 (organisation-code check) should be ${p.expected}, not ${p.actual}`;
    case 'check':
      return zh
        ? `第 18 位（校验码）应为 ${p.expected}，现为 ${p.actual}，请核对代码是否抄错`
        : `Position 18 (check character) should be ${p.expected}, not ${p.actual}; check for a typo`;
  }
}
