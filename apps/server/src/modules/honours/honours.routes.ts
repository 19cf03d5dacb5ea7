import {
  checklist,
  honourCreate,
  honourListQuery,
  honourRow,
  honourUpdate,
  idParam,
  isoDate,
  okResponse,
  page,
  poolRow,
} from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './honours.service';

export const honoursRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Honours of enterprises in scope (filter expiring=true for those within the warning window)',
    permission: 'honour:list',
    query: honourListQuery,
    response: page(honourRow),
    handler: (ctx, { query }) => svc.listHonours(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Record an honour',
    permission: 'honour:edit',
    audit: 'honours.create',
    body: honourCreate,
    response: honourRow,
    handler: (ctx, { body }) => svc.createHonour(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/:id',
    summary: 'Change an honour record',
    permission: 'honour:edit',
    audit: 'honours.update',
    params: idParam,
    body: honourUpdate,
    response: honourRow,
    handler: (ctx, { params, body }) => svc.updateHonour(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Delete an honour record',
    permission: 'honour:edit',
    audit: 'honours.delete',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.deleteHonour(ctx, params.id);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/checklist/:id',
    summary: 'Criteria met, missing or unknown for each honour, in the regime in force on the date',
    permission: 'honour:list',
    params: idParam,
    query: z.object({ date: isoDate.optional() }),
    response: checklist,
    handler: (ctx, { params, query }) => svc.checklist(ctx, params.id, query.date),
  }),
  route({
    method: 'GET',
    url: '/pools',
    summary: 'Tiered local pools ("521" …) with their members in scope',
    permission: 'honour:list',
    response: z.object({ items: z.array(poolRow) }),
    handler: (ctx) => svc.listPools(ctx),
  }),
  route({
    method: 'PUT',
    url: '/pools/:id/members/:enterpriseId',
    summary: 'Put an enterprise in a tier of a pool (tier null removes it)',
    permission: 'honour:edit',
    audit: 'honours.poolMember',
    params: z.object({ id: idParam.shape.id, enterpriseId: idParam.shape.id }),
    body: z.object({ tier: z.string().max(32).nullable() }),
    response: okResponse,
    handler: async (ctx, { params, body }) => {
      await svc.setPoolMember(ctx, params.id, params.enterpriseId, body.tier);
      return { ok: true as const };
    },
  }),
];
