import { idParam, listQuery, page } from '@beizeng/contract';
import { and, asc, eq, ilike, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../core/errors';
import { type AuthedCtx, route } from '../../core/http';
import { allOf, contains, countAll, orderBy, paginate } from '../../core/list';
import { scopeWhere } from '../../core/scope';
import { regions } from '../regions/regions.tables';
import { enterprises } from './enterprises.tables';

// The registry grows in the enterprises issue; the core serves pickers and the enterprise user's own record.
const summary = z.object({
  id: z.number().int(),
  name: z.string(),
  uscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  chain: z.string().nullable(),
  statCategory: z.string().nullable(),
  registerStatus: z.string().nullable(),
  isDemo: z.boolean(),
});
const cols = {
  id: enterprises.id,
  name: enterprises.name,
  uscc: enterprises.uscc,
  regionCode: enterprises.regionCode,
  regionName: regions.name,
  industryCode: enterprises.industryCode,
  chain: enterprises.chain,
  statCategory: enterprises.statCategory,
  registerStatus: enterprises.registerStatus,
  isDemo: enterprises.isDemo,
};
const inScope = (ctx: AuthedCtx) =>
  scopeWhere(ctx.actor.scope, { region: enterprises.regionCode, enterprise: enterprises.id });

export const enterprisesRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Enterprises in scope',
    permission: 'enterprise:list',
    query: listQuery,
    response: page(summary),
    handler: async (ctx, { query }) => {
      const where = allOf(
        isNull(enterprises.deletedAt),
        inScope(ctx),
        query.q
          ? or(ilike(enterprises.name, contains(query.q)), eq(enterprises.uscc, query.q.toUpperCase()))
          : undefined,
      );
      return paginate(
        query,
        () =>
          ctx.db
            .select(cols)
            .from(enterprises)
            .leftJoin(regions, eq(regions.code, enterprises.regionCode))
            .where(where)
            .orderBy(...orderBy(query.sort, { name: enterprises.name, id: enterprises.id }, asc(enterprises.id)))
            .$dynamic(),
        () => ctx.db.select({ n: countAll }).from(enterprises).where(where),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/:id',
    summary: 'An enterprise',
    permission: 'enterprise:list',
    params: idParam,
    response: summary,
    handler: async (ctx, { params }) => {
      const [e] = await ctx.db
        .select(cols)
        .from(enterprises)
        .leftJoin(regions, eq(regions.code, enterprises.regionCode))
        .where(and(eq(enterprises.id, params.id), isNull(enterprises.deletedAt), inScope(ctx)));
      if (!e) throw notFound();
      return e;
    },
  }),
];
