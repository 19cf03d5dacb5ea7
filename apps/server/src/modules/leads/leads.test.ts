import { describe, expect, it } from 'vitest';
import { isDuplicateSigning } from './duplicate';
import { forecast, learnedProbabilities, poissonBinomial, probAtLeast } from './forecast';

describe('Poisson-binomial forecast', () => {
  it('matches exact small cases', () => {
    expect(poissonBinomial([0.5, 0.5])).toEqual([0.25, 0.5, 0.25]);
    const d = poissonBinomial([0.2, 0.5, 0.9]);
    expect(d[0]).toBeCloseTo(0.8 * 0.5 * 0.1, 12);
    expect(d[3]).toBeCloseTo(0.2 * 0.5 * 0.9, 12);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // exactly two: ab¬c 0.01 + a¬bc 0.09 + ¬abc 0.36; all three: 0.09
    expect(probAtLeast([0.2, 0.5, 0.9], 2)).toBeCloseTo(0.01 + 0.09 + 0.36 + 0.09, 12);
    expect(probAtLeast([], 1)).toBe(0);
    expect(probAtLeast([0.3], 0)).toBe(1);
    expect(() => poissonBinomial([1.2])).toThrow(RangeError);
  });

  it('gives the probability of reaching the target and ranks the leads that matter', () => {
    const f = forecast(
      1,
      [
        { id: 1, name: 'a', p: 0.5 },
        { id: 2, name: 'b', p: 0.25 },
        { id: 3, name: 'c', p: 0.05 },
      ],
      3,
    );
    expect(f.expected).toBeCloseTo(1.8, 12);
    // need 2 of 3: 0.5·0.25·0.95 + 0.5·0.75·0.05 + 0.5·0.25·0.05 + 0.5·0.25·0.05
    expect(f.pReach).toBeCloseTo(0.5 * 0.25 * 0.95 + 0.5 * 0.75 * 0.05 + 0.5 * 0.25 * 0.05 + 0.5 * 0.25 * 0.05, 12);
    // marginal effect on P(reach): lead 1 → 0.2875 − 0.0125 = 0.275; leads 2 and 3 → 0.5 each (tie: higher p first)
    expect(f.leads.map((l) => l.id)).toEqual([2, 3, 1]);
    expect(f.leads[2]!.impact).toBeCloseTo(0.275, 12);
    expect(forecast(3, [], 3).pReach).toBe(1);
  });

  it('learns stage probabilities once there are enough closed leads', () => {
    const closed = [
      ...Array.from({ length: 6 }, () => ({ maxStage: 'negotiation', signed: false })),
      ...Array.from({ length: 6 }, () => ({ maxStage: 'signed', signed: true })),
    ];
    const p = learnedProbabilities(
      closed,
      { lead: 0.05, contact: 0.1, inspection: 0.25, negotiation: 0.5, signed: 1 },
      10,
    );
    expect(p.negotiation).toBeCloseTo(0.5);
    expect(p.lead).toBeCloseTo(0.5); // all 12 reached 'lead'
    expect(learnedProbabilities(closed.slice(0, 4), { lead: 0.05 }, 10).lead).toBe(0.05);
  });
});

describe('duplicate-signing guard', () => {
  const a = { investor: '车之捷科技发展股份有限公司', project: '汽车配件项目', amount: 120_000_000 };
  it('flags the same deal signed again within 20%', () => {
    expect(
      isDuplicateSigning(a, { investor: '车之捷科技发展股份有限公司 ', project: '汽车配件', amount: 100_000_000 }),
    ).toBe(true);
    // full-width and half-width brackets normalise alike; 130M is within 20% of 120M
    expect(
      isDuplicateSigning(
        { investor: '车之捷科技发展（股份）有限公司', project: '汽车配件项目', amount: 120_000_000 },
        { investor: '车之捷科技发展(股份)有限公司', project: '汽车配件项目', amount: 130_000_000 },
      ),
    ).toBe(true);
  });
  it('does not flag a different project or a very different amount', () => {
    expect(isDuplicateSigning(a, { ...a, project: '新能源电池项目' })).toBe(false);
    expect(isDuplicateSigning(a, { ...a, amount: 60_000_000 })).toBe(false);
    expect(isDuplicateSigning(a, { ...a, investor: '另一家公司' })).toBe(false);
  });
});
