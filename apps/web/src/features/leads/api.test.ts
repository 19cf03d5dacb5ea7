import { describe, expect, it } from 'vitest';
import { formatLeadMoney, isBig, moveTargets } from './api';

describe('lead helpers', () => {
  it('moves open leads along the flow, to 签约, and signed leads only to 落地', () => {
    expect(moveTargets('lead')).toEqual(['contact', 'inspection', 'negotiation', 'signed', 'shelved', 'abandoned']);
    expect(moveTargets('negotiation')).toContain('signed');
    expect(moveTargets('shelved')).not.toContain('signed');
    expect(moveTargets('signed')).toEqual(['landed']);
    expect(moveTargets('landed')).toEqual([]);
    expect(moveTargets('abandoned')).toEqual([]);
  });
  it('shows 万元 below 1亿 and 亿元 from 1亿', () => {
    const u = { wan: '万元', yi: '亿元' };
    expect(formatLeadMoney('50000000', u)).toBe('5,000.00 万元');
    expect(formatLeadMoney('120000000', u)).toBe('1.20 亿元');
    expect(formatLeadMoney(null, u)).toBe('—');
    expect(isBig('100000000')).toBe(true);
    expect(isBig('99999999.99')).toBe(false);
  });
});
