import { BRIEF_KINDS, brief as briefSchema, regionCode } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import { parsePeriod } from '../cockpit/cockpit.service';
import { brief, briefDocx, briefXlsx } from './reports.service';

const q = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  region: regionCode.optional(),
});
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(kind: 'weekly' | 'monthly', ext: 'docx' | 'xlsx') {
  return route({
    method: 'GET',
    url: `/${kind}.${ext}`,
    summary: `The ${kind === 'weekly' ? 'weekly 调度' : 'monthly 经济运行'} brief as .${ext}`,
    permission: 'cockpit:view',
    query: q,
    raw: true,
    handler: async (ctx, { query }) => {
      const b = await brief(ctx, kind, parsePeriod(ctx, query.period, query.region));
      const buf = ext === 'docx' ? await briefDocx(b) : await briefXlsx(b);
      return ctx.reply
        .header('content-type', ext === 'docx' ? DOCX : XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${b.title}.${ext}`)}`)
        .send(buf);
    },
  });
}

export const reportsRoutes = [
  route({
    method: 'GET',
    url: '/brief',
    summary: 'A brief as JSON (for the printable page): sentences written from the data, and tables',
    permission: 'cockpit:view',
    query: q.extend({ kind: z.enum(BRIEF_KINDS) }),
    response: briefSchema,
    handler: (ctx, { query }) => brief(ctx, query.kind, parsePeriod(ctx, query.period, query.region)),
  }),
  download('weekly', 'docx'),
  download('weekly', 'xlsx'),
  download('monthly', 'docx'),
  download('monthly', 'xlsx'),
];
