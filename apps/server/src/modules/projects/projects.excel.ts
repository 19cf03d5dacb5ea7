import { PROJECT_STAGE_LABELS } from '@beizeng/contract';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import { neutralise } from '../../core/excel';
import type { AuthedCtx } from '../../core/http';
import { regionWithin } from '../../core/scope';
import { type Cell, type Parsed, parseDate, parseMoney, parseText, readSheet } from '../../core/xlsx';
import { dictItems } from '../dicts/dicts.tables';
import { enterprises } from '../enterprises/enterprises.tables';
import { normaliseName } from '../enterprises/search';
import { regions } from '../regions/regions.tables';
import { listProjects, projectScope, storeLights } from './projects.service';
import { projectInvestments, projectPlans, projectReports, projectStageHistory, projects } from './projects.tables';

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

export const PROJECT_COLUMNS = [
  { header: '项目名称', key: 'name', required: true, width: 40 },
  { header: '投资项目代码', key: 'code', width: 26 },
  { header: '项目单位', key: 'enterprise', width: 30 },
  { header: '所在地区划代码', key: 'regionCode', required: true, width: 16 },
  { header: '行业代码', key: 'industryCode', width: 10 },
  { header: '产业链', key: 'chain', width: 12 },
  { header: '链条定位', key: 'chainRole', width: 10 },
  { header: '建设性质', key: 'nature', width: 10 },
  { header: '总投资（元）', key: 'totalInvestment', required: true, width: 16 },
  { header: '建设内容', key: 'constructionContent', width: 40 },
  { header: '计划开工日期', key: 'plannedStart', width: 14 },
  { header: '计划投产日期', key: 'plannedProduction', width: 14 },
  { header: '阶段', key: 'stage', width: 10 },
  { header: '年度计划投资（元）', key: 'yearPlan', width: 18 },
] as const;

export async function sendProjectTemplate(ctx: AuthedCtx) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.columns = PROJECT_COLUMNS.map((c) => ({
    header: 'required' in c && c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
  }));
  ws.getRow(1).font = { bold: true };
  const stageList = Object.values(PROJECT_STAGE_LABELS).map((l) => l.zh);
  const col = (key: string) => ws.getColumn(PROJECT_COLUMNS.findIndex((c) => c.key === key) + 1).letter;
  const list = (key: string, values: string[]) =>
    (ws as any).dataValidations.add(`${col(key)}2:${col(key)}5001`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
    });
  const dicts = await ctx.db
    .select({ type: dictItems.typeCode, label: dictItems.label })
    .from(dictItems)
    .where(
      and(
        inArray(dictItems.typeCode, ['industry_chain', 'chain_role', 'project_nature']),
        eq(dictItems.status, 'active'),
      ),
    )
    .orderBy(dictItems.sort);
  list('stage', stageList);
  list(
    'chain',
    dicts.filter((d) => d.type === 'industry_chain').map((d) => d.label),
  );
  list(
    'chainRole',
    dicts.filter((d) => d.type === 'chain_role').map((d) => d.label),
  );
  list(
    'nature',
    dicts.filter((d) => d.type === 'project_nature').map((d) => d.label),
  );
  ws.addRow({
    name: '示例：年产 10 万吨新型墙材项目（导入前请删除本行）',
    code: '2026-370406-30-03-012345',
    regionCode: '370406109000',
    totalInvestment: 120000000,
    stage: '签约',
    plannedStart: '2026-12-01',
    yearPlan: 30000000,
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return ctx.reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('项目导入模板.xlsx')}`)
    .send(buf);
}

/** Project list import: dry run reports every bad row; a clean file is written all at once (created or updated by code/name). */
export async function importProjects(ctx: AuthedCtx, file: Buffer, dryRun: boolean) {
  const sheet = await readSheet(file, {
    required: PROJECT_COLUMNS.filter((c) => 'required' in c && c.required).map((c) => c.header),
    optional: PROJECT_COLUMNS.filter((c) => !('required' in c && c.required)).map((c) => c.header),
    maxRows: 5000,
  });
  const errors: { row: number; column: string; message: string }[] = [];
  const dicts = await ctx.db
    .select({ type: dictItems.typeCode, value: dictItems.value, label: dictItems.label })
    .from(dictItems)
    .where(inArray(dictItems.typeCode, ['industry_chain', 'chain_role', 'project_nature']));
  const dictValue = (type: string, label: string) =>
    dicts.find((d) => d.type === type && (d.label === label || d.value === label))?.value;
  const regionSet = new Set((await ctx.db.select({ code: regions.code }).from(regions)).map((r) => r.code as string));
  const stageByLabel = new Map(
    Object.entries(PROJECT_STAGE_LABELS).flatMap(([k, v]) => [
      [v.zh, k],
      [k, k],
    ]),
  );
  const ents = await ctx.db
    .select({ id: enterprises.id, uscc: enterprises.uscc, nameNorm: enterprises.nameNorm })
    .from(enterprises)
    .where(isNull(enterprises.deletedAt));
  const existing = await ctx.db
    .select({ id: projects.id, code: projects.code, name: projects.name, regionCode: projects.regionCode })
    .from(projects)
    .where(isNull(projects.deletedAt));
  const year = Number(today().slice(0, 4));
  const good: { row: number; values: Record<string, any>; yearPlan: string | null; id: number | null }[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const errs: typeof errors = [];
    const take = <T>(column: string, p: Parsed<T>): T | null => {
      if (!p.ok) {
        errs.push({ row, column, message: p.message });
        return null;
      }
      return p.value;
    };
    const c = (h: string): Cell => cells[h] ?? null;
    const name = take('项目名称', parseText(c('项目名称'), 100));
    if (!name) errs.push({ row, column: '项目名称', message: '项目名称不能为空' });
    else if (name.startsWith('示例：'))
      errs.push({ row, column: '项目名称', message: '这是模板中的示例行，请删除后再导入' });
    const code = take('投资项目代码', parseText(c('投资项目代码'), 30));
    if (code && !/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/.test(code))
      errs.push({
        row,
        column: '投资项目代码',
        message: `“${code}”不是 24 位投资项目代码（如 2024-370406-30-03-012345）`,
      });
    const regionCode = take('所在地区划代码', parseText(c('所在地区划代码'), 20))?.replace(/\.0+$/, '') ?? null;
    if (!regionCode || !regionSet.has(regionCode))
      errs.push({
        row,
        column: '所在地区划代码',
        message: regionCode ? `区划代码 ${regionCode} 不存在` : '所在地区划代码不能为空',
      });
    else if (ctx.actor.scope.kind === 'region' && !regionWithin(regionCode, ctx.actor.regionCode))
      errs.push({ row, column: '所在地区划代码', message: '该地区不在您的辖区内' });
    const entText = take('项目单位', parseText(c('项目单位'), 100));
    let enterpriseId: number | null = null;
    if (entText) {
      const e =
        ents.find((x) => x.uscc === entText.toUpperCase()) ?? ents.find((x) => x.nameNorm === normaliseName(entText));
      if (!e) errs.push({ row, column: '项目单位', message: `未找到企业“${entText}”，请先在企业名录中登记` });
      else enterpriseId = e.id;
    }
    const total = take('总投资（元）', parseMoney(c('总投资（元）')));
    if (!total && !errs.some((e) => e.column === '总投资（元）'))
      errs.push({ row, column: '总投资（元）', message: '总投资不能为空' });
    const dictCol = (column: string, type: string) => {
      const label = take(column, parseText(c(column), 30));
      if (!label) return null;
      const v = dictValue(type, label);
      if (!v) errs.push({ row, column, message: `“${label}”不在字典中，请从下拉列表选择` });
      return v ?? null;
    };
    const chain = dictCol('产业链', 'industry_chain');
    const chainRole = dictCol('链条定位', 'chain_role');
    const nature = dictCol('建设性质', 'project_nature');
    const stageLabel = take('阶段', parseText(c('阶段'), 10));
    const stage = stageLabel ? stageByLabel.get(stageLabel) : 'planning';
    if (stageLabel && !stage)
      errs.push({ row, column: '阶段', message: '阶段只能是 谋划、洽谈、签约、开工、建设、投产、达产' });
    const plannedStart = take('计划开工日期', parseDate(c('计划开工日期')));
    const plannedProduction = take('计划投产日期', parseDate(c('计划投产日期')));
    if (plannedStart && plannedProduction && plannedProduction < plannedStart)
      errs.push({ row, column: '计划投产日期', message: '计划投产日期早于计划开工日期' });
    const yearPlan = take('年度计划投资（元）', parseMoney(c('年度计划投资（元）')));
    if (yearPlan && total && Number(yearPlan) > Number(total))
      errs.push({ row, column: '年度计划投资（元）', message: '年度计划投资超过总投资' });
    const key = code ?? normaliseName(name ?? '');
    if (seen.has(key))
      errs.push({ row, column: code ? '投资项目代码' : '项目名称', message: `与第 ${seen.get(key)} 行重复` });
    seen.set(key, row);
    if (errs.length) {
      errors.push(...errs);
      continue;
    }
    const match = existing.find((p) => (code && p.code === code) || p.name === name);
    good.push({
      row,
      id: match?.id ?? null,
      yearPlan,
      values: {
        name,
        code,
        enterpriseId,
        regionCode,
        industryCode: take('行业代码', parseText(c('行业代码'), 4)),
        chain,
        chainRole,
        nature,
        totalInvestment: total,
        constructionContent: take('建设内容', parseText(c('建设内容'), 2000)),
        plannedStart,
        plannedProduction,
        stage,
      },
    });
  }
  const report = {
    dryRun,
    total: sheet.rows.length,
    created: good.filter((g) => !g.id).length,
    updated: good.filter((g) => g.id).length,
    errors,
  };
  if (dryRun || errors.length) {
    if (!dryRun) report.created = report.updated = 0;
    await audit(ctx, {
      entity: 'project_import',
      action: dryRun ? 'importDryRun' : 'importRejected',
      after: { rows: sheet.rows.length, errors: errors.length },
    });
    return report;
  }
  const touched: number[] = [];
  for (const g of good) {
    let id = g.id;
    if (id) {
      await ctx.db
        .update(projects)
        .set({ ...g.values, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${projects.version} + 1` })
        .where(eq(projects.id, id));
    } else {
      const [r] = await ctx.db
        .insert(projects)
        .values({ ...g.values, createdBy: ctx.actor.id, updatedBy: ctx.actor.id } as any)
        .returning({ id: projects.id });
      id = r!.id;
      await ctx.db.insert(projectStageHistory).values({
        projectId: id,
        stage: g.values.stage,
        on: today(),
        note: 'Excel 导入',
        byName: ctx.actor.displayName,
      });
    }
    if (g.yearPlan)
      await ctx.db
        .insert(projectPlans)
        .values({ projectId: id, year, amount: g.yearPlan })
        .onConflictDoUpdate({ target: [projectPlans.projectId, projectPlans.year], set: { amount: g.yearPlan } });
    touched.push(id);
  }
  await storeLights(ctx.db, touched);
  await audit(ctx, {
    entity: 'project_import',
    after: { created: report.created, updated: report.updated, rows: sheet.rows.length },
  });
  return report;
}
