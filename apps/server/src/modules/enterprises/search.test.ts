import { describe, expect, it } from 'vitest';
import { normaliseName, pinyinInitials, planSearch, searchTokens } from './search';

describe('enterprise search tokens', () => {
  it('gives pinyin initials people type', () => {
    expect(pinyinInitials('山东勇辰食品有限公司')).toBe('sdycspyxgs');
    const tokens = searchTokens('山东勇辰食品有限公司');
    const plan = planSearch('ycsp');
    expect(plan?.kind).toBe('pinyin');
    if (plan?.kind === 'pinyin') expect(plan.tokens.every((t) => tokens.includes(t))).toBe(true);
  });

  it('indexes two-character Chinese searches', () => {
    const tokens = searchTokens('山东勇辰食品有限公司');
    const plan = planSearch('勇辰');
    expect(plan).toEqual({ kind: 'name', tokens: ['勇辰'], text: '勇辰' });
    expect(tokens).toContain('勇辰');
    const one = planSearch('辰');
    expect(one).toEqual({ kind: 'name', tokens: ['辰'], text: '辰' });
    expect(tokens).toContain('辰');
  });

  it('normalises full-width brackets, spaces and case for duplicate checks', () => {
    expect(normaliseName('枣庄（山亭）华沃 水泥有限公司')).toBe(normaliseName('枣庄(山亭)华沃水泥有限公司'));
    expect(normaliseName('ＡＢＣ科技')).toBe('abc科技');
  });

  it('recognises a USCC or its prefix', () => {
    expect(planSearch('91370406ma3c7q1n7a')).toEqual({ kind: 'uscc', uscc: '91370406MA3C7Q1N7A' });
    expect(planSearch('913704')).toEqual({ kind: 'usccPrefix', prefix: '913704' });
    expect(planSearch('  ')).toBeNull();
  });
});
