/**
 * Project rules as pure functions: the schedule of approval nodes over working days, red/amber/green
 * lights from configurable thresholds, and the 入统 rule. No I/O.
 */
import { addWorkdays, type CalendarOverrides, workdaysBetween } from '../calendar/workdays';

export type Light = 'green' | 'amber' | 'red';

export interface NodeSpec {
  key: string;
  days: number;
  after: string[];
  actualStart?: string | null;
  actualDone?: string | null;
}

export interface Scheduled {
  key: string;
  plannedStart: string;
  dueDate: string;
}

/**
 * Due dates: a node starts when all its predecessors are done (their actual date, else their due date),
 * or on `start` when it has none; it is due `days` working days later. Throws on unknown or cyclic links.
 */
export function schedule(nodes: NodeSpec[], start: string, cal: CalendarOverrides): Map<string, Scheduled> {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const n of nodes)
    for (const a of n.after) if (!byKey.has(a)) throw new Error(`node ${n.key} waits for unknown node ${a}`);
  const out = new Map<string, Scheduled>();
  const visiting = new Set<string>();
  const visit = (key: string): Scheduled => {
    const done = out.get(key);
    if (done) return done;
    if (visiting.has(key)) throw new Error(`nodes form a cycle at ${key}`);
    visiting.add(key);
    const n = byKey.get(key)!;
    let s = start;
    for (const a of n.after) {
      const p = visit(a);
      const finished = byKey.get(a)!.actualDone ?? p.dueDate;
      if (finished > s) s = finished;
    }
    const plannedStart = n.actualStart ?? s;
    const r = { key, plannedStart, dueDate: addWorkdays(plannedStart, n.days, cal) };
    visiting.delete(key);
    out.set(key, r);
    return r;
  };
  for (const n of nodes) visit(n.key);
  return out;
}

export interface LightRules {
  /** Months after the planned start month without a start: amber from 1, red from `startRedMonths`. */
  startRedMonths: number;
  /** Investment progress behind time progress, in percentage points. */
  investmentAmberPoints: number;
  investmentRedPoints: number;
  /** Working days a node may be overdue before it turns the project red. */
  nodeRedDays: number;
}

export const DEFAULT_LIGHT_RULES: LightRules = {
  startRedMonths: 3,
  investmentAmberPoints: 10,
  investmentRedPoints: 30,
  nodeRedDays: 10,
};

export interface LightInput {
  stage: string;
  suspended: boolean;
  plannedStart: string | null;
  actualStart: string | null;
  yearPlan: number | null;
  yearCompleted: number;
  overdueNodes: { name: string; overdueDays: number }[];
}

export interface LightReason {
  rule: string;
  light: Light;
  zh: string;
  en: string;
}

const monthsBetween = (a: string, b: string) =>
  (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/** Share of the calendar year elapsed on `today` (时序进度). */
export function timeProgress(today: string): number {
  const y = Number(today.slice(0, 4));
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return (Date.parse(`${today}T00:00:00Z`) - start + 86_400_000) / (end - start);
}

export function light(
  input: LightInput,
  today: string,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): { light: Light; reasons: LightReason[] } {
  const reasons: LightReason[] = [];
  const notStartedStages = ['planning', 'negotiating', 'signed'];
  if (input.suspended) reasons.push({ rule: 'suspended', light: 'red', zh: '项目停缓建', en: 'Project suspended' });
  if (input.plannedStart && !input.actualStart && notStartedStages.includes(input.stage)) {
    const late = monthsBetween(input.plannedStart, today);
    if (late >= rules.startRedMonths)
      reasons.push({
        rule: 'start',
        light: 'red',
        zh: `计划 ${input.plannedStart.slice(0, 7)} 开工，已延误 ${late} 个月`,
        en: `Start planned for ${input.plannedStart.slice(0, 7)}, ${late} months late`,
      });
    else if (late >= 1)
      reasons.push({
        rule: 'start',
        light: 'amber',
        zh: `计划 ${input.plannedStart.slice(0, 7)} 开工，尚未开工`,
        en: `Start planned for ${input.plannedStart.slice(0, 7)}, not started`,
      });
  }
  if (input.yearPlan && input.yearPlan > 0 && !notStartedStages.includes(input.stage)) {
    const invest = (input.yearCompleted / input.yearPlan) * 100;
    const time = timeProgress(today) * 100;
    const behind = time - invest;
    const f = (x: number) => x.toFixed(1);
    if (behind > rules.investmentRedPoints)
      reasons.push({
        rule: 'investment',
        light: 'red',
        zh: `投资完成 ${f(invest)}%，落后时序进度 ${f(behind)} 个百分点`,
        en: `Investment ${f(invest)}%, ${f(behind)} points behind time`,
      });
    else if (behind >= rules.investmentAmberPoints)
      reasons.push({
        rule: 'investment',
        light: 'amber',
        zh: `投资完成 ${f(invest)}%，落后时序进度 ${f(behind)} 个百分点`,
        en: `Investment ${f(invest)}%, ${f(behind)} points behind time`,
      });
  }
  for (const n of input.overdueNodes) {
    if (n.overdueDays <= 0) continue;
    const red = n.overdueDays >= rules.nodeRedDays;
    reasons.push({
      rule: 'node',
      light: red ? 'red' : 'amber',
      zh: `审批节点“${n.name}”超期 ${n.overdueDays} 个工作日`,
      en: `Node "${n.name}" ${n.overdueDays} working days overdue`,
    });
  }
  const l: Light = reasons.some((r) => r.light === 'red')
    ? 'red'
    : reasons.some((r) => r.light === 'amber')
      ? 'amber'
      : 'green';
  return { light: l, reasons };
}

/** Working days a node is overdue on `today` (0 when done on time or not yet due). */
export function overdueDays(dueDate: string, actualDone: string | null, today: string, cal: CalendarOverrides): number {
  const end = actualDone ?? today;
  return end > dueDate ? workdaysBetween(dueDate, end, cal) : 0;
}

/** 入统: total investment ≥ 500万元 and main works started (固投统计). */
export function inStats(totalInvestment: number, actualStart: string | null, threshold = 5_000_000): boolean {
  return totalInvestment >= threshold && !!actualStart;
}
