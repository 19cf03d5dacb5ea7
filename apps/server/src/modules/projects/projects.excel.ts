import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { neutralise } from '../../core/excel';
import type { AuthedCtx } from '../../core/http';
import { listProjects, projectScope, today } from './projects.service';
import { projectInvestments, projectReports, projects } from './projects.tables';

const wan = (v: number) => Math.round(v / 100) / 100;

/**
 * The weekly/monthly 调度 table in the layout towns already use: 项目名称, 总投资, 年度计划, 本月完成,
 * 累计完成, 完成率, 形象进度, 存在问题, 责任单位/责任人, 包保领导 (amounts in 万元).
 */
export async function sendScheduleReport(ctx: AuthedCtx, period?: string) {
  const month = period ?? today().slice(0, 7);
  const rows = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(isNull(projects.deletedAt), projectScope(ctx), sql`${projects.stage} <> 'planning'`));
  const ids = rows.map((r) => r.id);
  const all = [];
  for (let page = 1; ; page++) {
    const r = await listProjects(ctx, { page, pageSize: 200 } as any);
    all.push(...r.items);
    if (page * 200 >= r.total) break;
  }
  const list = all.filter((p) => ids.includes(p.id));
  const monthRows = ids.length
    ? await ctx.db
        .select({ projectId: projectInvestments.projectId, amount: projectInvestments.amount })
        .from(projectInvestments)
        .where(and(inArray(projectInvestments.projectId, ids), eq(projectInvestments.month, `${month}-01`)))
    : [];
  const ytd = ids.length
    ? await ctx.db
        .select({ projectId: projectInvestments.projectId, s: sql<string>`sum(${projectInvestments.amount})::text` })
        .from(projectInvestments)
        .where(
          and(
            inArray(projectInvestments.projectId, ids),
            sql`${projectInvestments.month} between ${`${month.slice(0, 4)}-01-01`} and ${`${month}-01`}`,
          ),
        )
        .groupBy(projectInvestments.projectId)
    : [];
  const reports = ids.length
    ? await ctx.db
        .select()
        .from(projectReports)
        .where(
          and(inArray(projectReports.projectId, ids), sql`${projectReports.period} like ${`${month.slice(0, 4)}-%`}`),
        )
    : [];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调度表', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const headers = [
    '序号',
    '项目名称',
    '总投资（万元）',
    '年度计划（万元）',
    '本月完成（万元）',
    '累计完成（万元）',
    '完成率',
    '形象进度',
    '存在问题',
    '责任单位/责任人',
    '包保领导',
    '亮灯',
  ];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = `重点项目调度表（${month.slice(0, 4)}年${Number(month.slice(5, 7))}月）`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(headers).font = { bold: true };
  ws.columns = [6, 36, 12, 12, 12, 12, 9, 36, 30, 22, 10, 6].map((width) => ({ width }));
  list.forEach((p, i) => {
    const m = Number(monthRows.find((x) => x.projectId === p.id)?.amount ?? 0);
    const y = Number(ytd.find((x) => x.projectId === p.id)?.s ?? 0);
    const plan = p.yearPlan ? Number(p.yearPlan) : null;
    const rep = reports.filter((r) => r.projectId === p.id).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
    const row = ws.addRow([
      i + 1,
      neutralise(p.name),
      wan(Number(p.totalInvestment)),
      plan == null ? null : wan(plan),
      wan(m),
      wan(y),
      plan ? Math.round((y / plan) * 1000) / 1000 : null,
      neutralise(rep?.progress ?? (p.suspended ? '停缓建' : '')),
      neutralise(rep?.problems ?? ''),
      neutralise([p.responsibleDept, p.responsibleName].filter(Boolean).join(' / ')),
      neutralise(p.leaderName ?? ''),
      { green: '绿', amber: '黄', red: '红' }[p.light],
    ]);
    row.getCell(7).numFmt = '0.0%';
    row.alignment = { vertical: 'top', wrapText: true };
  });
  ws.eachRow((row, n) => {
    if (n < 2) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return ctx.reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`重点项目调度表-${month}.xlsx`)}`)
    .send(buf);
}
