import { idParam, isoDate, okResponse } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './study-tours.service';

export const studyToursRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: '学经验·谈体会·抓落实: tours, observations, lessons, measures and their tracked tasks',
    permission: 'cockpit:view',
    response: z.object({ items: z.array(z.unknown()) }),
    handler: (ctx) => svc.listTours(ctx),
  }),
  route({
    method: 'POST',
    url: '/tasks',
    summary: 'Turn a measure into a task with owner, deadline and what it concerns',
    permission: 'target:edit',
    audit: 'studyTours.task',
    body: z.object({
      measureId: z.number().int(),
      title: z.string().trim().min(2).max(200),
      ownerId: z.number().int().nullish(),
      deadline: isoDate,
      linkType: z.enum(['project', 'lead', 'enterprise']).nullish(),
      linkId: z.number().int().nullish(),
    }),
    response: z.object({ id: z.number().int() }),
    handler: (ctx, { body }) => svc.createTask(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/tasks/:id/status',
    summary: 'Move a task: todo, doing, done',
    permission: 'cockpit:view',
    audit: 'studyTours.taskStatus',
    params: idParam,
    body: z.object({ status: z.enum(['todo', 'doing', 'done']), version: z.number().int().min(1) }),
    response: okResponse,
    handler: (ctx, { params, body }) => svc.setTaskStatus(ctx, params.id, body.status, body.version),
  }),
];
