import { describe, expect, it } from 'vitest';
import en from './locales/en';
import zhCN from './locales/zh-CN';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (typeof obj !== 'object' || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = keys(zhCN).sort();
    const e = keys(en).sort();
    expect(e.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !e.includes(k))).toEqual([]);
  });

  it('every value is a non-empty string', () => {
    for (const [k, v] of [...leaves(zhCN), ...leaves(en)]) {
      expect(typeof v, k).toBe('string');
      expect((v as string).trim().length, k).toBeGreaterThan(0);
    }
  });

  it('both languages use the same {{placeholders}}', () => {
    const enMap = new Map(leaves(en));
    for (const [k, v] of leaves(zhCN)) {
      expect(placeholders(String(enMap.get(k))), k).toEqual(placeholders(String(v)));
    }
  });

  it('the English tree has no Chinese left in it, except names that stay Chinese', () => {
    const allowed = new Set(['app.name', 'lang.zh', 'regions.searchHint']);
    for (const [k, v] of leaves(en)) {
      if (allowed.has(k)) continue;
      expect(/[\u4e00-\u9fff]/.test(String(v)), `${k}: ${v}`).toBe(false);
    }
  });
});
