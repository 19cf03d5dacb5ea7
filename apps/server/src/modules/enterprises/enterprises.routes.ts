import {
  enterpriseCreate,
  enterpriseDetail,
  enterpriseListQuery,
  enterpriseSummary,
  enterpriseUpdate,
  idParam,
  importQuery,
  importReport,
  indicatorQuery,
  indicatorRow,
  indicatorUpsert,
  monthParam,
  okResponse,
  page,
  REGISTER_STATUS_LABELS,
  timelineItem,
} from '@beizeng/contract';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { sendXlsx } from '../../core/excel';
import { type AuthedCtx, route } from '../../core/http';
import {
  importEnterprises,
  importIndicators,
  sendEnterpriseTemplate,
  sendIndicatorTemplate,
} from './enterprises.excel';
import * as svc from './enterprises.service';
import * as ind from './indicators.service';

/** The uploaded .xlsx of a multipart request, as a buffer (size limited by the multipart plugin). */
export async function uploadedXlsx(ctx: AuthedCtx): Promise<Buffer> {
  if (!ctx.req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const file = await ctx.req.file();
  if (!file)
    throw new AppError('VALIDATION', [{ path: 'file', message: '请选择要上传的 .xlsx 文件 / Choose an .xlsx file' }]);
  if (!/\.xlsx$/i.test(file.filename))
    throw new AppError('VALIDATION', [
      { path: 'file', message: `只支持 .xlsx 文件，“${file.filename}”不是 / Only .xlsx files are accepted` },
    ]);
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  return buf;
}

const wan = (v: string | null) => (v == null ? null : Math.round(Number(v) / 100) / 100);

export const enterprisesRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Find enterprises in scope: name fragment, pinyin initials or USCC, filters, sort, page',
    permission: 'enterprise:list',
    query: enterpriseListQuery,
    response: page(enterpriseSummary),
    handler: (ctx, { query }) => svc.listEnterprises(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/export',
    summary: 'Export the filtered list (xlsx, streamed)',
    permission: 'enterprise:list',
    query: enterpriseListQuery,
    raw: true,
    handler: (ctx, { query }) =>
      sendXlsx(
        ctx.reply,
        '企业名录.xlsx',
        '企业',
        [
          { header: '企业名称', key: 'name', width: 36, value: (e) => e.name },
          { header: '统一社会信用代码', key: 'uscc', width: 22, value: (e) => e.uscc },
          { header: '所在地', key: 'region', value: (e) => e.regionName },
          {
            header: '行业',
            key: 'industry',
            width: 24,
            value: (e) => (e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : null),
          },
          { header: '产业链', key: 'chain', value: (e) => e.chain },
          { header: '统计类别', key: 'stat', value: (e) => e.statCategory },
          { header: '入库状态', key: 'status', value: (e) => REGISTER_STATUS_LABELS[e.registerStatus].zh },
          { header: '帮包干部', key: 'cadre', value: (e) => e.cadreName },
          { header: '近12个月营业收入（万元）', key: 'rev', width: 20, value: (e) => wan(e.revenue12) },
          { header: '荣誉', key: 'honours', value: (e) => e.honours.join(',') },
          { header: '演示数据', key: 'demo', value: (e) => (e.isDemo ? '是' : '') },
        ],
        svc.exportEnterprises(ctx, query),
      ),
  }),
  route({
    method: 'GET',
    url: '/import-template',
    summary: 'The enterprise import template (xlsx with dropdowns)',
    permission: 'enterprise:import',
    raw: true,
    handler: (ctx) => sendEnterpriseTemplate(ctx, ctx.reply),
  }),
  route({
    method: 'POST',
    url: '/import',
    summary:
      'Import enterprises from .xlsx (multipart); dryRun=true reports every bad row, false commits all or nothing',
    permission: 'enterprise:import',
    audit: 'enterprises.import',
    query: importQuery,
    response: importReport,
    handler: async (ctx, { query }) => importEnterprises(ctx, await uploadedXlsx(ctx), query.dryRun === 'true'),
  }),
  route({
    method: 'GET',
    url: '/indicators/import-template',
    summary: 'The monthly indicator import template',
    permission: 'enterprise:import',
    raw: true,
    handler: (ctx) => sendIndicatorTemplate(ctx.reply),
  }),
  route({
    method: 'POST',
    url: '/indicators/import',
    summary: 'Import monthly indicators from .xlsx (multipart), dry run first',
    permission: 'enterprise:import',
    audit: 'indicators.import',
    query: importQuery,
    response: importReport,
    handler: async (ctx, { query }) => importIndicators(ctx, await uploadedXlsx(ctx), query.dryRun === 'true'),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Create an enterprise (USCC checked; duplicates refused with a link)',
    permission: 'enterprise:edit',
    audit: 'enterprises.create',
    body: enterpriseCreate,
    response: enterpriseDetail,
    handler: (ctx, { body }) => svc.createEnterprise(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/:id',
    summary: 'An enterprise',
    permission: 'enterprise:list',
    params: idParam,
    response: enterpriseDetail,
    handler: (ctx, { params }) => svc.getEnterprise(ctx, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/:id',
    summary: 'Change an enterprise (version required; stale → 409)',
    permission: 'enterprise:edit',
    audit: 'enterprises.update',
    params: idParam,
    body: enterpriseUpdate,
    response: enterpriseDetail,
    handler: (ctx, { params, body }) => svc.updateEnterprise(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Delete an enterprise (soft; kept for history)',
    permission: 'enterprise:delete',
    audit: 'enterprises.delete',
    params: idParam,
    query: z.object({
      version: z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number),
    }),
    response: okResponse,
    handler: async (ctx, { params, query }) => {
      await svc.deleteEnterprise(ctx, params.id, query.version);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/:id/contact-phone',
    summary: 'The unmasked contact phone (audited)',
    permission: 'pii:view',
    audit: 'enterprises.unmask',
    params: idParam,
    response: z.object({ phone: z.string().nullable() }),
    handler: (ctx, { params }) => svc.revealContactPhone(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/:id/timeline',
    summary: 'Everything that touched the enterprise, newest first',
    permission: 'enterprise:list',
    params: idParam,
    response: z.object({ items: z.array(timelineItem) }),
    handler: (ctx, { params }) => svc.timeline(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/:id/indicators',
    summary: 'Monthly indicators with 累计, 同比 and 环比',
    permission: 'enterprise:list',
    params: idParam,
    query: indicatorQuery,
    response: z.object({ items: z.array(indicatorRow) }),
    handler: (ctx, { params, query }) => ind.listIndicators(ctx, params.id, query),
  }),
  route({
    method: 'PUT',
    url: '/:id/indicators',
    summary: 'Report one month (an enterprise user’s report waits for a cadre’s confirmation)',
    permission: 'indicator:report',
    audit: 'indicators.report',
    params: idParam,
    body: indicatorUpsert,
    response: indicatorRow,
    handler: (ctx, { params, body }) => ind.upsertIndicator(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/:id/indicators/:month/confirm',
    summary: 'Confirm a self-reported month',
    permission: 'indicator:confirm',
    audit: 'indicators.confirm',
    params: monthParam,
    response: indicatorRow,
    handler: (ctx, { params }) => ind.confirmIndicator(ctx, params.id, params.month),
  }),
];
