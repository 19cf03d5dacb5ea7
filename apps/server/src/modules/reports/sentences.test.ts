import { describe, expect, it } from 'vitest';
import { leadSentence, outputSentence, projectSentence, registerSentence, ticketSentence } from './sentences';

// Golden sentences in the customary form
describe('brief sentences', () => {
  it('经济运行', () => {
    expect(outputSentence({ month: 10, place: '全镇', output: 543_210_000, yoy: 0.082, target: 650_000_000 })).toBe(
      '1—10月，全镇规上工业产值5.43亿元，同比增长8.2%，完成年度目标的83.6%，超时序进度0.2个百分点。',
    );
    expect(outputSentence({ month: 1, place: '全镇', output: 40_000_000, yoy: -0.05, target: 650_000_000 })).toBe(
      '1月，全镇规上工业产值0.40亿元，同比下降5.0%，完成年度目标的6.2%，落后时序进度2.2个百分点。',
    );
    expect(outputSentence({ month: 6, place: '凫城镇', output: 300_000_000, yoy: null, target: null })).toBe(
      '1—6月，凫城镇规上工业产值3.00亿元。',
    );
  });
  it('升规、项目、招商、诉求', () => {
    expect(registerSentence({ inRegister: 9, candidates: 7, near: 3, crossingThisYear: 2 })).toBe(
      '全镇“四上”企业9家；升规纳统培育对象7家，其中临规企业3家，按当前增速预计年内可达标2家。',
    );
    expect(
      projectSentence({
        month: 10,
        building: 5,
        total: 305_000_000,
        completed: 88_000_000,
        plan: 110_000_000,
        red: 1,
        amber: 2,
      }),
    ).toBe(
      '全镇在建重点项目5个，总投资3.05亿元；1—10月完成投资0.88亿元，完成年度计划的80.0%。亮红灯项目1个、黄灯2个，已逐一调度督办。',
    );
    expect(leadSentence({ signed: 2, target: 3, open: 3, expected: 2.75, pReach: 0.5 })).toBe(
      '今年以来签约亿元以上项目2个（同一项目重复签约只计一次），完成年度目标的66.7%；在谈亿元以上线索3个，预计年底签约2.8个，完成全年目标的概率为50.0%。',
    );
    expect(ticketSentence({ total: 12, closed: 5, onTimeRate: 0.8, satisfactionRate: 0.75, overdue: 2 })).toBe(
      '今年以来受理企业诉求12件，办结5件，按期办结率80.0%，满意率75.0%；目前超期未办结2件，已发督办提醒。',
    );
    expect(ticketSentence({ total: 0, closed: 0, onTimeRate: null, satisfactionRate: null, overdue: 0 })).toBe(
      '今年以来受理企业诉求0件，办结0件；目前无超期诉求。',
    );
  });
});
