import { page, visit, visitCreate, visitQuery } from '@beizeng/contract';
import { route } from '../../core/http';
import * as svc from './visits.service';

export const visitsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Visits (the shared calendar of an enterprise with enterpriseId, a range with from/to)',
    permission: 'visit:list',
    query: visitQuery,
    response: page(visit),
    handler: (ctx, { query }) => svc.listVisits(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Record a visit; needs found may become tickets; a recent visit must be acknowledged (无事不扰)',
    permission: 'visit:edit',
    audit: 'visits.create',
    body: visitCreate,
    response: visit,
    handler: (ctx, { body }) => svc.createVisit(ctx, body),
  }),
];
