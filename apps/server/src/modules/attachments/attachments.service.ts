import { and, asc, eq, isNull } from 'drizzle-orm';
import { audit } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { acceptFile, MAX_FILE_BYTES } from '../../core/files';
import type { AuthedCtx } from '../../core/http';
import { enterpriseScope } from '../enterprises/enterprises.service';
import { enterprises } from '../enterprises/enterprises.tables';
import { leadScope } from '../leads/leads.service';
import { leads } from '../leads/leads.tables';
import { projectScope } from '../projects/projects.service';
import { projects } from '../projects/projects.tables';
import { visits } from '../visits/visits.tables';
import { attachments } from './attachments.tables';

export type Entity = 'project' | 'lead' | 'visit';

const RIGHTS: Record<Entity, { read: string[]; write: string[] }> = {
  project: { read: ['project:list'], write: ['project:edit', 'project:report'] },
  lead: { read: ['lead:list'], write: ['lead:edit'] },
  visit: { read: ['visit:list'], write: ['visit:edit'] },
};

/**
 * The owning record must be visible to the actor (its module's scope) and the actor must hold the module's
 * read (or write) permission; otherwise 404/403, as for the record itself. Returns the enterprise it concerns.
 */
async function guard(ctx: AuthedCtx, entity: Entity, id: number, write: boolean): Promise<number | null> {
  const need = write ? RIGHTS[entity].write : RIGHTS[entity].read;
  if (!need.some((p) => ctx.actor.permissions.has(p))) throw new AppError('FORBIDDEN');
  if (entity === 'project') {
    const [p] = await ctx.db
      .select({ e: projects.enterpriseId })
      .from(projects)
      .where(and(eq(projects.id, id), isNull(projects.deletedAt), projectScope(ctx)));
    if (!p) throw notFound();
    return p.e;
  }
  if (entity === 'lead') {
    const [l] = await ctx.db
      .select({ e: leads.investorEnterpriseId })
      .from(leads)
      .where(and(eq(leads.id, id), leadScope(ctx)));
    if (!l) throw notFound();
    return l.e;
  }
  const [v] = await ctx.db
    .select({ e: visits.enterpriseId, dept: visits.departmentId })
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .where(
      and(
        eq(visits.id, id),
        ctx.actor.scope.kind === 'department'
          ? eq(visits.departmentId, ctx.actor.departmentId ?? -1)
          : enterpriseScope(ctx),
      ),
    );
  if (!v) throw notFound();
  return v.e;
}

const cols = {
  id: attachments.id,
  name: attachments.name,
  mime: attachments.mime,
  size: attachments.size,
  uploadedAt: attachments.uploadedAt,
  uploadedBy: attachments.uploadedByName,
};

export async function listAttachments(ctx: AuthedCtx, entity: Entity, id: number) {
  await guard(ctx, entity, id, false);
  const rows = await ctx.db
    .select(cols)
    .from(attachments)
    .where(and(eq(attachments.entity, entity), eq(attachments.entityId, id), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.id));
  return { items: rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() })) };
}

export async function addAttachment(
  ctx: AuthedCtx,
  entity: Entity,
  id: number,
  file: { filename: string; data: Buffer },
) {
  const enterpriseId = await guard(ctx, entity, id, true);
  if (file.data.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const mime = acceptFile(file.filename, file.data);
  if (!mime)
    throw new AppError('VALIDATION', [
      {
        path: 'file',
        message:
          ctx.lang === 'en'
            ? 'Only PDF, JPG, PNG, DOCX or XLSX files'
            : '只能上传 PDF、JPG、PNG、DOCX、XLSX 文件（内容须与扩展名一致）',
      },
    ]);
  const [row] = await ctx.db
    .insert(attachments)
    .values({
      entity,
      entityId: id,
      name: file.filename.slice(0, 200),
      mime,
      size: file.data.length,
      data: file.data,
      uploadedBy: ctx.actor.id,
      uploadedByName: ctx.actor.displayName,
    })
    .returning({ id: attachments.id });
  await audit(ctx, {
    entity,
    entityId: id,
    action: 'attach',
    after: { enterpriseId, attachmentId: row!.id, name: file.filename },
  });
  return { id: row!.id };
}

async function find(ctx: AuthedCtx, attachmentId: number) {
  const [a] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), isNull(attachments.deletedAt)));
  if (!a) throw notFound();
  return a;
}

export async function getAttachment(ctx: AuthedCtx, attachmentId: number) {
  const a = await find(ctx, attachmentId);
  await guard(ctx, a.entity, a.entityId, false);
  return a;
}

export async function deleteAttachment(ctx: AuthedCtx, attachmentId: number) {
  const a = await find(ctx, attachmentId);
  const enterpriseId = await guard(ctx, a.entity, a.entityId, true);
  await ctx.db.update(attachments).set({ deletedAt: new Date() }).where(eq(attachments.id, attachmentId));
  await audit(ctx, {
    entity: a.entity,
    entityId: a.entityId,
    action: 'detach',
    before: { name: a.name },
    after: { enterpriseId, attachmentId },
  });
}
