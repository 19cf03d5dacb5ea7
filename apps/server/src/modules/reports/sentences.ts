/**
 * Sentences of the weekly 调度 brief and the monthly 经济运行 brief, written from figures in the customary
 * form, e.g. "1—10月，全镇规上工业产值5.43亿元，同比增长8.2%，完成年度目标的83.5%，超时序进度0.2个百分点。"
 * Pure functions: figures in, text out.
 */
const yi = (yuan: number) => (yuan / 100_000_000).toFixed(2);
const pct = (r: number) => (r * 100).toFixed(1);
const period = (month: number) => (month === 1 ? '1月' : `1—${month}月`);

export function outputSentence(f: {
  month: number;
  place: string;
  output: number;
  yoy: number | null;
  target: number | null;
}): string {
  const parts = [`${period(f.month)}，${f.place}规上工业产值${yi(f.output)}亿元`];
  if (f.yoy !== null) parts.push(f.yoy >= 0 ? `同比增长${pct(f.yoy)}%` : `同比下降${pct(-f.yoy)}%`);
  if (f.target) {
    const done = f.output / f.target;
    const ahead = (done - f.month / 12) * 100;
    parts.push(`完成年度目标的${pct(done)}%`);
    parts.push(ahead >= 0 ? `超时序进度${ahead.toFixed(1)}个百分点` : `落后时序进度${(-ahead).toFixed(1)}个百分点`);
  }
  return `${parts.join('，')}。`;
}

export function registerSentence(f: {
  inRegister: number;
  candidates: number;
  near: number;
  crossingThisYear: number;
}): string {
  return `全镇“四上”企业${f.inRegister}家；升规纳统培育对象${f.candidates}家，其中临规企业${f.near}家，按当前增速预计年内可达标${f.crossingThisYear}家。`;
}

export function projectSentence(f: {
  month: number;
  building: number;
  total: number;
  completed: number;
  plan: number | null;
  red: number;
  amber: number;
}): string {
  const s = [
    `全镇在建重点项目${f.building}个，总投资${yi(f.total)}亿元；${period(f.month)}完成投资${yi(f.completed)}亿元`,
  ];
  if (f.plan) s.push(`完成年度计划的${pct(f.completed / f.plan)}%`);
  const lights = f.red || f.amber ? `亮红灯项目${f.red}个、黄灯${f.amber}个，已逐一调度督办` : '所有项目均为绿灯';
  return `${s.join('，')}。${lights}。`;
}

export function leadSentence(f: {
  signed: number;
  target: number | null;
  open: number;
  expected: number;
  pReach: number | null;
}): string {
  let s = `今年以来签约亿元以上项目${f.signed}个（同一项目重复签约只计一次）`;
  if (f.target) s += `，完成年度目标的${pct(f.signed / f.target)}%`;
  s += `；在谈亿元以上线索${f.open}个，预计年底签约${f.expected.toFixed(1)}个`;
  if (f.pReach !== null) s += `，完成全年目标的概率为${pct(f.pReach)}%`;
  return `${s}。`;
}

export function ticketSentence(f: {
  total: number;
  closed: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  overdue: number;
}): string {
  let s = `今年以来受理企业诉求${f.total}件，办结${f.closed}件`;
  if (f.onTimeRate !== null) s += `，按期办结率${pct(f.onTimeRate)}%`;
  if (f.satisfactionRate !== null) s += `，满意率${pct(f.satisfactionRate)}%`;
  s += f.overdue ? `；目前超期未办结${f.overdue}件，已发督办提醒。` : '；目前无超期诉求。';
  return s;
}
