import { assignment, assignmentCreate, assignmentQuery, idParam, okResponse, page } from '@beizeng/contract';
import { route } from '../../core/http';
import * as svc from './assignments.service';

export const assignmentsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: '帮包 pairings (current and past)',
    permission: 'enterprise:list',
    query: assignmentQuery,
    response: page(assignment),
    handler: (ctx, { query }) => svc.listAssignments(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Pair a cadre with an enterprise; a new primary hands over and tells both sides',
    permission: 'assignment:edit',
    audit: 'assignments.create',
    body: assignmentCreate,
    response: assignment,
    handler: (ctx, { body }) => svc.createAssignment(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/:id/end',
    summary: 'End a pairing (kept in the history)',
    permission: 'assignment:edit',
    audit: 'assignments.end',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.endAssignment(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
