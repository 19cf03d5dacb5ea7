import { idsParam, notificationQuery, notificationRow, okResponse, page } from '@beizeng/contract';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit';
import { notFound } from '../../core/errors';
import { route } from '../../core/http';
import { allOf, countAll, paginate } from '../../core/list';
import { notifications } from './notifications.tables';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const notificationsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'My notifications, newest first, with the unread count',
    permission: 'authenticated',
    query: notificationQuery,
    response: page(notificationRow).extend({ unread: z.number().int() }),
    handler: async (ctx, { query }) => {
      const mine = eq(notifications.userId, ctx.actor.id);
      const where = allOf(mine, query.unread === 'true' ? isNull(notifications.readAt) : undefined);
      const p = await paginate<any>(
        query,
        () => ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).$dynamic(),
        () => ctx.db.select({ n: countAll }).from(notifications).where(where),
      );
      const [u] = await ctx.db
        .select({ n: countAll })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)));
      return {
        ...p,
        unread: u?.n ?? 0,
        items: p.items.map((n: any) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          createdAt: iso(n.createdAt)!,
          readAt: iso(n.readAt),
        })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/:id/read',
    summary: 'Mark one notification read',
    permission: 'authenticated',
    audit: 'notifications.read',
    params: idsParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      const r = await ctx.db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, params.id), eq(notifications.userId, ctx.actor.id)))
        .returning({ id: notifications.id });
      if (!r.length) throw notFound();
      await audit(ctx, { entity: 'notification', entityId: params.id });
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/read-all',
    summary: 'Mark all my notifications read',
    permission: 'authenticated',
    audit: 'notifications.readAll',
    response: okResponse,
    handler: async (ctx) => {
      await ctx.db
        .update(notifications)
        .set({ readAt: sql`now()` })
        .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)));
      await audit(ctx, { entity: 'notification', entityId: null });
      return { ok: true as const };
    },
  }),
];
