import { describe, expect, it } from 'vitest';
import { fieldNameOf, localizeMessage } from './feedback';
import { changedFields } from './stale';

describe('field errors', () => {
  it('maps server paths to form fields', () => {
    expect(fieldNameOf('body.username')).toEqual(['username']);
    expect(fieldNameOf('body.roles.0')).toEqual(['roles']);
    expect(fieldNameOf('body/phone')).toEqual(['phone']);
    expect(fieldNameOf('query.page')).toBeNull();
    expect(fieldNameOf('body')).toBeNull();
  });
  it('keeps the half of a bilingual contract message for the language', () => {
    expect(localizeMessage('密码至少 10 位 / at least 10 characters', 'zh-CN')).toBe('密码至少 10 位');
    expect(localizeMessage('密码至少 10 位 / at least 10 characters', 'en')).toBe('at least 10 characters');
    expect(localizeMessage('plain', 'en')).toBe('plain');
  });
});

describe('stale saves', () => {
  it('lists the fields someone else changed', () => {
    const before = { displayName: '张三', phone: '138****0000', version: 1, roles: ['cadre'] };
    const after = { displayName: '张三丰', phone: '138****0000', version: 2, roles: ['cadre', 'leader'] };
    expect(changedFields(before, after, { displayName: '姓名' })).toEqual(['姓名', 'roles']);
  });
});
