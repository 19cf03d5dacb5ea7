import {
  idParam,
  okResponse,
  poolEntry,
  poolEntryCreate,
  poolEntryUpdate,
  radarQuery,
  radarResponse,
  thresholdCreate,
  thresholdRow,
} from '@beizeng/contract';
import { z } from 'zod';
import { sendXlsx } from '../../core/excel';
import { route } from '../../core/http';
import * as svc from './cultivation.service';

const wan = (v: string) => Math.round(Number(v) / 100) / 100;

export const cultivationRoutes = [
  route({
    method: 'GET',
    url: '/radar',
    summary: '升规纳统 radar: enterprises not yet in a register against their thresholds',
    permission: 'cultivation:list',
    query: radarQuery,
    response: radarResponse,
    handler: (ctx, { query }) => svc.radar(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/radar/export',
    summary: 'Export the radar (xlsx)',
    permission: 'cultivation:list',
    query: radarQuery,
    raw: true,
    handler: (ctx, { query }) =>
      sendXlsx(
        ctx.reply,
        '升规纳统雷达.xlsx',
        '雷达',
        [
          { header: '企业名称', key: 'name', width: 36, value: (r) => r.name },
          { header: '所在地', key: 'region', value: (r) => r.regionName },
          { header: '目标类别', key: 'category', value: (r) => r.category },
          { header: '入库标准（万元）', key: 'threshold', value: (r) => wan(r.threshold) },
          { header: '近12个月营收（万元）', key: 't12', value: (r) => wan(r.trailing12) },
          { header: '本年累计（万元）', key: 'ytd', value: (r) => wan(r.ytd) },
          { header: '差距（万元）', key: 'gap', value: (r) => wan(r.gap) },
          { header: '达标比例', key: 'ratio', value: (r) => r.ratio },
          { header: '预计达标月份', key: 'cross', value: (r) => r.crossesIn },
          { header: '临规', key: 'near', value: (r) => (r.near ? '是' : '') },
          { header: '连续三月下滑', key: 'falling', value: (r) => (r.falling3 ? '是' : '') },
          { header: '培育干部', key: 'cadre', value: (r) => r.pool?.cadreName ?? null },
          { header: '目标年度', key: 'year', value: (r) => r.pool?.targetYear ?? null },
          { header: '标准来源', key: 'source', width: 50, value: (r) => r.thresholdSource },
        ],
        svc.radarAll(ctx, query),
      ),
  }),
  route({
    method: 'GET',
    url: '/thresholds',
    summary: 'Register thresholds (versioned, with sources)',
    permission: 'cultivation:list',
    response: z.object({ items: z.array(thresholdRow) }),
    handler: (ctx) => svc.listThresholds(ctx),
  }),
  route({
    method: 'POST',
    url: '/thresholds',
    summary: 'Add a threshold version',
    permission: 'cultivation:edit',
    audit: 'cultivation.createThreshold',
    body: thresholdCreate,
    response: thresholdRow,
    handler: (ctx, { body }) => svc.createThreshold(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/pool',
    summary: '培育库: enterprises being grown into a register',
    permission: 'cultivation:list',
    response: z.object({ items: z.array(poolEntry) }),
    handler: (ctx) => svc.listPool(ctx),
  }),
  route({
    method: 'POST',
    url: '/pool',
    summary: 'Add an enterprise to the cultivation pool',
    permission: 'cultivation:edit',
    audit: 'cultivation.addToPool',
    body: poolEntryCreate,
    response: poolEntry,
    handler: (ctx, { body }) => svc.addToPool(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/pool/:id',
    summary: 'Change a pool entry (cadre, target year, status)',
    permission: 'cultivation:edit',
    audit: 'cultivation.updatePool',
    params: idParam,
    body: poolEntryUpdate,
    response: poolEntry,
    handler: (ctx, { params, body }) => svc.updatePool(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/pool/:id',
    summary: 'Remove an enterprise from the pool',
    permission: 'cultivation:edit',
    audit: 'cultivation.removeFromPool',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.removeFromPool(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
