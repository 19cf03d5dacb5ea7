import { z } from 'zod';
import { isoDate, listQuery } from './common';
export const auditQuery = listQuery.extend({
  module: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  module: z.string(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export const loginLogQuery = listQuery.extend({
  username: z.string().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const loginLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  userId: z.number().int().nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
