import { describe, expect, it } from 'vitest';
import { readListParams, toQuery, writeListParams } from './PageTable';

describe('list state in the URL', () => {
  it('round-trips filters, page, page size and sort', () => {
    const p = { page: 3, pageSize: 50, sort: '-lastLoginAt', filters: { q: '张', status: 'active' } };
    const sp = writeListParams(p);
    expect(sp.toString()).toBe('q=%E5%BC%A0&status=active&sort=-lastLoginAt&page=3&pageSize=50');
    expect(readListParams(sp, ['q', 'status'])).toEqual(p);
  });
  it('leaves defaults out of the URL and ignores unknown or bad parameters', () => {
    expect(writeListParams({ page: 1, pageSize: 20, sort: undefined, filters: {} }).toString()).toBe('');
    const r = readListParams(new URLSearchParams('page=-4&pageSize=9999&sort=drop;table&evil=1&q='), ['q']);
    expect(r).toEqual({ page: 1, pageSize: 200, sort: undefined, filters: {} });
  });
  it('builds the API query', () => {
    expect(toQuery({ page: 2, pageSize: 20, sort: undefined, filters: { role: 'cadre' } })).toEqual({
      role: 'cadre',
      page: 2,
      pageSize: 20,
      sort: undefined,
    });
  });
});
