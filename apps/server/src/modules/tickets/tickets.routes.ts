import {
  idParam,
  page,
  ticketCreate,
  ticketDetail,
  ticketListQuery,
  ticketStats,
  ticketStatsQuery,
  ticketSummary,
  transitionBody,
} from '@beizeng/contract';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { route } from '../../core/http';
import * as svc from './tickets.service';
import { ticketStats as stats } from './tickets.stats';

export const ticketsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Tickets in scope (filter by state, category, card, department, 督办 …)',
    permission: 'ticket:list',
    query: ticketListQuery,
    response: page(ticketSummary),
    handler: (ctx, { query }) => svc.listTickets(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/stats',
    summary: '按期办结率, 实际解决率, 满意率, time per stage, by department, category or town; recurring problems',
    permission: 'ticket:list',
    query: ticketStatsQuery,
    response: ticketStats,
    handler: (ctx, { query }) => stats(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Register a ticket (an enterprise user registers for its own enterprise)',
    permission: 'ticket:edit',
    audit: 'tickets.create',
    body: ticketCreate,
    response: ticketDetail,
    handler: (ctx, { body }) => svc.createTicket(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/:id',
    summary: 'A ticket with its clocks, departments, 督办 orders, files, history and the actions open to me',
    permission: 'ticket:list',
    params: idParam,
    response: ticketDetail,
    handler: (ctx, { params }) => svc.getTicket(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/:id/transitions',
    summary: 'Take one workflow step; a step the state or your role does not allow answers 409/403 and changes nothing',
    permission: 'ticket:list',
    audit: 'tickets.transition',
    params: idParam,
    body: transitionBody,
    response: ticketDetail,
    handler: (ctx, { params, body }) => {
      if (body.action === 'escalate' && !ctx.actor.permissions.has('ticket:escalate')) throw new AppError('FORBIDDEN');
      if (body.action === 'supervise' && !ctx.actor.permissions.has('ticket:supervise'))
        throw new AppError('FORBIDDEN');
      return svc.transition(ctx, params.id, body);
    },
  }),
  route({
    method: 'POST',
    url: '/:id/files',
    summary: 'Attach a file (PDF, JPG, PNG, DOCX, XLSX; at most 10 MB)',
    permission: 'ticket:list',
    audit: 'tickets.file',
    params: idParam,
    query: z.object({ internal: z.enum(['true', 'false']).default('false') }),
    response: z.object({ id: z.number().int() }),
    handler: async (ctx, { params, query }) => {
      if (!ctx.req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const file = await ctx.req.file({ limits: { fileSize: svc.MAX_FILE_BYTES } });
      if (!file) throw new AppError('VALIDATION', [{ path: 'file', message: '请选择文件 / Choose a file' }]);
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return svc.addFile(ctx, params.id, { filename: file.filename, data, internal: query.internal === 'true' });
    },
  }),
  route({
    method: 'GET',
    url: '/:id/files/:fileId',
    summary: 'Download an attachment',
    permission: 'ticket:list',
    params: z.object({ id: idParam.shape.id, fileId: idParam.shape.id }),
    raw: true,
    handler: async (ctx, { params }) => {
      const f = await svc.getFile(ctx, params.id, params.fileId);
      return ctx.reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  }),
];
