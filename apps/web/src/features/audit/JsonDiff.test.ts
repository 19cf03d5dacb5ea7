import { describe, expect, it } from 'vitest';
import { diffRows } from './JsonDiff';
import { reasonText } from './LoginLogsPage';

describe('audit diff', () => {
  it('marks changed, added and removed fields', () => {
    const rows = diffRows({ a: 1, b: { x: 1 }, c: 'gone' }, { a: 1, b: { x: 2 }, d: 'new' });
    expect(Object.fromEntries(rows.map((r) => [r.key, r.change]))).toEqual({
      a: 'same',
      b: 'changed',
      c: 'removed',
      d: 'added',
    });
  });
  it('handles a create (no before) and a delete (no after)', () => {
    expect(diffRows(null, { a: 1 })[0].change).toBe('added');
    expect(diffRows({ a: 1 }, null)[0].change).toBe('removed');
  });
  it('shows login failure reasons in words', () => {
    expect(reasonText('INVALID_CREDENTIALS', 'zh-CN')).toBe('用户名或密码错误');
    expect(reasonText('account_locked', 'en')).toContain('locked');
    expect(reasonText('something else', 'en')).toBe('something else');
    expect(reasonText(null, 'en')).toBe('—');
  });
});
