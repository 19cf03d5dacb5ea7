import { department, departmentCreate, departmentUpdate, idParam, okResponse } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './departments.service';

export const departmentsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'The department directory (town offices and district departments)',
    permission: 'authenticated',
    response: z.object({ items: z.array(department) }),
    handler: (ctx) => svc.listDepartments(ctx),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Create a department',
    permission: 'system:dept:edit',
    audit: 'departments.create',
    body: departmentCreate,
    response: department,
    handler: (ctx, { body }) => svc.createDepartment(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/:id',
    summary: 'Update a department',
    permission: 'system:dept:edit',
    audit: 'departments.update',
    params: idParam,
    body: departmentUpdate,
    response: department,
    handler: (ctx, { params, body }) => svc.updateDepartment(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Delete an empty department',
    permission: 'system:dept:edit',
    audit: 'departments.delete',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.deleteDepartment(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
