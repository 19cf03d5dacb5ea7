import { isoDate } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './benchmarks.service';

export const benchmarksRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary:
      '对标: peers and their figures (with sources and dates), side by side with the town, the gaps and what the pipeline would close',
    permission: 'cockpit:view',
    response: z.object({ regions: z.array(z.unknown()), comparison: z.array(z.unknown()) }),
    handler: (ctx) => svc.listBenchmarks(ctx),
  }),
  route({
    method: 'PUT',
    url: '/values',
    summary: 'Add or correct a peer figure',
    permission: 'target:edit',
    audit: 'benchmarks.value',
    body: z.object({
      id: z.number().int().optional(),
      regionId: z.number().int(),
      indicator: z.string().max(40),
      value: z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, { message: '请填写数字 / a number' }),
      note: z.string().max(300).nullish(),
      source: z.string().trim().min(2).max(300),
      asOf: isoDate,
    }),
    response: z.object({ id: z.number().int() }),
    handler: (ctx, { body }) => svc.upsertValue(ctx, body),
  }),
];
