import { asc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import { AppError, notFound } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { users } from '../users/users.tables';
import { studyTours, tourMeasures, tourTasks } from './study-tours.tables';

const LINK: Record<string, string> = { project: '/projects/', lead: '/leads/', enterprise: '/enterprises/' };

export async function listTours(ctx: AuthedCtx) {
  const tours = await ctx.db.select().from(studyTours).orderBy(asc(studyTours.startedOn));
  const measures = tours.length
    ? await ctx.db
        .select()
        .from(tourMeasures)
        .where(
          inArray(
            tourMeasures.tourId,
            tours.map((t) => t.id),
          ),
        )
        .orderBy(asc(tourMeasures.id))
    : [];
  const tasks = measures.length
    ? await ctx.db
        .select()
        .from(tourTasks)
        .where(
          inArray(
            tourTasks.measureId,
            measures.map((m) => m.id),
          ),
        )
        .orderBy(asc(tourTasks.id))
    : [];
  const owners = new Map(
    (tasks.length
      ? await ctx.db
          .select({ id: users.id, n: users.displayName })
          .from(users)
          .where(
            inArray(
              users.id,
              tasks.map((t) => t.ownerId).filter((x): x is number => x != null),
            ),
          )
      : []
    ).map((u) => [u.id, u.n]),
  );
  const t0 = today();
  return {
    items: tours.map((t) => ({
      id: t.id,
      title: t.title,
      startedOn: t.startedOn,
      endedOn: t.endedOn,
      participants: t.participants,
      observations: t.observations,
      lessons: t.lessons,
      measures: measures
        .filter((m) => m.tourId === t.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          content: m.content,
          tasks: tasks
            .filter((k) => k.measureId === m.id)
            .map((k) => ({
              id: k.id,
              title: k.title,
              ownerId: k.ownerId,
              ownerName: k.ownerId ? (owners.get(k.ownerId) ?? null) : null,
              deadline: k.deadline,
              status: k.status,
              overdue: k.status !== 'done' && k.deadline < t0,
              link: k.linkType && k.linkId ? `${LINK[k.linkType]}${k.linkId}` : null,
              version: k.version,
            })),
        })),
    })),
  };
}

export async function createTask(
  ctx: AuthedCtx,
  b: {
    measureId: number;
    title: string;
    ownerId?: number | null;
    deadline: string;
    linkType?: 'project' | 'lead' | 'enterprise' | null;
    linkId?: number | null;
  },
) {
  const [m] = await ctx.db.select().from(tourMeasures).where(eq(tourMeasures.id, b.measureId));
  if (!m)
    throw new AppError('VALIDATION', [
      { path: 'body.measureId', message: ctx.lang === 'en' ? 'Unknown measure' : '措施不存在' },
    ]);
  if ((b.linkType == null) !== (b.linkId == null))
    throw new AppError('VALIDATION', [
      {
        path: 'body.linkId',
        message: ctx.lang === 'en' ? 'Give both the kind and the id' : '关联对象的类型与编号须同时填写',
      },
    ]);
  const [row] = await ctx.db
    .insert(tourTasks)
    .values({
      measureId: b.measureId,
      title: b.title,
      ownerId: b.ownerId ?? null,
      deadline: b.deadline,
      linkType: b.linkType ?? null,
      linkId: b.linkId ?? null,
      createdBy: ctx.actor.id,
    })
    .returning();
  await audit(ctx, {
    entity: 'tour_task',
    entityId: row!.id,
    after: { ...row, ...(b.linkType === 'enterprise' ? { enterpriseId: b.linkId } : {}) },
  });
  return { id: row!.id };
}

export async function setTaskStatus(ctx: AuthedCtx, id: number, status: 'todo' | 'doing' | 'done', version: number) {
  const [k] = await ctx.db.select().from(tourTasks).where(eq(tourTasks.id, id));
  if (!k) throw notFound();
  if (k.version !== version) throw new AppError('STALE_VERSION');
  await ctx.db
    .update(tourTasks)
    .set({ status, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${tourTasks.version} + 1` })
    .where(eq(tourTasks.id, id));
  await audit(ctx, { entity: 'tour_task', entityId: id, before: { status: k.status }, after: { status } });
  return { ok: true as const };
}
