import { idParam, investmentPlan, investmentPlanCreate, investmentPlanUpdate } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './investment-plans.service';

export const investmentPlansRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: '招商引资方案 with targets, leading group and progress',
    permission: 'lead:list',
    response: z.object({ items: z.array(investmentPlan) }),
    handler: (ctx) => svc.listPlans(ctx),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Create a year’s plan for a region',
    permission: 'lead:plan',
    audit: 'investmentPlans.create',
    body: investmentPlanCreate,
    response: investmentPlan,
    handler: (ctx, { body }) => svc.createPlan(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/:id',
    summary: 'Change a plan (version)',
    permission: 'lead:plan',
    audit: 'investmentPlans.update',
    params: idParam,
    body: investmentPlanUpdate,
    response: investmentPlan,
    handler: (ctx, { params, body }) => svc.updatePlan(ctx, params.id, body),
  }),
];
