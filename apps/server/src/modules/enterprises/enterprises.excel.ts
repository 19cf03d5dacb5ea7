import { checkUscc, REGISTER_STATUS_LABELS, usccMessage } from '@beizeng/contract';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { audit } from '../../core/audit';
import { currentMonth, today as todayCst } from '../../core/dates';
import type { AuthedCtx } from '../../core/http';
import { enterpriseRegion } from '../../core/region-codes';
import { regionPrefix, regionWithin } from '../../core/scope';
import {
  type Cell,
  type Parsed,
  parseDate,
  parseInteger,
  parseMoney,
  parseMonth,
  parseText,
  readSheet,
} from '../../core/xlsx';
import { auditLog } from '../audit/audit.tables';
import { dictItems } from '../dicts/dicts.tables';
import { industries } from '../industries/industries.tables';
import { regions } from '../regions/regions.tables';
import { nameFields } from './derive';
import { enterpriseIndicators, enterprises, enterpriseTaxes } from './enterprises.tables';
import { normaliseName } from './search';

export const MAX_IMPORT_ROWS = 50_000;

/** Columns of the enterprise import template, in order. `*` marks required ones in the header. */
export const ENTERPRISE_COLUMNS = [
  { header: '企业名称', key: 'name', required: true, width: 36 },
  { header: '简称', key: 'shortName', width: 14 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '所在地区划代码', key: 'regionCode', required: true, width: 16 },
  { header: '详细地址', key: 'address', width: 30 },
  { header: '行业代码', key: 'industryCode', width: 10 },
  { header: '产业链', key: 'chain', dict: 'industry_chain', width: 12 },
  { header: '统计类别', key: 'statCategory', dict: 'stat_category', width: 12 },
  { header: '入库状态', key: 'registerStatus', width: 10 },
  { header: '入库日期', key: 'registerDate', width: 12 },
  { header: '培育目标', key: 'targetRegister', dict: 'stat_category', width: 12 },
  { header: '标签', key: 'tags', width: 20 },
  { header: '法定代表人', key: 'legalPerson', width: 10 },
  { header: '联系人', key: 'contactName', width: 10 },
  { header: '联系电话', key: 'contactPhone', width: 14 },
  { header: '成立日期', key: 'establishedOn', width: 12 },
  { header: '注册资本（元）', key: 'registeredCapital', width: 16 },
  { header: '备注', key: 'note', width: 30 },
] as const;

export const INDICATOR_COLUMNS = [
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '月份', key: 'month', required: true, width: 10 },
  { header: '营业收入（元）', key: 'revenue', width: 16 },
  { header: '工业总产值（元）', key: 'output', width: 16 },
  { header: '利润总额（元）', key: 'profit', width: 16 },
  { header: '用工人数', key: 'employees', width: 10 },
  { header: '用电量（千瓦时）', key: 'electricity', width: 16 },
  { header: '税收（元，税务口径）', key: 'tax', width: 18 },
] as const;

const STATUS_BY_LABEL: Record<string, 'below' | 'in' | 'out'> = Object.fromEntries(
  Object.entries(REGISTER_STATUS_LABELS).flatMap(([k, v]) => [
    [v.zh, k],
    [k, k],
  ]),
) as any;

async function dictMaps(ctx: AuthedCtx, types: string[]) {
  const rows = await ctx.db
    .select({ type: dictItems.typeCode, value: dictItems.value, label: dictItems.label })
    .from(dictItems)
    .where(and(inArray(dictItems.typeCode, types), eq(dictItems.status, 'active')));
  const byLabel = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!byLabel.has(r.type)) byLabel.set(r.type, new Map());
    byLabel.get(r.type)!.set(r.label, r.value);
    byLabel.get(r.type)!.set(r.value, r.value);
  }
  return byLabel;
}

/** The import template: Chinese headers, required ones marked, dropdowns for dictionary columns. */
export async function sendEnterpriseTemplate(ctx: AuthedCtx, reply: FastifyReply) {
  const types = ['industry_chain', 'stat_category', 'enterprise_tag'];
  const rows = await ctx.db
    .select({ type: dictItems.typeCode, label: dictItems.label })
    .from(dictItems)
    .where(and(inArray(dictItems.typeCode, types), eq(dictItems.status, 'active')))
    .orderBy(dictItems.typeCode, dictItems.sort);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.columns = ENTERPRISE_COLUMNS.map((c) => ({
    header: 'required' in c && c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const lists = wb.addWorksheet('选项');
  lists.state = 'veryHidden';
  const listCols: Record<string, string> = {};
  const addList = (key: string, values: string[], col: number) => {
    values.forEach((v, i) => {
      lists.getCell(i + 1, col).value = v;
    });
    const letter = lists.getColumn(col).letter;
    listCols[key] = `'选项'!$${letter}$1:$${letter}$${Math.max(1, values.length)}`;
  };
  addList(
    'industry_chain',
    rows.filter((r) => r.type === 'industry_chain').map((r) => r.label),
    1,
  );
  addList(
    'stat_category',
    rows.filter((r) => r.type === 'stat_category').map((r) => r.label),
    2,
  );
  addList('registerStatus', ['规下', '在库', '退库'], 3);
  ENTERPRISE_COLUMNS.forEach((c, i) => {
    const list = 'dict' in c ? listCols[c.dict] : c.key === 'registerStatus' ? listCols.registerStatus : null;
    if (!list) return;
    const letter = ws.getColumn(i + 1).letter;
    (ws as any).dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: '请从下拉列表选择',
      error: '该列只能填写下拉列表中的选项',
    });
  });
  ws.addRow({
    name: '示例：山东某某食品有限公司（导入前请删除本行）',
    uscc: '91370406MA3C7Q1N7A',
    regionCode: '370406109000',
    industryCode: '1432',
    chain: '大健康食品',
    statCategory: '规上工业',
    registerStatus: '规下',
    registerDate: null,
    tags: '科技型中小企业',
    registeredCapital: 5000000,
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 110 }];
  for (const line of [
    '1. 带 * 的列必须填写；表头请勿修改；一次最多导入 50,000 行。',
    '2. 统一社会信用代码按 GB 32100-2015 校验，错误时会提示出错的位数。',
    '3. 所在地区划代码为 12 位统计用区划代码（如凫城镇 370406109000），与信用代码中的登记机关代码无关。',
    '4. 行业代码填写 GB/T 4754-2017 的门类字母或 2–4 位代码（如 1432）。',
    '5. 金额以“元”为单位填写纯数字，不要带“万元”等单位；日期可填 2024-01-05 或使用 Excel 日期。',
    '6. 标签可填多个，用逗号分隔。',
    '7. 已存在的企业（按信用代码或名称匹配）将被更新；导入先试运行，全部无误后才会一次性写入。',
  ])
    help.addRow([line]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业导入模板.xlsx')}`);
  return reply.send(buf);
}

export async function sendIndicatorTemplate(reply: FastifyReply) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('月度指标');
  ws.columns = INDICATOR_COLUMNS.map((c) => ({
    header: 'required' in c && c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ uscc: '91370406MA3C7Q1N7A', name: '示例企业（导入前请删除本行）', month: '2026-09', revenue: 1500000 });
  const help = wb.addWorksheet('填写说明');
  help.addRow([
    '统一社会信用代码与企业名称至少填一项；月份填 2026-09；金额以元为单位；同一企业同一月份已存在的数据会被更新。',
  ]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('月度指标导入模板.xlsx')}`);
  return reply.send(buf);
}

type RowError = { row: number; column: string; message: string };

/**
 * Enterprise import: every row validated and every problem reported as {row, column, message}; with no
 * errors and dryRun false, all rows are written in one transaction (created or updated), or none.
 */
export async function importEnterprises(ctx: AuthedCtx, file: Buffer, dryRun: boolean) {
  const sheet = await readSheet(file, {
    required: ENTERPRISE_COLUMNS.filter((c) => 'required' in c && c.required).map((c) => c.header),
    optional: ENTERPRISE_COLUMNS.filter((c) => !('required' in c && c.required)).map((c) => c.header),
    maxRows: MAX_IMPORT_ROWS,
  });
  const errors: RowError[] = [];
  const dicts = await dictMaps(ctx, ['industry_chain', 'stat_category', 'enterprise_tag']);
  const regionSet = new Set((await ctx.db.select({ code: regions.code }).from(regions)).map((r) => r.code as string));
  const industryRows = await ctx.db.select({ code: industries.code, parent: industries.parentCode }).from(industries);
  const industryParent = new Map(industryRows.map((r) => [r.code, r.parent]));
  const sectionOf = (code: string): string | null => {
    let c: string | null | undefined = code;
    while (c && !/^[A-T]$/.test(c)) c = industryParent.get(c);
    return c ?? null;
  };
  const today = todayCst();
  const scope = ctx.actor.scope;

  type Prepared = { row: number; values: Record<string, any>; usccKey: string | null; nameKey: string };
  const prepared: Prepared[] = [];
  const seenUscc = new Map<string, number>();
  const seenName = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const err = (column: string, message: string) => rowErrors.push({ row, column, message });
    const take = <T>(column: string, p: Parsed<T>): T | null => {
      if (!p.ok) {
        err(column, p.message);
        return null;
      }
      return p.value;
    };
    const c = (h: string): Cell => cells[h] ?? null;
    const name = take('企业名称', parseText(c('企业名称'), 100));
    if (!name) err('企业名称', '企业名称不能为空');
    else if (name.startsWith('示例：')) err('企业名称', '这是模板中的示例行，请删除后再导入');
    const shortName = take('简称', parseText(c('简称'), 50));
    let uscc = take('统一社会信用代码', parseText(c('统一社会信用代码'), 30));
    if (uscc) {
      const r = checkUscc(uscc);
      if (!r.ok) err('统一社会信用代码', usccMessage(r.problem!));
      uscc = r.value;
    }
    const regionRaw = take('所在地区划代码', parseText(c('所在地区划代码'), 20));
    const regionCode = regionRaw ? regionRaw.replace(/\.0+$/, '') : null;
    if (!regionCode) err('所在地区划代码', '所在地区划代码不能为空');
    else if (!/^\d{12}$/.test(regionCode)) err('所在地区划代码', `“${regionCode}”不是 12 位区划代码`);
    else if (!regionSet.has(regionCode)) err('所在地区划代码', `区划代码 ${regionCode} 不存在`);
    else if (scope.kind === 'region' && !regionWithin(regionCode, scope.regionCode))
      err('所在地区划代码', '该地区不在您的辖区内');
    const industryRaw = take('行业代码', parseText(c('行业代码'), 10));
    const industryCode = industryRaw ? industryRaw.replace(/\.0+$/, '').toUpperCase() : null;
    let industrySection: string | null = null;
    if (industryCode) {
      if (!industryParent.has(industryCode)) err('行业代码', `行业代码 ${industryCode} 不在 GB/T 4754-2017 中`);
      else industrySection = sectionOf(industryCode);
    }
    const dictValue = (column: string, type: string) => {
      const label = take(column, parseText(c(column), 50));
      if (!label) return null;
      const v = dicts.get(type)?.get(label);
      if (!v) err(column, `“${label}”不在字典中，请从下拉列表选择`);
      return v ?? null;
    };
    const chain = dictValue('产业链', 'industry_chain');
    const statCategory = dictValue('统计类别', 'stat_category');
    const targetRegister = dictValue('培育目标', 'stat_category');
    const statusLabel = take('入库状态', parseText(c('入库状态'), 10));
    const registerStatus = statusLabel ? STATUS_BY_LABEL[statusLabel] : 'below';
    if (statusLabel && !registerStatus) err('入库状态', `入库状态只能是 规下、在库 或 退库`);
    const tagsRaw = take('标签', parseText(c('标签'), 300));
    const tags: string[] = [];
    for (const t of (tagsRaw ?? '')
      .split(/[,，、;；]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const v = dicts.get('enterprise_tag')?.get(t);
      if (!v) err('标签', `标签“${t}”不在字典中`);
      else tags.push(v);
    }
    const registerDate = take('入库日期', parseDate(c('入库日期')));
    const establishedOn = take('成立日期', parseDate(c('成立日期')));
    for (const [col, d] of [
      ['入库日期', registerDate],
      ['成立日期', establishedOn],
    ] as const)
      if (d && d > today) err(col, '日期不能晚于今天');
    const contactPhone = take('联系电话', parseText(c('联系电话'), 20));
    if (contactPhone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(contactPhone))
      err('联系电话', `电话“${contactPhone}”格式不正确`);
    const registeredCapital = take('注册资本（元）', parseMoney(c('注册资本（元）')));
    const values = {
      name,
      shortName,
      uscc: uscc || null,
      regionCode,
      address: take('详细地址', parseText(c('详细地址'), 200)),
      industryCode,
      industrySection,
      industryDivision: industryCode && /^\d{2}/.test(industryCode) ? industryCode.slice(0, 2) : null,
      chain,
      statCategory,
      registerStatus,
      registerDate,
      targetRegister,
      tags,
      legalPerson: take('法定代表人', parseText(c('法定代表人'), 50)),
      contactName: take('联系人', parseText(c('联系人'), 50)),
      contactPhone,
      establishedOn,
      registeredCapital,
      note: take('备注', parseText(c('备注'), 2000)),
    };
    const nameKey = name ? normaliseName(name) : '';
    if (uscc && seenUscc.has(uscc)) err('统一社会信用代码', `与第 ${seenUscc.get(uscc)} 行的信用代码重复`);
    else if (nameKey && seenName.has(nameKey)) err('企业名称', `与第 ${seenName.get(nameKey)} 行的企业名称重复`);
    if (uscc) seenUscc.set(uscc, row);
    if (nameKey) seenName.set(nameKey, row);
    if (rowErrors.length) errors.push(...rowErrors);
    else prepared.push({ row, values, usccKey: uscc || null, nameKey });
  }

  // Match against the database: by USCC, then by normalised name; a conflict between the two is an error.
  const existing = new Map<
    number,
    { id: number; uscc: string | null; nameNorm: string; regionCode: string; version: number }
  >();
  const usccKeys = prepared.map((p) => p.usccKey).filter((x): x is string => !!x);
  const nameKeys = prepared.map((p) => p.nameKey);
  for (let i = 0; i < Math.max(usccKeys.length, nameKeys.length); i += 1000) {
    const u = usccKeys.slice(i, i + 1000);
    const n = nameKeys.slice(i, i + 1000);
    const rows = await ctx.db
      .select({
        id: enterprises.id,
        uscc: enterprises.uscc,
        nameNorm: enterprises.nameNorm,
        regionCode: enterprises.regionCode,
        version: enterprises.version,
      })
      .from(enterprises)
      .where(
        and(
          isNull(enterprises.deletedAt),
          sql`(${u.length ? inArray(enterprises.uscc, u) : sql`false`} or ${n.length ? inArray(enterprises.nameNorm, n) : sql`false`})`,
        ),
      );
    for (const r of rows) existing.set(r.id, r as any);
  }
  const byUscc = new Map([...existing.values()].filter((e) => e.uscc).map((e) => [e.uscc!, e]));
  const byName = new Map([...existing.values()].map((e) => [e.nameNorm, e]));
  const creates: Prepared[] = [];
  const updates: (Prepared & { id: number })[] = [];
  for (const p of prepared) {
    const a = p.usccKey ? byUscc.get(p.usccKey) : undefined;
    const b = byName.get(p.nameKey);
    if (a && b && a.id !== b.id) {
      errors.push({ row: p.row, column: '企业名称', message: '信用代码与名称分别匹配到系统中两家不同的企业，请核对' });
      continue;
    }
    const match = a ?? b;
    if (b && !a && b.uscc && p.usccKey && b.uscc !== p.usccKey) {
      errors.push({ row: p.row, column: '统一社会信用代码', message: `系统中已有同名企业，但信用代码为 ${b.uscc}` });
      continue;
    }
    if (match) {
      if (scope.kind === 'region' && !match.regionCode.startsWith(regionPrefix(scope.regionCode ?? '')))
        errors.push({ row: p.row, column: '企业名称', message: '系统中已有该企业，但不在您的辖区内，无法更新' });
      else updates.push({ ...p, id: match.id });
    } else creates.push(p);
  }
  errors.sort((x, y) => x.row - y.row);
  const report = { dryRun, total: sheet.rows.length, created: creates.length, updated: updates.length, errors };
  if (dryRun || errors.length) {
    if (!dryRun) report.created = report.updated = 0;
    await audit(ctx, {
      entity: 'enterprise_import',
      action: dryRun ? 'importDryRun' : 'importRejected',
      after: { rows: sheet.rows.length, errors: errors.length },
    });
    return report;
  }

  // One transaction (the route's): all rows or none.
  const now = new Date();
  for (let i = 0; i < creates.length; i += 500) {
    const batch = creates.slice(i, i + 500);
    const ids = await ctx.db
      .insert(enterprises)
      .values(
        batch.map((p) => ({
          ...p.values,
          ...nameFields(p.values.name, p.values.shortName),
          createdBy: ctx.actor.id,
          updatedBy: ctx.actor.id,
        })) as any,
      )
      .returning({ id: enterprises.id, name: enterprises.name });
    await ctx.db.insert(auditLog).values(
      ids.map((r) => ({
        userId: ctx.actor.id,
        username: ctx.actor.username,
        regionCode: ctx.actor.regionCode,
        ip: ctx.ip,
        module: 'enterprises',
        action: 'import',
        entity: 'enterprise',
        entityId: String(r.id),
        after: { enterpriseId: r.id, name: r.name, via: 'import' },
        requestId: ctx.requestId,
      })),
    );
  }
  for (const p of updates) {
    const { name, shortName, ...rest } = p.values;
    const set: Record<string, unknown> = {
      name,
      shortName,
      ...nameFields(name, shortName),
      updatedAt: now,
      updatedBy: ctx.actor.id,
    };
    for (const [k, v] of Object.entries(rest)) if (v !== null && !(Array.isArray(v) && !v.length)) set[k] = v;
    await ctx.db
      .update(enterprises)
      .set({ ...set, version: sql`${enterprises.version} + 1` } as any)
      .where(eq(enterprises.id, p.id));
  }
  if (updates.length) {
    for (let i = 0; i < updates.length; i += 500)
      await ctx.db.insert(auditLog).values(
        updates.slice(i, i + 500).map((p) => ({
          userId: ctx.actor.id,
          username: ctx.actor.username,
          regionCode: ctx.actor.regionCode,
          ip: ctx.ip,
          module: 'enterprises',
          action: 'import',
          entity: 'enterprise',
          entityId: String(p.id),
          after: { enterpriseId: p.id, name: p.values.name, via: 'import', updated: true },
          requestId: ctx.requestId,
        })),
      );
  }
  await audit(ctx, {
    entity: 'enterprise_import',
    entityId: null,
    after: { created: creates.length, updated: updates.length, rows: sheet.rows.length },
  });
  return report;
}

/** Monthly indicators by enterprise (USCC or name) and month; existing months are updated. */
export async function importIndicators(ctx: AuthedCtx, file: Buffer, dryRun: boolean) {
  const sheet = await readSheet(file, {
    required: INDICATOR_COLUMNS.filter((c) => 'required' in c && c.required).map((c) => c.header),
    optional: INDICATOR_COLUMNS.filter((c) => !('required' in c && c.required)).map((c) => c.header),
    maxRows: MAX_IMPORT_ROWS,
  });
  const errors: RowError[] = [];
  const scopeSql = (await import('./enterprises.service')).enterpriseScope(ctx);
  const ents = await ctx.db
    .select({ id: enterprises.id, uscc: enterprises.uscc, nameNorm: enterprises.nameNorm })
    .from(enterprises)
    .where(and(isNull(enterprises.deletedAt), scopeSql));
  const byUscc = new Map(ents.filter((e) => e.uscc).map((e) => [e.uscc!, e.id]));
  const byName = new Map(ents.map((e) => [e.nameNorm, e.id]));
  const latest = currentMonth().slice(0, 7);
  const seen = new Map<string, number>();
  const good: { row: number; enterpriseId: number; month: string; v: Record<string, any> }[] = [];
  for (const { row, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const err = (column: string, message: string) => rowErrors.push({ row, column, message });
    const take = <T>(column: string, p: Parsed<T>): T | null => {
      if (!p.ok) {
        err(column, p.message);
        return null;
      }
      return p.value;
    };
    const uscc = take('统一社会信用代码', parseText(cells.统一社会信用代码 ?? null, 30))?.toUpperCase() ?? null;
    const name = take('企业名称', parseText(cells.企业名称 ?? null, 100));
    let enterpriseId: number | undefined;
    if (uscc) {
      enterpriseId = byUscc.get(uscc);
      if (!enterpriseId) err('统一社会信用代码', `未找到信用代码为 ${uscc} 的企业（或不在您的辖区内）`);
    } else if (name) {
      enterpriseId = byName.get(normaliseName(name));
      if (!enterpriseId) err('企业名称', `未找到企业“${name}”（或不在您的辖区内）`);
    } else err('统一社会信用代码', '信用代码与企业名称至少填写一项');
    const month = take('月份', parseMonth(cells.月份 ?? null));
    if (!month) {
      if (!rowErrors.some((e) => e.column === '月份')) err('月份', '月份不能为空');
    } else if (month > latest) err('月份', `${month} 是未来月份`);
    const v = {
      revenue: take('营业收入（元）', parseMoney(cells['营业收入（元）'] ?? null)),
      output: take('工业总产值（元）', parseMoney(cells['工业总产值（元）'] ?? null)),
      profit: take('利润总额（元）', parseMoney(cells['利润总额（元）'] ?? null, { allowNegative: true })),
      employees: take('用工人数', parseInteger(cells.用工人数 ?? null, 0, 1_000_000)),
      electricity: take('用电量（千瓦时）', parseMoney(cells['用电量（千瓦时）'] ?? null)),
      tax: take('税收（元，税务口径）', parseMoney(cells['税收（元，税务口径）'] ?? null)),
    };
    if (enterpriseId && month) {
      const key = `${enterpriseId}:${month}`;
      if (seen.has(key)) err('月份', `与第 ${seen.get(key)} 行是同一企业同一月份`);
      seen.set(key, row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else good.push({ row, enterpriseId: enterpriseId!, month: month!, v });
  }
  const report = { dryRun, total: sheet.rows.length, created: 0, updated: 0, errors };
  const nothingWritten = async () => {
    await audit(ctx, {
      entity: 'indicator_import',
      action: dryRun ? 'importDryRun' : 'importRejected',
      after: { rows: sheet.rows.length, errors: errors.length },
    });
    return report;
  };
  if (!good.length) return nothingWritten();
  const existing = new Set<string>();
  const ids = [...new Set(good.map((g) => g.enterpriseId))];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await ctx.db
      .select({ e: enterpriseIndicators.enterpriseId, m: enterpriseIndicators.month })
      .from(enterpriseIndicators)
      .where(inArray(enterpriseIndicators.enterpriseId, ids.slice(i, i + 1000)));
    for (const r of rows) existing.add(`${r.e}:${r.m.slice(0, 7)}`);
  }
  for (const g of good) {
    if (existing.has(`${g.enterpriseId}:${g.month}`)) report.updated++;
    else report.created++;
  }
  if (dryRun || errors.length) {
    if (!dryRun) report.created = report.updated = 0;
    return nothingWritten();
  }
  const confirmed = ctx.actor.permissions.has('indicator:confirm');
  for (let i = 0; i < good.length; i += 500) {
    const batch = good.slice(i, i + 500);
    await ctx.db
      .insert(enterpriseIndicators)
      .values(
        batch.map((g) => ({
          enterpriseId: g.enterpriseId,
          regionCode: enterpriseRegion(g.enterpriseId),
          month: `${g.month}-01`,
          revenue: g.v.revenue,
          output: g.v.output,
          profit: g.v.profit,
          employees: g.v.employees,
          electricity: g.v.electricity,
          source: 'import' as const,
          status: (confirmed ? 'confirmed' : 'pending') as 'confirmed' | 'pending',
          confirmedBy: confirmed ? ctx.actor.id : null,
          confirmedAt: confirmed ? new Date() : null,
          createdBy: ctx.actor.id,
          updatedBy: ctx.actor.id,
        })),
      )
      .onConflictDoUpdate({
        target: [enterpriseIndicators.enterpriseId, enterpriseIndicators.month],
        set: {
          revenue: sql`excluded.revenue`,
          output: sql`excluded.output`,
          profit: sql`excluded.profit`,
          employees: sql`excluded.employees`,
          electricity: sql`excluded.electricity`,
          source: sql`excluded.source`,
          status: sql`excluded.status`,
          updatedAt: new Date(),
          updatedBy: ctx.actor.id,
          version: sql`${enterpriseIndicators.version} + 1`,
        },
      });
    const taxes = batch.filter((g) => g.v.tax !== null);
    if (taxes.length)
      await ctx.db
        .insert(enterpriseTaxes)
        .values(
          taxes.map((g) => ({
            enterpriseId: g.enterpriseId,
            regionCode: enterpriseRegion(g.enterpriseId),
            month: `${g.month}-01`,
            amount: g.v.tax,
            createdBy: ctx.actor.id,
          })),
        )
        .onConflictDoUpdate({
          target: [enterpriseTaxes.enterpriseId, enterpriseTaxes.month],
          set: { amount: sql`excluded.amount`, updatedAt: new Date(), updatedBy: ctx.actor.id },
        });
  }
  await audit(ctx, {
    entity: 'indicator_import',
    entityId: null,
    after: { created: report.created, updated: report.updated, rows: sheet.rows.length },
  });
  return report;
}
