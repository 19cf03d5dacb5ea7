import { describe, expect, it } from 'vitest';
import { regionAncestors, regionParentOf } from './regions';

describe('region codes', () => {
  it('finds the parent of each level', () => {
    expect(regionParentOf('370406109200')).toBe('370406109000'); // village → town
    expect(regionParentOf('370406109000')).toBe('370406000000'); // town → county
    expect(regionParentOf('370406000000')).toBe('370400000000'); // county → city
    expect(regionParentOf('370400000000')).toBe('370000000000'); // city → province
    expect(regionParentOf('370000000000')).toBeNull();
    expect(regionParentOf('bad')).toBeNull();
  });
  it('lists the child lists to load to show a code', () => {
    expect(regionAncestors('370406109000')).toEqual([null, '370000000000', '370400000000', '370406000000']);
    expect(regionAncestors(null)).toEqual([null]);
  });
});
