import { industry } from '@beizeng/contract';
import { asc, eq, ilike, isNull, like, or } from 'drizzle-orm';
import { z } from 'zod';
import { route } from '../../core/http';
import { contains } from '../../core/list';
import { industries } from './industries.tables';

const cols = {
  code: industries.code,
  level: industries.level,
  name: industries.name,
  parentCode: industries.parentCode,
  isIndustrial: industries.isIndustrial,
};

export const industriesRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'GB/T 4754-2017: children of a code (门类 without parent) or a search',
    permission: 'authenticated',
    query: z.object({
      parent: z
        .string()
        .regex(/^[A-T]$|^\d{2,3}$/)
        .optional(),
      q: z.string().trim().min(1).max(50).optional(),
    }),
    response: z.object({ items: z.array(industry) }),
    handler: async (ctx, { query }) => ({
      items: await ctx.db
        .select(cols)
        .from(industries)
        .where(
          query.q
            ? or(
                like(industries.code, `${query.q.replace(/[^\dA-Z]/g, '')}%`),
                ilike(industries.name, contains(query.q)),
              )
            : query.parent
              ? eq(industries.parentCode, query.parent)
              : isNull(industries.parentCode),
        )
        .orderBy(asc(industries.code))
        .limit(200),
    }),
  }),
];
