import {
  idParam,
  okResponse,
  page,
  user,
  userCreate,
  userListQuery,
  userResetPasswordBody,
  userStatusBody,
  userUpdate,
} from '@beizeng/contract';
import { z } from 'zod';
import { sendXlsx } from '../../core/excel';
import { route } from '../../core/http';
import * as svc from './users.service';

export const usersRoutes = [
  route({
    method: 'GET',
    url: '/lookup',
    summary: 'Colleagues in my region for pickers (cadres, leaders, 责任人): id, name, roles only',
    permission: 'authenticated',
    query: z.object({ role: z.string().max(32).optional(), q: z.string().max(50).optional() }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.number().int(),
          displayName: z.string(),
          roles: z.array(z.string()),
          regionName: z.string().nullable(),
        }),
      ),
    }),
    handler: (ctx, { query }) => svc.lookupUsers(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/',
    summary: 'List users in scope',
    permission: 'system:user:list',
    query: userListQuery,
    response: page(user),
    handler: (ctx, { query }) => svc.listUsers(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/export',
    summary: 'Export users (xlsx)',
    permission: 'system:user:list',
    query: userListQuery,
    raw: true,
    handler: (ctx, { query }) =>
      sendXlsx(
        ctx.reply,
        '用户.xlsx',
        'users',
        [
          { header: '用户名', key: 'username', value: (u) => u.username },
          { header: '姓名', key: 'displayName', value: (u) => u.displayName },
          { header: '手机', key: 'phone', value: (u) => u.phone },
          { header: '角色', key: 'roles', value: (u) => u.roles.join(',') },
          { header: '区划', key: 'region', value: (u) => u.regionName },
          { header: '部门', key: 'dept', value: (u) => u.departmentName },
          { header: '企业', key: 'ent', value: (u) => u.enterpriseName },
          { header: '状态', key: 'status', value: (u) => (u.status === 'active' ? '启用' : '停用') },
          { header: '最近登录', key: 'last', value: (u) => u.lastLoginAt },
        ],
        svc.exportUsers(ctx, query),
      ),
  }),
  route({
    method: 'GET',
    url: '/:id',
    summary: 'Get a user',
    permission: 'system:user:list',
    params: idParam,
    response: user,
    handler: (ctx, { params }) => svc.getUser(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/:id/phone',
    summary: 'Unmasked phone number (audited)',
    permission: 'pii:view',
    audit: 'users.unmask',
    params: idParam,
    response: z.object({ phone: z.string().nullable() }),
    handler: (ctx, { params }) => svc.unmaskPhone(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Create a user',
    permission: 'system:user:edit',
    audit: 'users.create',
    body: userCreate,
    response: user,
    handler: (ctx, { body }) => svc.createUser(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/:id',
    summary: 'Update a user (roles or scope changes end their sessions)',
    permission: 'system:user:edit',
    audit: 'users.update',
    params: idParam,
    body: userUpdate,
    response: user,
    handler: (ctx, { params, body }) => svc.updateUser(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/:id/status',
    summary: 'Enable or disable a user (disabling ends their sessions)',
    permission: 'system:user:edit',
    audit: 'users.status',
    params: idParam,
    body: userStatusBody,
    response: user,
    handler: (ctx, { params, body }) => svc.setStatus(ctx, params.id, body.status, body.version),
  }),
  route({
    method: 'POST',
    url: '/:id/reset-password',
    summary: 'Set a new password that the user must change at next login',
    permission: 'system:user:reset',
    audit: 'users.resetPassword',
    params: idParam,
    body: userResetPasswordBody,
    response: okResponse,
    handler: async (ctx, { params, body }) => {
      await svc.resetPassword(ctx, params.id, body.password);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/:id/reset-totp',
    summary: 'Turn off a user’s two-factor authentication (lost phone); ends their sessions',
    permission: 'system:user:reset',
    audit: 'users.resetTotp',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.resetTotp(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
