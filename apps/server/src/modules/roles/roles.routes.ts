import { idParam, okResponse, role, roleCreate, roleUpdate } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './roles.service';

export const rolesRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'List roles with their permissions',
    permission: 'system:role:list',
    response: z.object({ items: z.array(role) }),
    handler: (ctx) => svc.listRoles(ctx),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Create a role',
    permission: 'system:role:edit',
    audit: 'roles.create',
    body: roleCreate,
    response: role,
    handler: (ctx, { body }) => svc.createRole(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/:id',
    summary: 'Update a role (its holders’ sessions end when rights change)',
    permission: 'system:role:edit',
    audit: 'roles.update',
    params: idParam,
    body: roleUpdate,
    response: role,
    handler: (ctx, { params, body }) => svc.updateRole(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Delete a role that is not built in and has no users',
    permission: 'system:role:edit',
    audit: 'roles.delete',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.deleteRole(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
