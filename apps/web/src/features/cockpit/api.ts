import { type CockpitDrillRow, LEAD_STAGE_LABELS, PROJECT_STAGE_LABELS } from '@beizeng/contract';
import { formatNumber, formatPercent, formatWan, formatYi } from '../../shared/format';

export type Unit = 'yuan' | 'count' | 'rate';

export interface Kpi {
  metric: string;
  label: string;
  labelEn: string;
  unit: Unit;
  source: string;
  actual: number;
  target: number | null;
  completion: number | null;
  timeProgress: number | null;
  aheadPoints: number | null;
  yoy: number | null;
}

export interface Cockpit {
  period: string;
  asOf: string;
  kpis: Kpi[];
  outputByMonth: { month: string; thisYear: number; lastYear: number }[];
  projects: {
    columns: { stage: string; count: number; totalInvestment: string }[];
    suspended: number;
    lights: Record<string, number> | null;
  } | null;
  leads: { columns: { stage: string; count: number; intendedInvestment: string }[] } | null;
  tickets: { open: number; overdue: number } | null;
}

export type DrillRow = CockpitDrillRow;
export interface Drill {
  metric: string;
  total: number;
  rows: DrillRow[];
}

export interface DoublingPlan {
  metric: string;
  baseYear: number;
  baseValue: number;
  targetYear: number;
  multiple: number;
  requiredGrowth: number;
  path: { year: number; value: number }[];
  actual: { year: number; value: number }[];
  source: string | null;
}

export interface WarningRule {
  rule: string;
  zh: string;
  en: string;
  count: number;
  items: { id: number; name: string; link: string; detail: string | null }[];
}

export interface Target {
  id: number;
  regionCode: string;
  year: number;
  metric: string;
  value: string;
  source: string | null;
}

/** The metrics of the cockpit (same list as the server's METRICS), with their units. */
export const METRICS: { metric: string; unit: Unit }[] = [
  { metric: 'industrial_output', unit: 'yuan' },
  { metric: 'industrial_count', unit: 'count' },
  { metric: 'register_count', unit: 'count' },
  { metric: 'project_investment', unit: 'yuan' },
  { metric: 'big_signings', unit: 'count' },
  { metric: 'tickets_on_time', unit: 'rate' },
];
export const unitOf = (metric: string): Unit => METRICS.find((m) => m.metric === metric)?.unit ?? 'count';

/** The drill page of a KPI: at a region (broken down by its towns, or a town's rows); `direct` = the rows filed at the region itself. */
export function drillUrl(q: { metric: string; period?: string; region?: string; direct?: boolean }): string {
  const sp = new URLSearchParams({ metric: q.metric });
  if (q.period) sp.set('period', q.period);
  if (q.region) sp.set('region', q.region);
  if (q.direct && q.region) sp.set('direct', '1');
  return `/cockpit/drill?${sp.toString()}`;
}

/** Units for money, translated by the caller. */
export interface MoneyUnits {
  wan: string;
  yi: string;
}

/** 元 → 亿元 from 1 亿 up, else 万元; exact on the digits. */
export function formatMoney(yuan: string | number | null | undefined, units: MoneyUnits): string {
  if (yuan === null || yuan === undefined || yuan === '') return formatWan(null);
  const n = Math.abs(Number(yuan));
  return n >= 1e8 ? formatYi(yuan, true, units.yi) : formatWan(yuan, true, units.wan);
}

/** A KPI value by unit: money in 万元/亿元, counts as integers, rates (ratios) as %. */
export function formatValue(v: string | number | null | undefined, unit: Unit, units: MoneyUnits): string {
  if (unit === 'yuan') return formatMoney(v, units);
  if (unit === 'rate') return formatPercent(v ?? null, true);
  return formatNumber(v ?? null, 0);
}

/** Exact sum of decimal strings in 元 (to the 分), as a decimal string. */
export function sumYuan(values: string[]): string {
  let fen = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
    const x = BigInt(i || '0') * 100n + BigInt(`${f}00`.slice(0, 2));
    fen += neg ? -x : x;
  }
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The 合计 of drill rows, computed the way the server computes the KPI. */
export function drillTotal(unit: Unit, rows: DrillRow[]): string | number {
  if (unit === 'rate') return rows.length ? rows.filter((r) => r.value === '1').length / rows.length : 0;
  return sumYuan(rows.map((r) => r.value));
}

export function projectStageLabel(stage: string, lang: string): string {
  const l = PROJECT_STAGE_LABELS[stage as keyof typeof PROJECT_STAGE_LABELS];
  return l ? (lang.startsWith('en') ? l.en : l.zh) : stage;
}

export function leadStageLabel(stage: string, lang: string): string {
  const l = LEAD_STAGE_LABELS[stage as keyof typeof LEAD_STAGE_LABELS];
  return l ? (lang.startsWith('en') ? l.en : l.zh) : stage;
}

/** Writes one sheet to an .xlsx and downloads it; exceljs loads only when this runs. */
export async function downloadXlsx(fileName: string, header: string[], rows: (string | number | null)[][]) {
  const mod: any = await import('exceljs');
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c: any, i: number) => {
    c.width = Math.max(10, Math.min(40, String(header[i] ?? '').length * 2 + 4));
  });
  const buf = await wb.xlsx.writeBuffer();
  const blob = new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
