import { describe, expect, it } from 'vitest';
import { ancestorsOf, childOf, groupByChild, levelOf } from './breakdown';

describe('region breakdown arithmetic', () => {
  it('knows the level of a code', () => {
    expect(levelOf(null)).toBe(0);
    expect(levelOf('370000000000')).toBe(1);
    expect(levelOf('370400000000')).toBe(2);
    expect(levelOf('370406000000')).toBe(3);
    expect(levelOf('370406109000')).toBe(4);
    expect(levelOf('370406100000')).toBe(4);
    expect(levelOf('370406109201')).toBe(5);
    expect(levelOf('370406109100')).toBe(5);
  });
  it('finds the child region a row lies in, or null at the parent itself', () => {
    expect(childOf('370406109201', '370406000000')).toBe('370406109000');
    expect(childOf('370406109000', '370406000000')).toBe('370406109000');
    expect(childOf('370406000000', '370406000000')).toBeNull();
    expect(childOf('370406109201', '370406109000')).toBe('370406109201');
    expect(childOf('370406109000', '370406109000')).toBeNull();
    expect(childOf('370406109201', null)).toBe('370000000000');
    expect(childOf('370406109201', '370400000000')).toBe('370406000000');
    expect(childOf('370406100000', '370406000000')).toBe('370406100000');
    expect(childOf('370481109201', '370406000000')).toBeNull(); // outside
    expect(childOf('370406109201', '370406109201')).toBeNull(); // a village has no children
  });
  it('lists the ancestors widest first', () => {
    expect(ancestorsOf('370406109201')).toEqual(['370000000000', '370400000000', '370406000000', '370406109000']);
    expect(ancestorsOf('370406000000')).toEqual(['370000000000', '370400000000']);
    expect(ancestorsOf('370000000000')).toEqual([]);
  });
  it('groups rows by child, rows at the parent under null', () => {
    const g = groupByChild(
      [
        { regionCode: '370406109201' },
        { regionCode: '370406102000' },
        { regionCode: '370406000000' },
        { regionCode: '370406109000' },
      ],
      '370406000000',
    );
    expect([...g.keys()]).toEqual(['370406109000', '370406102000', null]);
    expect(g.get('370406109000')!.length).toBe(2);
  });
});
