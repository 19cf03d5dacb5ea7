import { idParam, okResponse } from '@beizeng/contract';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { MAX_FILE_BYTES } from '../../core/files';
import { route } from '../../core/http';
import * as svc from './attachments.service';

const owner = z.object({
  entity: z.enum(['project', 'lead', 'visit']),
  entityId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
const item = z.object({
  id: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});

// Permission is checked per owning record in the service (a project's files need project rights, and so on).
export const attachmentsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Photos and files of a project, lead or visit',
    permission: 'authenticated',
    query: owner,
    response: z.object({ items: z.array(item) }),
    handler: (ctx, { query }) => svc.listAttachments(ctx, query.entity, query.entityId),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Attach a photo or file (JPG, PNG, PDF, DOCX, XLSX; at most 10 MB; content checked)',
    permission: 'authenticated',
    audit: 'attachments.add',
    query: owner,
    response: z.object({ id: z.number().int() }),
    handler: async (ctx, { query }) => {
      if (!ctx.req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const file = await ctx.req.file({ limits: { fileSize: MAX_FILE_BYTES } });
      if (!file) throw new AppError('VALIDATION', [{ path: 'file', message: '请选择文件 / Choose a file' }]);
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return svc.addAttachment(ctx, query.entity, query.entityId, { filename: file.filename, data });
    },
  }),
  route({
    method: 'GET',
    url: '/:id/download',
    summary: 'Download an attachment',
    permission: 'authenticated',
    params: idParam,
    raw: true,
    handler: async (ctx, { params }) => {
      const a = await svc.getAttachment(ctx, params.id);
      return ctx.reply
        .header('content-type', a.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.data);
    },
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Remove an attachment',
    permission: 'authenticated',
    audit: 'attachments.delete',
    params: idParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.deleteAttachment(ctx, params.id);
      return { ok: true as const };
    },
  }),
];
